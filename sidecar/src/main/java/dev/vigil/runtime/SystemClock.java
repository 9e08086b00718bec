package dev.vigil.runtime;

import dev.vigil.engine.Clock;

/**
 * The real clock: monotonic time from {@link System#nanoTime()} (immune to wall-clock changes),
 * wall time from {@link System#currentTimeMillis()}. The engine compares the two to detect TILT.
 */
public final class SystemClock implements Clock {
  private final long originNanos = System.nanoTime();

  @Override
  public long monotonicMs() {
    return (System.nanoTime() - originNanos) / 1_000_000L;
  }

  @Override
  public long wallMs() {
    return System.currentTimeMillis();
  }
}
