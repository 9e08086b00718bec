package dev.vigil.engine;

/**
 * TEST ONLY. Deliberate bugs the simulation switches on to prove that its invariants can fail.
 * Never set in production: {@link SentinelEngine#setMutations} is the only way in, and nothing in
 * the product calls it.
 */
public enum EngineMutation {
  /**
   * A vote is applied in memory and returned, but the leader epoch handed to the {@link StateStore}
   * is not updated, so a crash and restart can vote twice in the same epoch.
   */
  VOTE_REPLY_BEFORE_PERSIST,
  /** The election winner is accepted with {@code votes >= quorum} only, ignoring the majority. */
  LEADER_IGNORES_MAJORITY,
  /**
   * Vigil's pacing forgets to announce {@code +switch-master} at promotion, although it already
   * answers the promoted address: clients following events lag behind what the sentinel answers.
   */
  SWITCH_ANNOUNCED_ONLY_AT_FAILOVER_END,
  /**
   * Self-fencing ignores new epochs for its primary (a failover of it being decided): a primary
   * that a late election replaces keeps taking writes until the new configuration reaches its
   * sidecar.
   */
  FENCE_IGNORES_ELECTIONS
}
