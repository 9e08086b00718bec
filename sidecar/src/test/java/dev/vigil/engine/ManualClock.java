package dev.vigil.engine;

/** A clock tests move by hand; the wall clock can also jump on its own. */
final class ManualClock implements Clock {
  private long mono;
  private long wall;

  ManualClock(long mono, long wall) {
    this.mono = mono;
    this.wall = wall;
  }

  @Override
  public long monotonicMs() {
    return mono;
  }

  @Override
  public long wallMs() {
    return wall;
  }

  void advance(long ms) {
    mono += ms;
    wall += ms;
  }

  void advanceTo(long monoTarget) {
    if (monoTarget > mono) {
      advance(monoTarget - mono);
    }
  }

  /** The wall clock alone jumps (NTP step, manual change). */
  void jumpWall(long ms) {
    wall += ms;
  }

  /** Monotonic time passes without the wall clock (only for odd tests). */
  void advanceMonotonicOnly(long ms) {
    mono += ms;
  }
}
