package dev.vigil.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes. Tests synchronise on observable state,
 * never on sleeps: the poll interval is short and only bounds how late we notice, not how long we
 * wait. Exceptions thrown by the probe count as "not yet" (a paused or restarting server refuses
 * connections), and the last one is attached to the timeout error as its cause.
 *
 * <p>The one wait of all of Vigil's tests: it lives in the sidecar's test-jar so that the sidecar's
 * own tests and the integration test kit share it. On a slow or busy machine every deadline is
 * multiplied by {@code -Dvigil.test.timescale} (e.g. 2; default 1) instead of raising timeouts one
 * by one; {@link #scaled} applies the same factor to waits that cannot poll.
 */
public final class Await {
  private static final long POLL_INTERVAL_MS = 20;

  /** {@code -Dvigil.test.timescale}: how much longer than written every deadline is. */
  public static final double TIMESCALE = timescale();

  private Await() {}

  /**
   * Thrown by a probe to stop waiting at once because the condition can no longer become true (the
   * process being waited for has exited, for example).
   */
  public static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Abort(String message) {
      super(message);
    }
  }

  /** Waits until {@code condition} is true. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition, () -> "");
  }

  /**
   * Waits until {@code condition} is true; on timeout the error message includes {@code
   * diagnostics} (for example a server's log tail).
   */
  public static void until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics) {
    value(what, timeout, () -> condition.getAsBoolean(), ok -> ok, diagnostics);
  }

  /** Polls {@code probe} until its value passes {@code accept}, and returns that value. */
  public static <T> T value(String what, Duration timeout, Supplier<T> probe, Predicate<T> accept) {
    return value(what, timeout, probe, accept, () -> "");
  }

  /** As {@link #value(String, Duration, Supplier, Predicate)}, with diagnostics on timeout. */
  public static <T> T value(
      String what,
      Duration timeout,
      Supplier<T> probe,
      Predicate<T> accept,
      Supplier<String> diagnostics) {
    Duration scaled = scaled(timeout);
    long deadline = System.nanoTime() + scaled.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (accept.test(last)) {
          return last;
        }
      } catch (Abort e) {
        String extra = diagnostics.get();
        throw new AssertionError(
            "Gave up waiting for: "
                + what
                + ": "
                + e.getMessage()
                + (extra == null || extra.isEmpty() ? "" : "\n" + extra),
            e);
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
      sleepQuietly(POLL_INTERVAL_MS);
    }
    String extra = diagnostics.get();
    AssertionError error =
        new AssertionError(
            "Timed out after "
                + scaled.toMillis()
                + " ms"
                + (TIMESCALE == 1
                    ? ""
                    : " (" + timeout.toMillis() + " ms x timescale " + TIMESCALE + ")")
                + " waiting for: "
                + what
                + (lastError == null ? "; last value: " + last : "; last error: " + lastError)
                + (extra == null || extra.isEmpty() ? "" : "\n" + extra));
    if (lastError != null) {
      error.initCause(lastError);
    }
    throw error;
  }

  /** {@code timeout} times {@link #TIMESCALE}. */
  public static Duration scaled(Duration timeout) {
    return scaled(timeout, TIMESCALE);
  }

  static Duration scaled(Duration timeout, double factor) {
    return factor == 1 ? timeout : Duration.ofNanos((long) (timeout.toNanos() * factor));
  }

  private static double timescale() {
    return parseTimescale(System.getProperty("vigil.test.timescale", ""));
  }

  static double parseTimescale(String value) {
    if (value.isBlank()) {
      return 1;
    }
    try {
      double factor = Double.parseDouble(value.trim());
      if (factor >= 1 && factor <= 100) {
        return factor;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-Dvigil.test.timescale=" + value + ": expected a number from 1 to 100");
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
