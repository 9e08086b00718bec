package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.EngineMutation;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The simulation must catch the classic mistakes: each test runs a deliberately broken engine on
 * scenarios shaped to provoke its failure and expects the named invariant to break, then runs the
 * same seeds on the real engine and expects none.
 */
class BrokenEngineTest {
  private static final int MAX_SEEDS = 400;

  /** The engine's own mutation: the vote is returned but the persisted leader epoch is stale. */
  @Test
  void voteReplyBeforePersistGivesTwoLeadersInOneEpoch() {
    expectViolation(
        "EngineMutation.VOTE_REPLY_BEFORE_PERSIST",
        EngineFactory.withMutations(EnumSet.of(EngineMutation.VOTE_REPLY_BEFORE_PERSIST)),
        Scenario.Kind.VOTE_CRASH,
        EnumSet.of(Invariant.AT_MOST_ONE_LEADER_PER_EPOCH));
  }

  /** The same mistake made outside the engine: the store write is deferred past the reply. */
  @Test
  void voteSavedAfterTheReplyGivesTwoLeadersInOneEpoch() {
    expectViolation(
        "vote saved after the reply left (deferring store)",
        BrokenEngines.votePersistedAfterReply(),
        Scenario.Kind.VOTE_CRASH,
        EnumSet.of(Invariant.AT_MOST_ONE_LEADER_PER_EPOCH));
  }

  /** With quorum 2 of 5 and a 2|3 split, both sides elect a leader and promote a replica. */
  @Test
  void leaderIgnoringTheMajorityGivesTwoLeadersOrTwoPromotionsInOneEpoch() {
    expectViolation(
        "EngineMutation.LEADER_IGNORES_MAJORITY",
        EngineFactory.withMutations(EnumSet.of(EngineMutation.LEADER_IGNORES_MAJORITY)),
        Scenario.Kind.SPLIT_QUORUM,
        EnumSet.of(
            Invariant.AT_MOST_ONE_LEADER_PER_EPOCH, Invariant.AT_MOST_ONE_PROMOTION_PER_EPOCH));
  }

  /** Fast mode answering the promoted address without announcing it leaves clients behind. */
  @Test
  void switchAnnouncedOnlyAtTheEndLeavesClientsBehindTheAnsweredAddress() {
    expectViolation(
        "EngineMutation.SWITCH_ANNOUNCED_ONLY_AT_FAILOVER_END",
        EngineFactory.withMutations(
            EnumSet.of(EngineMutation.SWITCH_ANNOUNCED_ONLY_AT_FAILOVER_END)),
        Scenario.Kind.FAULTS,
        EnumSet.of(Invariant.CLIENTS_TOLD_THE_ANSWERED_ADDRESS));
  }

  /** Without self-fencing the isolated primary acknowledges writes for the whole partition. */
  @Test
  void withoutFencingTheIsolatedPrimaryKeepsAcknowledgingWrites() {
    expectViolation(
        "self-fencing switched off",
        BrokenEngines.fencingSwitchedOff(),
        Scenario.Kind.FENCING,
        EnumSet.of(Invariant.ISOLATED_PRIMARY_STOPS_ACKNOWLEDGING));
  }

  /**
   * A fence that ignores elections of its primary lets a primary replaced by an election that ends
   * after the heal (started during the partition, or by a minority that has the quorum) take writes
   * next to the new one until the new configuration reaches its sidecar.
   */
  @Test
  void fenceIgnoringElectionsGivesTwoAcknowledgingPrimaries() {
    expectViolation(
        "EngineMutation.FENCE_IGNORES_ELECTIONS",
        EngineFactory.withMutations(EnumSet.of(EngineMutation.FENCE_IGNORES_ELECTIONS)),
        Scenario.Kind.FENCING,
        EnumSet.of(Invariant.ONE_ACKNOWLEDGING_PRIMARY),
        1000); // such late elections are rarer: about 3 in 1000 FENCING scenarios
  }

  static void expectViolation(
      String variant, EngineFactory broken, Scenario.Kind kind, Set<Invariant> expected) {
    expectViolation(variant, broken, kind, expected, MAX_SEEDS);
  }

  static void expectViolation(
      String variant,
      EngineFactory broken,
      Scenario.Kind kind,
      Set<Invariant> expected,
      int maxSeeds) {
    for (long seed = 1; seed <= maxSeeds; seed++) {
      Scenario scenario = Scenario.generate(seed, kind);
      SimResult r = SimulationRunner.runOne(scenario, broken, 0);
      Invariant hit =
          r.violations().stream()
              .map(Violation::invariant)
              .filter(expected::contains)
              .findFirst()
              .orElse(null);
      if (hit != null) {
        System.out.printf(
            "broken variant '%s': %s caught at seed %d (%s scenario); all violations: %s%n",
            variant, hit, seed, kind, r.violations());
        SimulationRunner.Summary control =
            SimulationRunner.run(
                LongStream.rangeClosed(1, seed),
                s -> Scenario.generate(s, kind),
                EngineFactory.REAL,
                1);
        assertTrue(
            control.failures().isEmpty(),
            "the real engine must pass the same seeds: "
                + (control.failures().isEmpty() ? "" : control.failures().get(0).report()));
        return;
      }
    }
    throw new AssertionError(
        "broken variant '"
            + variant
            + "' was not caught in "
            + maxSeeds
            + " "
            + kind
            + " scenarios (expected one of "
            + expected
            + ")");
  }
}
