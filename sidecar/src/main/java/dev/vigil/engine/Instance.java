package dev.vigil.engine;

/**
 * What the three kinds of monitored instances share ({@code sentinelValkeyInstance}): address,
 * link, run id, SDOWN tracking and, for data nodes, the INFO bookkeeping.
 */
abstract sealed class Instance permits Primary, Replica, PeerSentinel {
  String host;
  int port;
  Link link;
  String runid;
  long downAfterMs;

  boolean sDown;

  /** Not cleared on {@code -sdown} (Sentinel relies on that in {@code NoDownFor}). */
  long sDownSince = EngineCore.NEVER;

  boolean scriptKillSent;
  boolean masterReboot;
  long primaryRebootSinceTime = EngineCore.NEVER;

  // INFO bookkeeping (data nodes only)
  String info;
  long infoRefresh = EngineCore.NEVER;
  String roleReported;
  long roleReportedTime;

  /** Monotonic time an INFO request was sent and not yet answered, NEVER if none. */
  long infoPendingSince = EngineCore.NEVER;

  /** Fast mode: send INFO at the next opportunity regardless of the period. */
  boolean infoWantedNow;

  long lastPubTime = EngineCore.NEVER;
  long helloPendingSince = EngineCore.NEVER;

  Instance(String host, int port) {
    this.host = host;
    this.port = port;
  }

  abstract Endpoint endpoint();

  /** The primary this instance belongs to (itself for a primary). */
  abstract Primary primary();

  /** {@code master}, {@code slave} or {@code sentinel}, as in {@code %@}. */
  abstract String typeName();

  /** The instance name: configured name, {@code ip:port} or run id. */
  abstract String name();

  boolean disconnected() {
    return link == null || link.disconnected();
  }

  /** {@code sentinelValkeyInstanceNoDownFor}. */
  boolean noDownFor(long ms, long now) {
    long mostRecent = sDownSince;
    if (this instanceof Primary p && p.oDownSince > mostRecent) {
      mostRecent = p.oDownSince;
    }
    return (now - mostRecent) > ms;
  }
}
