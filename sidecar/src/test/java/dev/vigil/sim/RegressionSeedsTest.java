package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.FailoverPacing;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeds that once broke an invariant, kept as plain regression tests once fixed. Each entry says
 * what it caught; see the commit that added it for the trace.
 */
class RegressionSeedsTest {
  /** A seed, the scenario kind it was found with (null = {@link Scenario#generate(long)}). */
  record Case(long seed, Scenario.Kind kind, String caught) {}

  static final List<Case> CASES =
      List.of(
          new Case(
              147,
              null,
              "a reset link waited a ping period before its first PING: the new primary went"
                  + " +sdown/+odown 1001 ms after +switch-master, five failovers in a row"),
          new Case(
              798,
              null,
              "a hello with a newer config-epoch naming the recorded address did not end this"
                  + " sentinel's older failover; it switched later under the newer epoch"),
          new Case(
              2881,
              null,
              "a failover attempt of epoch 1 won with votes of epoch 2 (votes counted by current"
                  + " epoch): two leaders of epoch 1"),
          new Case(
              2552,
              null,
              "a dead primary refusing connections flapped -sdown/+sdown on every reconnect, and"
                  + " the failover did not complete in time"),
          new Case(
              2005,
              null,
              "convergence: the agreed primary was left a replica after cascading failovers"),
          new Case(
              5621,
              null,
              "fast conversion of a stray primary that a newer epoch's leader was promoting"
                  + " (same replication id): the agreed primary of epoch 2 ended up a replica"),
          new Case(
              9392,
              null,
              "losses went on after heal: a failover started just before the convergence check"),
          new Case(
              9431,
              null,
              "losses went on after heal: a failover started 1.3 s before the convergence check"));

  @Test
  void formerlyFailingSeedsPass() {
    StringBuilder failures = new StringBuilder();
    for (Case c : CASES) {
      // All were found while every sentinel ran Vigil's pacing.
      Scenario scenario =
          (c.kind() == null ? Scenario.generate(c.seed()) : Scenario.generate(c.seed(), c.kind()))
              .withPacing(FailoverPacing.VIGIL);
      SimResult r = SimulationRunner.runAndExplain(scenario, EngineFactory.REAL);
      if (!r.ok()) {
        failures
            .append("regression seed ")
            .append(c.seed())
            .append(" (")
            .append(c.caught())
            .append(")\n")
            .append(r.report())
            .append('\n');
      }
    }
    assertTrue(failures.length() == 0, failures.toString());
  }
}
