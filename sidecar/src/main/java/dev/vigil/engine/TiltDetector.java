package dev.vigil.engine;

/**
 * TILT (spec §9). Sentinel compares the wall clock between two timer runs and enters TILT when it
 * went back or jumped forward by more than {@code tilt-trigger}. Vigil gets both a monotonic and a
 * wall clock and checks at every step:
 *
 * <ul>
 *   <li>the wall clock went back ({@code wallDelta < 0}), or jumped forward by more than the
 *       trigger ({@code wallDelta > trigger}) — Sentinel's two conditions;
 *   <li>the monotonic clock advanced by more than the trigger: the owning thread stalled (GC pause,
 *       overloaded host, suspended VM). The engine asks to be polled at least every {@link
 *       SentinelEngine#HEARTBEAT_MS}, so such a gap means the timers did not run in time, exactly
 *       the situation TILT protects against.
 * </ul>
 *
 * Entering TILT while already in TILT re-arms it (restarts the period), as in Sentinel.
 */
final class TiltDetector {
  private boolean initialized;
  private long previousMono;
  private long previousWall;

  boolean tilt;
  long tiltStartTime;
  long tiltStartWall;
  long totalTilts;

  /**
   * Records one step; returns true when TILT was (re-)entered by it.
   *
   * @param triggerMs {@code tilt-trigger}
   */
  boolean check(long mono, long wall, long triggerMs) {
    if (!initialized) {
      initialized = true;
      previousMono = mono;
      previousWall = wall;
      return false;
    }
    long monoDelta = mono - previousMono;
    long wallDelta = wall - previousWall;
    previousMono = mono;
    previousWall = wall;
    if (wallDelta < 0 || wallDelta > triggerMs || monoDelta > triggerMs) {
      tilt = true;
      tiltStartTime = mono;
      tiltStartWall = wall;
      totalTilts++;
      return true;
    }
    return false;
  }

  /** Leaves TILT once the period elapsed; true if it was left now. */
  boolean maybeExit(long mono, long periodMs) {
    if (tilt && mono - tiltStartTime >= periodMs) {
      tilt = false;
      return true;
    }
    return false;
  }
}
