package dev.vigil.engine.state;

/**
 * The global {@code sentinel ...} directives.
 *
 * @param announceIp null when unset; an empty string is stored as given (Sentinel quirk)
 * @param announcePort 0 when unset
 * @param sentinelUser null when unset
 * @param sentinelPass null when unset
 */
public record GlobalOptions(
    String announceIp,
    int announcePort,
    boolean denyScriptsReconfig,
    String sentinelUser,
    String sentinelPass,
    boolean resolveHostnames,
    boolean announceHostnames) {
  public static final GlobalOptions DEFAULTS =
      new GlobalOptions(null, 0, true, null, null, false, false);
}
