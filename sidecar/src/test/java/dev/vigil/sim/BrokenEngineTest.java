package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void votePersistedAfterTheReplyGivesTwoLeadersInOneEpoch() {
    expectViolation(
        "vote reply sent before the vote is persisted",
        BrokenEngines.votePersistedAfterReply(),
        Scenario.Kind.VOTE_CRASH,
        EnumSet.of(Invariant.AT_MOST_ONE_LEADER_PER_EPOCH));
  }

  static void expectViolation(
      String variant, EngineFactory broken, Scenario.Kind kind, Set<Invariant> expected) {
    for (long seed = 1; seed <= MAX_SEEDS; seed++) {
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
            + MAX_SEEDS
            + " "
            + kind
            + " scenarios (expected one of "
            + expected
            + ")");
  }
}
