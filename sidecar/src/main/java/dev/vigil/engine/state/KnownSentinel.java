package dev.vigil.engine.state;

/** A peer sentinel as persisted by {@code sentinel known-sentinel <master> <ip> <port> <runid>}. */
public record KnownSentinel(String host, int port, String runid) {}
