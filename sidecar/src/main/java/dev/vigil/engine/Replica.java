package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;

/** A replica of a monitored primary, discovered from the primary's INFO or from the config. */
final class Replica extends Instance {
  static final int DEFAULT_PRIORITY = 100;

  private final Primary primary;

  /** Where {@link Primary#replicas} keeps it: {@code host:port} at creation. */
  final String key;

  /**
   * Sentinel's name for it, fixed at creation: {@code ip:port}, {@code :port} for a name that did
   * not resolve then.
   */
  final String shownName;

  long masterLinkDownTime;
  int priority = DEFAULT_PRIORITY;
  boolean announced = true;
  String masterHost;
  int masterPort;
  boolean masterLinkUp;
  long replOffset;
  long confChangeTime;

  boolean promoted;
  boolean reconfSent;
  boolean reconfInprog;
  boolean reconfDone;
  long reconfSentTime = EngineCore.NEVER;

  /** Last time we sent this replica a reconfiguration outside a failover (rate limit). */
  long lastFixSentTime = EngineCore.NEVER;

  /** Last time the replica came back from S_DOWN (0 never), for the fast convert rule. */
  long lastUpSince = EngineCore.NEVER;

  /**
   * When we first saw this node as a primary with its current replication id (NEVER while it
   * reports slave): a re-promotion shows as a new id even if we never saw the replica phase.
   */
  long masterSince = EngineCore.NEVER;

  /** The {@link #masterSince} for which we forced our hellos once (fast conversion), or NEVER. */
  long hellosForcedFor = EngineCore.NEVER;

  String replId;

  Replica(Primary primary, String host, int port, long now) {
    this(primary, new InstanceAddress(host, null, false), port, now);
  }

  Replica(Primary primary, InstanceAddress address, int port, long now) {
    super(address, port);
    this.primary = primary;
    this.key = new HostPort(address.host(), port).key();
    this.shownName = new HostPort(shownHost(), port).key();
    this.downAfterMs = primary.downAfterMs;
    this.roleReported = InfoReport.ROLE_SLAVE;
    this.roleReportedTime = now;
    this.confChangeTime = now;
  }

  @Override
  Endpoint endpoint() {
    return Endpoint.data(givenHost(), port);
  }

  @Override
  Primary primary() {
    return primary;
  }

  @Override
  String typeName() {
    return "slave";
  }

  @Override
  String name() {
    return shownName;
  }

  HostPort address() {
    return new HostPort(host, port);
  }
}
