package dev.vigil.engine;

/**
 * What the three kinds of monitored instances share ({@code sentinelValkeyInstance}): address,
 * link, run id, SDOWN tracking and, for data nodes, the INFO bookkeeping.
 */
abstract sealed class Instance permits Primary, Replica, PeerSentinel {
  /**
   * The address the instance is kept and compared under: an IP literal, or with {@code
   * announce-hostnames yes} the name (see {@link EngineCore#instanceAddress}). A name that has not
   * resolved yet stands for itself here (and is shown as {@code ""}, see {@link #shownHost}).
   */
  String host;

  /**
   * Sentinel's {@code addr->hostname} when it differs from the IP: the name the instance was given
   * by (config, MONITOR, INFO, hello) under {@code resolve-hostnames yes}, resolved again before
   * every reconnection; null for an instance given by IP.
   */
  String hostname;

  /** The name did not resolve (with {@code announce-hostnames no}): Sentinel's {@code ip = ""}. */
  boolean unresolved;

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

  /** Send INFO at the next opportunity regardless of the period. */
  boolean infoWantedNow;

  long lastPubTime = EngineCore.NEVER;
  long helloPendingSince = EngineCore.NEVER;

  Instance(InstanceAddress address, int port) {
    this.host = address.host();
    this.hostname = address.hostname();
    this.unresolved = address.unresolved();
    this.port = port;
  }

  /**
   * Where links go: the host name for an instance known by name (its address may change between
   * connections), else the IP.
   */
  abstract Endpoint endpoint();

  /**
   * The host as given: the name if there is one, else the IP. {@link #endpoint} names it, and an
   * equivalent instance is created from it (a reset re-creates replicas by name, as Sentinel does).
   */
  String givenHost() {
    return hostname != null ? hostname : host;
  }

  /**
   * {@code announceSentinelAddr}: the address replies and events show; {@code ""} while the name
   * has not resolved, as Sentinel shows it.
   */
  String shownHost() {
    return unresolved ? "" : host;
  }

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
