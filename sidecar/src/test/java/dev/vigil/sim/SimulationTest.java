package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.engine.FailoverPacing;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
    Map<String, Long> byPacing =
        LongStream.range(firstSeed, firstSeed + scenarios)
            .mapToObj(seed -> pacingGroup(Scenario.generate(seed)))
            .collect(Collectors.groupingBy(g -> g, TreeMap::new, Collectors.counting()));
    System.out.println("simulation: scenarios by failover pacing " + byPacing);
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
    // Not vacuous: the faults must actually drive the engines through failovers, under each
    // pacing and in mixed groups.
    assertTrue(
        summary.scenariosWithPromotion() * 5 >= summary.scenarios(),
        "too few scenarios exercised a promotion: " + summary.line());
    if (scenarios >= 100) {
      for (String group : List.of("mixed", "sentinel", "vigil")) {
        assertTrue(
            byPacing.getOrDefault(group, 0L) * 6 >= scenarios,
            "too few scenarios with pacing " + group + ": " + byPacing);
      }
    }
  }

  /** "vigil", "sentinel" (every sentinel of the scenario runs that pacing) or "mixed". */
  static String pacingGroup(Scenario scenario) {
    Set<FailoverPacing> used = new HashSet<>(scenario.pacings());
    return used.size() > 1 ? "mixed" : used.iterator().next().configName();
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
