package dev.vigil.engine;

/**
 * Sentinel's tunable periods in milliseconds, overridable at run time by {@code SENTINEL DEBUG}
 * (names in brackets). Defaults are Sentinel's (spec §13).
 */
public record Timing(
    long infoPeriodMs, // [info-period] 10000
    long pingPeriodMs, // [ping-period] 1000
    long askPeriodMs, // [ask-period] 1000
    long publishPeriodMs, // [publish-period] 2000
    long defaultDownAfterMs, // [default-down-after] 30000
    long defaultFailoverTimeoutMs, // [default-failover-timeout] 180000
    long tiltTriggerMs, // [tilt-trigger] 2000
    long tiltPeriodMs, // [tilt-period] 30000
    long replicaReconfTimeoutMs, // [slave-reconf-timeout] 10000
    long minLinkReconnectPeriodMs, // [min-link-reconnect-period] 15000
    long electionTimeoutMs, // [election-timeout] 10000
    long scriptMaxRuntimeMs, // [script-max-runtime] 60000
    long scriptRetryDelayMs) { // [script-retry-delay] 30000

  public static final Timing DEFAULTS =
      new Timing(
          10_000, 1_000, 1_000, 2_000, 30_000, 180_000, 2_000, 30_000, 10_000, 15_000, 10_000,
          60_000, 30_000);
}
