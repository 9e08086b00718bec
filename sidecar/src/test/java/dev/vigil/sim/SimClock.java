package dev.vigil.sim;

import dev.vigil.engine.Clock;

/**
 * One engine process's view of time. Monotonic time is the scheduler's virtual time plus a random
 * per-process origin (a restarted process has a new origin, as {@code System.nanoTime} does); wall
 * time is the virtual time plus a host offset that fault injection can jump in either direction.
 */
final class SimClock implements Clock {
  private final SimScheduler scheduler;
  private final long monotonicOriginMs;
  private final long[] wallOffsetMs;

  /**
   * @param wallOffsetMs a one-element holder shared by every incarnation on the same host, so a
   *     wall-clock jump outlives a process restart
   */
  SimClock(SimScheduler scheduler, long monotonicOriginMs, long[] wallOffsetMs) {
    this.scheduler = scheduler;
    this.monotonicOriginMs = monotonicOriginMs;
    this.wallOffsetMs = wallOffsetMs;
  }

  @Override
  public long monotonicMs() {
    return scheduler.nowMs() + monotonicOriginMs;
  }

  @Override
  public long wallMs() {
    return scheduler.nowMs() + wallOffsetMs[0];
  }

  /** Converts a monotonic deadline returned by the engine to scheduler time. */
  long toSchedulerTime(long monotonicDeadlineMs) {
    return monotonicDeadlineMs - monotonicOriginMs;
  }
}
