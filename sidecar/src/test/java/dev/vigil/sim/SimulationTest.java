package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation of the Sentinel engine: {@value #DEFAULT_SCENARIOS} randomized
 * scenarios by default ({@code -Dvigil.sim.scenarios=N} to change), seeds 1..N (the first seed can
 * be moved with {@code -DargLine=-Dvigil.sim.firstSeed=F} to explore); {@code -Dvigil.sim.seed=S}
 * replays exactly one seed with its trace ({@code -DargLine=-Dvigil.sim.trace=N} keeps N trace
 * entries). Prints the totals at the end.
 */
class SimulationTest {
  static final int DEFAULT_SCENARIOS = 10_000;

  @Test
  void randomizedScenariosKeepEveryInvariant() {
    String seedProperty = System.getProperty("vigil.sim.seed", "").trim();
    if (!seedProperty.isEmpty()) {
      replay(Long.parseLong(seedProperty));
      return;
    }
    String countProperty = System.getProperty("vigil.sim.scenarios", "").trim();
    int scenarios = countProperty.isEmpty() ? DEFAULT_SCENARIOS : Integer.parseInt(countProperty);
    long firstSeed = Long.getLong("vigil.sim.firstSeed", 1);
    SimulationRunner.Summary summary =
        SimulationRunner.run(
            LongStream.range(firstSeed, firstSeed + scenarios),
            Scenario::generate,
            EngineFactory.REAL,
            3);
    System.out.println(summary.line());
    if (!summary.failures().isEmpty()) {
      StringBuilder b = new StringBuilder();
      b.append(summary.failures().size())
          .append(" of ")
          .append(scenarios)
          .append(" scenarios broke an invariant; failing seeds:");
      summary.failures().forEach(r -> b.append(' ').append(r.scenario().seed()));
      b.append("\n\n");
      summary.failures().stream().limit(3).forEach(r -> b.append(r.report()).append('\n'));
      System.out.println(b);
      fail(b.toString());
    }
    // Not vacuous: the faults must actually drive the engines through failovers.
    assertTrue(
        summary.scenariosWithPromotion() * 5 >= summary.scenarios(),
        "too few scenarios exercised a promotion: " + summary.line());
  }

  private static void replay(long seed) {
    SimResult r =
        SimulationRunner.runOne(
            Scenario.generate(seed), EngineFactory.REAL, SimulationRunner.TRACE_TAIL);
    System.out.println(r.report());
    System.out.printf(
        "simulation: 1 scenario (seed %d), %d invariant checks, %d violations%n",
        seed, r.checks(), r.violationCount());
    if (!r.ok()) {
      fail("seed " + seed + " broke " + r.violations());
    }
  }
}
