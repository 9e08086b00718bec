package dev.vigil.sim;

import java.util.List;

/** What one scenario run observed. */
record SimResult(
    Scenario scenario,
    long checks,
    long violationCount,
    List<Violation> violations,
    long tasks,
    long messages,
    int leadersElected,
    int promotions,
    List<String> traceTail,
    List<String> notes,
    long cpuNanos) {

  boolean ok() {
    return violations.isEmpty();
  }

  boolean violated(Invariant invariant) {
    return violations.stream().anyMatch(v -> v.invariant() == invariant);
  }

  /** The failure report: seed, scenario, violations, and the trace tail. */
  String report() {
    StringBuilder b = new StringBuilder();
    b.append("seed ")
        .append(scenario.seed())
        .append(" (replay: -Dvigil.sim.seed=")
        .append(scenario.seed())
        .append(")\n");
    b.append("scenario: ").append(scenario).append('\n');
    for (Violation v : violations) {
      b.append("VIOLATION ").append(v).append('\n');
    }
    b.append("notes:\n");
    notes.forEach(n -> b.append("  ").append(n).append('\n'));
    b.append("trace tail (").append(traceTail.size()).append(" entries):\n");
    traceTail.forEach(l -> b.append("  ").append(l).append('\n'));
    return b.toString();
  }
}
