package dev.vigil.engine;

/** Another sentinel monitoring the same primary, discovered through hellos. */
final class PeerSentinel extends Instance {
  private final Primary primary;

  /** SRI_PRIMARY_DOWN: that sentinel says the primary is down. */
  boolean masterDown;

  long lastMasterDownReplyTime = EngineCore.NEVER;

  /** Whom that sentinel told us it voted for, and in which epoch. */
  String leader;

  long leaderEpoch;
  long lastHelloTime;

  /** Last hello actually received from this sentinel (NEVER if only known from the config). */
  long helloReceivedAt = EngineCore.NEVER;

  long askPendingSince = EngineCore.NEVER;

  PeerSentinel(Primary primary, InstanceAddress address, int port, String runid, long now) {
    super(address, port);
    this.primary = primary;
    this.runid = runid;
    this.downAfterMs = primary.downAfterMs;
    this.lastHelloTime = now;
  }

  @Override
  Endpoint endpoint() {
    return Endpoint.sentinel(givenHost(), port);
  }

  @Override
  Primary primary() {
    return primary;
  }

  @Override
  String typeName() {
    return "sentinel";
  }

  @Override
  String name() {
    return runid;
  }
}
