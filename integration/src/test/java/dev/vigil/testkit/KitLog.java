package dev.vigil.testkit;

/**
 * The kit's own tiny logger: one line per event on stderr, so the failsafe report of a failing IT
 * shows which binary ran, which ports and PIDs were used and what was killed.
 */
public final class KitLog {
  private KitLog() {}

  public static void info(String message) {
    System.err.println("[vigil-testkit] " + message);
  }
}
