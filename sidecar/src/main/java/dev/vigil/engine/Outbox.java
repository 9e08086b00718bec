package dev.vigil.engine;

/** Where the engine's requests go; the transport answers later with {@link Inbound} messages. */
@FunctionalInterface
public interface Outbox {
  void send(Outbound request);
}
