package dev.vigil.sim;

/**
 * The named properties the simulation checks; safety ones after every event, liveness at the end.
 */
enum Invariant {
  /** Per primary and epoch, at most one sentinel announces {@code +elected-leader}. */
  AT_MOST_ONE_LEADER_PER_EPOCH,
  /** Per epoch, {@code SLAVEOF NO ONE} goes to at most one replica, from at most one sentinel. */
  AT_MOST_ONE_PROMOTION_PER_EPOCH,
  /**
   * A sentinel (by myid) never votes for two different candidates in one epoch, across restarts.
   */
  AT_MOST_ONE_VOTE_PER_SENTINEL_PER_EPOCH,
  /** Every sentinel holding config-epoch E for a primary holds the same address for it. */
  ONE_PRIMARY_ADDRESS_PER_CONFIG_EPOCH,
  /**
   * Clients following {@code +switch-master} stay at the address a sentinel answers: its switch
   * events chain (each starts where the previous ended) and, after every step, the last one ends at
   * the address it answers to {@code get-master-addr-by-name} (Vigil's pacing, which announces the
   * switch at promotion; Sentinel's answers the promoted address earlier than it announces).
   */
  CLIENTS_TOLD_THE_ANSWERED_ADDRESS,
  /** current-epoch and config-epoch never decrease: in memory, on disk, and across a restart. */
  EPOCHS_NEVER_GO_BACK,
  /** An automatic failover starts only in ODOWN and its leader holds a majority (and quorum). */
  NO_FAILOVER_WITHOUT_ODOWN_AND_MAJORITY,
  /** With all sentinels connected and a promotable replica, a dead primary is replaced in time. */
  FAILOVER_COMPLETES_WITH_CONNECTED_MAJORITY,
  /** After healing: one primary address and the highest config-epoch everywhere; nodes follow. */
  CONVERGENCE_AFTER_HEAL,
  /**
   * Self-fencing: a primary whose host cannot reach a majority of the sentinels acknowledges no
   * write later than fence-after plus one round trip after it lost that majority.
   */
  ISOLATED_PRIMARY_STOPS_ACKNOWLEDGING,
  /** Self-fencing: two nodes never both acknowledge writes for longer than that bound. */
  ONE_ACKNOWLEDGING_PRIMARY,
  /** The engine never throws out of its entry points, whatever the input. */
  ENGINE_NEVER_THROWS,
  /** Work never repeats without virtual time passing (e.g. resending at once on every failure). */
  NO_BUSY_LOOP
}
