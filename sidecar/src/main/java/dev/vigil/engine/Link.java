package dev.vigil.engine;

/**
 * The connections to one endpoint ({@code instanceLink}): the command link and, for data nodes, the
 * pub/sub link, with the ping timers of spec §1. Shared by every instance with the same endpoint (a
 * peer sentinel known under several primaries), counted by {@link #refcount}.
 *
 * <p>{@link #disconnected()} follows Sentinel: a link that is being connected is not
 * "disconnected"; commands are only sent once the transport reported the link up.
 */
final class Link {
  /** Connection state of one of the two links. */
  enum State {
    DOWN,
    CONNECTING,
    UP
  }

  final Endpoint endpoint;
  int refcount;
  State cc = State.DOWN;
  State pc = State.DOWN;

  /**
   * For an endpoint named by host name: the IP it last resolved to, where connections go (null
   * before it ever resolved). Kept when the name stops resolving, as Sentinel keeps {@code
   * ri->addr} (only a successful resolution replaces it).
   */
  String address;

  /** The local address of the command socket, announced in hellos when announce-ip is unset. */
  String localIp;

  int pendingCommands;
  long ccConnTime = EngineCore.NEVER;
  long pcConnTime = EngineCore.NEVER;
  long pcLastActivity = EngineCore.NEVER;

  /** Last valid PING reply. */
  long lastAvailTime;

  /** Oldest unanswered PING, {@link EngineCore#NEVER} if none. */
  long actPingTime;

  long lastPingTime = EngineCore.NEVER;

  /** Last PING reply of any kind. */
  long lastPongTime;

  long lastReconnTime = EngineCore.NEVER;

  /** LinkDown messages we caused with a Disconnect and must not count as new failures. */
  int expectedCcDowns;

  int expectedPcDowns;

  Link(Endpoint endpoint, long now) {
    this.endpoint = endpoint;
    this.actPingTime = now;
    this.lastAvailTime = now;
    this.lastPongTime = now;
  }

  boolean isDataNode() {
    return endpoint.kind() == Endpoint.Kind.DATA;
  }

  /** Sentinel's {@code link->disconnected}: a connection object is missing. */
  boolean disconnected() {
    return cc == State.DOWN || (isDataNode() && pc == State.DOWN);
  }

  /** Commands can be written now. */
  boolean commandReady() {
    return cc == State.UP;
  }

  /** Send a PING at the next opportunity (a kept connection standing in for a fresh one). */
  boolean pingWanted;

  /**
   * A reset instance gets the timers of a fresh link, as Sentinel creates one. A connection that
   * stays open keeps its true history instead and pings at once, as a fresh connection would.
   */
  void restart(long now) {
    if (cc == State.UP) {
      pingWanted = true;
    } else {
      resetTimers(now);
    }
  }

  void resetTimers(long now) {
    actPingTime = now;
    lastAvailTime = now;
    lastPongTime = now;
    lastPingTime = EngineCore.NEVER;
  }
}
