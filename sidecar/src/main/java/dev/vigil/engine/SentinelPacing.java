package dev.vigil.engine;

import java.util.random.RandomGenerator;

/** Sentinel's own timings: every answer is what {@code sentinel.c} does. */
final class SentinelPacing extends FailoverPacing {
  /**
   * Sentinel starts a failover at its next timer tick, and randomizes the tick period (52–100 ms),
   * which keeps sentinels that see O_DOWN at the same moment from all starting, voting for
   * themselves and splitting the vote. The event-driven engine would see O_DOWN in the same
   * millisecond everywhere, so it waits a random 0–100 ms instead.
   */
  static final int START_JITTER_MS = 100;

  @Override
  public String configName() {
    return "sentinel";
  }

  @Override
  long pingIntervalMs(Instance ri, long sentinelIntervalMs) {
    return sentinelIntervalMs;
  }

  @Override
  long unansweredInfoFloorMs() {
    return 0;
  }

  @Override
  long failoverInfoPeriodMs(Replica r) {
    return 0;
  }

  @Override
  boolean replicaInfoFromSdown() {
    return false;
  }

  @Override
  boolean infoAfterReplicaOf() {
    return false;
  }

  @Override
  boolean infoWhenBackUp() {
    return false;
  }

  @Override
  boolean timersBeforeAnswer() {
    return false;
  }

  @Override
  long askIntervalMs(Primary p, PeerSentinel s, long askPeriodMs) {
    return askPeriodMs;
  }

  @Override
  long startDelayMs(Primary p, String myid, RandomGenerator random) {
    return random.nextInt(START_JITTER_MS);
  }

  @Override
  boolean switchAtPromotion() {
    return false;
  }

  @Override
  boolean quickRejoin() {
    return false;
  }
}
