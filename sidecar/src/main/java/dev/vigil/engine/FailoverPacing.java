package dev.vigil.engine;

import java.util.random.RandomGenerator;

/**
 * How quickly the engine moves around a failover: how often it probes, when it asks again, how it
 * staggers the start, when it tells clients, how soon it takes back a returning old primary. Two
 * pacings exist: {@link #SENTINEL} reproduces Sentinel's fixed waits exactly, {@link #VIGIL} (the
 * default) shortens them where that is safe, each shortening with its safety argument in {@link
 * VigilPacing}. The rules themselves (S_DOWN, O_DOWN, votes, majority, persistence before replies)
 * are the same under both: a pacing only decides <em>when</em> the engine looks and acts.
 *
 * <p>One name from end to end: {@code vigil failover-pacing vigil|sentinel} in the config file,
 * {@link EngineOptions#pacing()} in the engine, "failover pacing" in the docs ({@code
 * docs/failover-pacing.md}). Sentinels of both pacings can share a group: every message they
 * exchange is Sentinel's.
 *
 * <p>The methods are the engine's questions; only the engine calls them.
 */
public abstract sealed class FailoverPacing permits SentinelPacing, VigilPacing {
  /** Sentinel's timings, for a group that must behave exactly like real sentinels. */
  public static final FailoverPacing SENTINEL = new SentinelPacing();

  /** Vigil's quicker, equally safe timings (the default). */
  public static final FailoverPacing VIGIL = new VigilPacing();

  /** The value of {@code vigil failover-pacing}: {@code sentinel} or {@code vigil}. */
  public abstract String configName();

  /** The pacing a config value names (case-insensitive), or null. */
  public static FailoverPacing byConfigName(String name) {
    for (FailoverPacing p : new FailoverPacing[] {VIGIL, SENTINEL}) {
      if (p.configName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return configName();
  }

  // ------------------------------------------------------------------ detection

  /**
   * How long after the last PING reply the next PING to {@code ri} leaves, given Sentinel's
   * interval {@code min(down-after, ping-period)}.
   */
  abstract long pingIntervalMs(Instance ri, long sentinelIntervalMs);

  /** The least time an unanswered INFO holds back the next one (on top of the INFO period). */
  abstract long unansweredInfoFloorMs();

  /**
   * The INFO period of a replica while a failover needs its news, or 0 for Sentinel's cadence (10
   * s, or 1 s while its primary is O_DOWN or failing over).
   */
  abstract long failoverInfoPeriodMs(Replica r);

  /** Whether a primary's replicas get the 1 s INFO period already at S_DOWN (not at O_DOWN). */
  abstract boolean replicaInfoFromSdown();

  /** Whether INFO is asked right after a reconfiguration transaction was written. */
  abstract boolean infoAfterReplicaOf();

  /** Whether INFO is asked at once when an instance leaves S_DOWN. */
  abstract boolean infoWhenBackUp();

  // ------------------------------------------------------------------ election

  /** Whether the timers due now run before a peer's is-master-down-by-addr is answered. */
  abstract boolean timersBeforeAnswer();

  /** How long after {@code s}'s last answer about {@code p} it is asked again. */
  abstract long askIntervalMs(Primary p, PeerSentinel s, long askPeriodMs);

  /** How long after O_DOWN this sentinel starts its failover of {@code p}. */
  abstract long startDelayMs(Primary p, String myid, RandomGenerator random);

  // ------------------------------------------------------------------ promotion and rejoin

  /** Whether {@code +switch-master} is published at the promotion (else at the failover's end). */
  abstract boolean switchAtPromotion();

  /**
   * Whether a returning old primary may be converted to a replica before Sentinel's wait of {@code
   * 4*publish-period} (under the conditions of {@link InfoProcessor}).
   */
  abstract boolean quickRejoin();
}
