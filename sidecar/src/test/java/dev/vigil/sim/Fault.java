package dev.vigil.sim;

/**
 * One scheduled fault.
 *
 * @param target data-node or sentinel index (ignored by kinds that pick their own target)
 * @param durationMs how long until the fault is undone (restart, resume, heal)
 * @param amount kind-specific: wall-clock jump in ms, or the partition's host mask
 */
record Fault(long atMs, Kind kind, int target, long durationMs, long amount) {
  enum Kind {
    /** Kill the data node the sentinels currently agree is the primary; restart it later. */
    CRASH_PRIMARY,
    /** SIGSTOP the current primary, SIGCONT later. */
    HANG_PRIMARY,
    /** Kill data node {@code target}; restart it later. */
    CRASH_NODE,
    /** Kill sentinel process {@code target}; restart it from its disk later. */
    CRASH_SENTINEL,
    /** Pause sentinel process {@code target} (GC pause) for the duration. */
    STALL_SENTINEL,
    /** Jump the wall clock of sentinel {@code target}'s host by {@code amount} ms. */
    WALL_JUMP,
    /** Cut the hosts in mask {@code amount} from the others for the duration. */
    PARTITION,
    /** SENTINEL FAILOVER on sentinel {@code target}. */
    MANUAL_FAILOVER
  }

  @Override
  public String toString() {
    return atMs + "ms " + kind + " target=" + target + " for=" + durationMs + " amount=" + amount;
  }
}
