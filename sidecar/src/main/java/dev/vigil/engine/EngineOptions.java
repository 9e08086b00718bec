package dev.vigil.engine;

/**
 * Settings the engine needs but does not persist.
 *
 * @param requirePass the local {@code requirepass}, used as the legacy password towards peer
 *     sentinels when {@code sentinel-pass} is unset (Sentinel assumes it is shared); null if unset
 * @param announcePortDefault the port announced in hellos when {@code announce-port} is 0 (the
 *     listening port)
 * @param fastReconfiguration Vigil's improvements over Sentinel's fixed waits (see the engine's
 *     Javadoc); false reproduces Sentinel's timings exactly
 */
public record EngineOptions(
    String requirePass, int announcePortDefault, Timing timing, boolean fastReconfiguration) {
  public static EngineOptions defaults(int port) {
    return new EngineOptions(null, port, Timing.DEFAULTS, true);
  }
}
