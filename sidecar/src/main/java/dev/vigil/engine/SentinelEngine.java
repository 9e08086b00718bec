package dev.vigil.engine;

import dev.vigil.engine.state.SentinelState;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The Sentinel engine (contract; implementation in progress).
 *
 * <p>Lifecycle: construct with the state read from the config file, call {@link #start()} once,
 * then on the owning thread call {@link #handle(Inbound)} for every message, the command methods
 * for client/JMX requests, and {@link #poll(long)} whenever the deadline it last returned has
 * passed (or earlier: polling early is always safe). The engine is event-driven: it reacts inside
 * {@code handle} (e.g. asks peers the moment a primary goes SDOWN, votes the moment a request
 * arrives) rather than waiting for a tick.
 */
public final class SentinelEngine {

  public SentinelEngine(
      SentinelState initial,
      EngineOptions options,
      Clock clock,
      RandomGenerator random,
      Outbox outbox,
      EventSink events,
      StateStore store) {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  /**
   * Generates and persists myid if missing, emits {@code +monitor} for every configured primary.
   */
  public void start() {
    throw new UnsupportedOperationException();
  }

  /**
   * Runs every timer due at {@code nowMs} (monotonic) and returns the next deadline (monotonic).
   */
  public long poll(long nowMs) {
    throw new UnsupportedOperationException();
  }

  /** Processes one message from the transport. */
  public void handle(Inbound message) {
    throw new UnsupportedOperationException();
  }

  /**
   * {@code SENTINEL IS-MASTER-DOWN-BY-ADDR}: the vote (if any) is persisted before this returns.
   */
  public IsDownAnswer isMasterDownByAddr(String ip, int port, long requestEpoch, String runid) {
    throw new UnsupportedOperationException();
  }

  /** A hello received through {@code PUBLISH __sentinel__:hello} from a peer. */
  public void processHello(String payload) {
    throw new UnsupportedOperationException();
  }

  /** {@code SENTINEL FAILOVER <name>}: null on success, else the Sentinel error text. */
  public String failover(String masterName) {
    throw new UnsupportedOperationException();
  }

  /** The current state as an immutable value (what the config file holds). */
  public SentinelState state() {
    throw new UnsupportedOperationException();
  }

  /** Answer to is-master-down-by-addr: {@code [down, leader or "*", leaderEpoch]}. */
  public record IsDownAnswer(boolean down, String leader, long leaderEpoch) {}

  /** Placeholder so the contract compiles; replaced by the implementation's command surface. */
  static List<String> commands() {
    return List.of();
  }
}
