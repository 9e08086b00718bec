package dev.vigil.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * Runs many independent scenarios (in parallel: each is deterministic on its own) and adds up what
 * they observed. A failing scenario is replayed with tracing on, which also proves it replays.
 */
final class SimulationRunner {
  /** Trace entries kept for a failure report ({@code -Dvigil.sim.trace=N} to change). */
  static final int TRACE_TAIL = Integer.getInteger("vigil.sim.trace", 300);

  /** Totals of one batch. */
  record Summary(
      long scenarios,
      long checks,
      long violations,
      long leadersElected,
      long promotions,
      long scenariosWithPromotion,
      long tasks,
      long messages,
      long cpuMs,
      List<SimResult> failures,
      long wallMs) {

    String line() {
      return String.format(
          "simulation: %d scenarios, %d invariant checks, %d violations, %d ms"
              + " (%d leaders elected, %d promotions in %d scenarios, %d events, %d messages,"
              + " %d ms cpu)",
          scenarios,
          checks,
          violations,
          wallMs,
          leadersElected,
          promotions,
          scenariosWithPromotion,
          tasks,
          messages,
          cpuMs);
    }
  }

  private SimulationRunner() {}

  static SimResult runOne(Scenario scenario, EngineFactory factory, int traceTail) {
    return new SimCluster(scenario, factory, traceTail).run();
  }

  /** Runs a seed, and if it fails, replays it with the trace on and returns the traced run. */
  static SimResult runAndExplain(Scenario scenario, EngineFactory factory) {
    SimResult quick = runOne(scenario, factory, 0);
    if (quick.ok()) {
      return quick;
    }
    SimResult traced = runOne(scenario, factory, TRACE_TAIL);
    if (!traced.violations().equals(quick.violations())) {
      throw new AssertionError(
          "seed "
              + scenario.seed()
              + " did not replay: "
              + quick.violations()
              + " then "
              + traced.violations());
    }
    return traced;
  }

  static Summary run(
      LongStream seeds, LongFunction<Scenario> scenarios, EngineFactory factory, int maxFailures) {
    long start = System.nanoTime();
    List<SimResult> results =
        seeds
            .parallel()
            .mapToObj(seed -> runOne(scenarios.apply(seed), factory, 0))
            .map(r -> r.ok() ? slim(r) : r)
            .toList();
    long checks = 0;
    long violations = 0;
    long leaders = 0;
    long promotions = 0;
    long withPromotion = 0;
    long tasks = 0;
    long messages = 0;
    long cpuNanos = 0;
    List<SimResult> failures = new ArrayList<>();
    for (SimResult r : results) {
      checks += r.checks();
      violations += r.violationCount();
      leaders += r.leadersElected();
      promotions += r.promotions();
      withPromotion += r.promotions() > 0 ? 1 : 0;
      tasks += r.tasks();
      messages += r.messages();
      cpuNanos += r.cpuNanos();
      if (!r.ok()) {
        failures.add(r);
      }
    }
    failures.sort(Comparator.comparingLong(r -> r.scenario().seed()));
    List<SimResult> explained = new ArrayList<>();
    for (SimResult f : failures.subList(0, Math.min(maxFailures, failures.size()))) {
      explained.add(runAndExplain(f.scenario(), factory));
    }
    for (SimResult f : failures.subList(Math.min(maxFailures, failures.size()), failures.size())) {
      explained.add(f);
    }
    return new Summary(
        results.size(),
        checks,
        violations,
        leaders,
        promotions,
        withPromotion,
        tasks,
        messages,
        cpuNanos / 1_000_000,
        explained,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Drops what a passing run does not need, so ten thousand results stay small. */
  private static SimResult slim(SimResult r) {
    return new SimResult(
        r.scenario(),
        r.checks(),
        r.violationCount(),
        r.violations(),
        r.tasks(),
        r.messages(),
        r.leadersElected(),
        r.promotions(),
        List.of(),
        List.of(),
        r.cpuNanos());
  }
}
