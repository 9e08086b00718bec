package dev.vigil.engine;

/**
 * Thrown by the engine when {@code SENTINEL SIMULATE-FAILURE} asks it to crash (after an election
 * or a promotion). The runtime logs {@code Sentinel CRASH because of SENTINEL simulate-failure} and
 * exits with status 99; the simulation treats the node as crashed. The engine must not be used
 * after this was thrown.
 */
public final class SimulatedCrash extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The log line Sentinel writes before {@code exit(99)}. */
  public static final String LOG_LINE = "Sentinel CRASH because of SENTINEL simulate-failure";

  public static final int EXIT_STATUS = 99;

  public SimulatedCrash(String when) {
    super(LOG_LINE + " (" + when + ")");
  }
}
