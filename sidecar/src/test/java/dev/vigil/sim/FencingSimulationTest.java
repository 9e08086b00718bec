package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Self-fencing in the simulation (docs/fencing.md): {@value #DEFAULT_SCENARIOS} FENCING scenarios
 * ({@code -Dvigil.sim.fencing.scenarios=N}; {@code -Dvigil.sim.fencing.seed=S} replays one with its
 * trace), a sidecar next to every node, partitions cutting the primary off; every invariant,
 * including the data plane's ({@link WriteAcks}), must hold.
 */
class FencingSimulationTest {
  static final int DEFAULT_SCENARIOS = 500;

  @Test
  void isolatedPrimariesStopAcknowledgingWrites() {
    String seed = System.getProperty("vigil.sim.fencing.seed", "").trim();
    if (!seed.isEmpty()) {
      SimResult r =
          SimulationRunner.runOne(
              Scenario.fencing(Long.parseLong(seed)),
              EngineFactory.REAL,
              SimulationRunner.TRACE_TAIL);
      System.out.println(r.report());
      assertTrue(r.ok(), "seed " + seed + " broke " + r.violations());
      return;
    }
    int scenarios = Integer.getInteger("vigil.sim.fencing.scenarios", DEFAULT_SCENARIOS);
    SimulationRunner.Summary summary =
        SimulationRunner.run(
            LongStream.rangeClosed(1, scenarios), Scenario::fencing, EngineFactory.REAL, 3);
    System.out.println("fencing " + summary.line());
    if (!summary.failures().isEmpty()) {
      StringBuilder b = new StringBuilder();
      b.append(summary.failures().size()).append(" of ").append(scenarios).append(" failed:");
      summary.failures().forEach(r -> b.append(' ').append(r.scenario().seed()));
      b.append("\n\n");
      summary.failures().stream().limit(2).forEach(r -> b.append(r.report()).append('\n'));
      fail(b.toString());
    }
    // Not vacuous: the partitions must make the majority side replace the primary.
    assertTrue(
        summary.scenariosWithPromotion() * 2 >= summary.scenarios(),
        "too few scenarios replaced the primary: " + summary.line());
  }
}
