package dev.vigil.engine;

/**
 * Settings the engine needs but does not persist.
 *
 * @param requirePass the local {@code requirepass}, used as the legacy password towards peer
 *     sentinels when {@code sentinel-pass} is unset (Sentinel assumes it is shared); null if unset
 * @param announcePortDefault the port announced in hellos when {@code announce-port} is 0 (the
 *     listening port)
 * @param pacing how quickly the engine moves around a failover ({@link FailoverPacing}: Vigil's or
 *     Sentinel's timings)
 */
public record EngineOptions(
    String requirePass, int announcePortDefault, Timing timing, FailoverPacing pacing) {
  public static EngineOptions defaults(int port) {
    return new EngineOptions(null, port, Timing.DEFAULTS, FailoverPacing.VIGIL);
  }
}
