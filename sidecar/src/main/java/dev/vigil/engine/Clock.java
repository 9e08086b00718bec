package dev.vigil.engine;

/**
 * Time as the engine sees it. Monotonic time drives every timeout; wall time is only compared with
 * monotonic time to detect clock jumps (TILT) and shown to users. Tests inject a manual clock that
 * can also jump the wall clock.
 */
public interface Clock {
  /** Milliseconds from an arbitrary origin; never goes back. */
  long monotonicMs();

  /** Milliseconds since the epoch; may jump in either direction. */
  long wallMs();
}
