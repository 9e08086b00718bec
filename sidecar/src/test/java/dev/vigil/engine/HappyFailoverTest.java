package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.MasterState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three engines, one primary, two replicas, all over {@link MiniCluster}: discovery through hellos,
 * the primary hangs, then SDOWN → ODOWN → election → promotion → reconfiguration → switch-master
 * everywhere; finally the old primary returns as a primary and is converted into a replica.
 */
class HappyFailoverTest {
  static final long DOWN_AFTER = 5_000;

  private MiniCluster cluster(boolean fast) {
    MiniCluster c = new MiniCluster();
    c.addNode(6379, true, 0);
    MiniCluster.Node r1 = c.addNode(6380, false, 6379);
    r1.offset = 100;
    MiniCluster.Node r2 = c.addNode(6381, false, 6379);
    r2.offset = 200; // the best candidate
    MasterState m = MasterState.monitor("mymaster", "127.0.0.1", 6379, 2);
    m =
        new MasterState(
            m.name(),
            m.host(),
            m.port(),
            m.quorum(),
            DOWN_AFTER,
            60_000,
            1,
            null,
            null,
            null,
            null,
            0,
            0,
            0,
            List.of(),
            List.of(),
            java.util.Map.of());
    for (int port : new int[] {26379, 26380, 26381}) {
      c.addSentinel(port, m, fast);
    }
    c.startAll();
    return c;
  }

  @Test
  void discoversPeersAndReplicas() {
    MiniCluster c = cluster(true);
    c.runUntil(10_000);
    for (MiniCluster.Sentinel s : c.sentinels) {
      assertEquals(2, s.count("+sentinel"), s.eventTexts().toString());
      assertEquals(2, s.count("+slave"), s.eventTexts().toString());
      assertEquals(0, s.count("+sdown"), s.eventTexts().toString());
      assertEquals(2, s.engine.state().masters().get(0).knownSentinels().size());
      assertEquals(2, s.engine.state().masters().get(0).knownReplicas().size());
    }
  }

  @Test
  void failsOverWhenThePrimaryHangs() {
    long convertMs = failOverAndReturnOldPrimary(true);
    // settle time 0.5 s, then every sidecar forces its hellos 150 ms later (instead of waiting up
    // to a publish period of 2 s), then the next INFO poll (250 ms)
    assertTrue(convertMs <= 1_500, "converted after " + convertMs + " ms");
    System.out.println("hung old primary converted after " + convertMs + " ms");
  }

  @Test
  void sentinelTimingsConvertTheOldPrimaryOnlyAfterEightSeconds() {
    long convertMs = failOverAndReturnOldPrimary(false);
    assertTrue(convertMs > 8_000 && convertMs < 20_000, "converted after " + convertMs + " ms");
  }

  @Test
  void failsOverWhenThePrimaryCrashesAndRestarts() {
    long convertMs = failOverAndReturnOldPrimary(true, true);
    // plus up to one ping period to reconnect to the restarted node
    assertTrue(convertMs <= 3_600, "converted after " + convertMs + " ms");
    System.out.println("restarted old primary converted after " + convertMs + " ms");
  }

  private long failOverAndReturnOldPrimary(boolean fast) {
    return failOverAndReturnOldPrimary(fast, false);
  }

  /** Runs the whole scenario and returns how long the old primary took to be converted. */
  private long failOverAndReturnOldPrimary(boolean fast, boolean crash) {
    MiniCluster c = cluster(fast);
    c.runUntil(10_000);
    MiniCluster.Node primary = c.nodes.get(new HostPort("127.0.0.1", 6379));
    if (crash) {
      c.crash(primary);
    } else {
      primary.hung = true;
    }
    long hungAt = c.clock.monotonicMs();
    HostPort expected = new HostPort("127.0.0.1", 6381);
    boolean done =
        c.runUntil(
            hungAt + 30_000,
            () ->
                c.sentinels.stream()
                    .allMatch(
                        s ->
                            s.count("+switch-master") == 1
                                && expected.equals(s.engine.masterAddress("mymaster"))));
    assertTrue(done, () -> c.sentinels.get(0).eventTexts().toString());
    long took = c.clock.monotonicMs() - hungAt;
    if (fast) {
      // down-after plus milliseconds, not seconds of ticks (the ping phase adds up to 1 s).
      assertTrue(took < DOWN_AFTER + 1_500, "failover took " + took + " ms");
    }

    long promotions = c.sentinels.stream().mapToLong(s -> s.count("+promoted-slave")).sum();
    assertEquals(1, promotions);
    for (MiniCluster.Sentinel s : c.sentinels) {
      assertEquals(1, s.count("+switch-master"), s.eventTexts().toString());
    }
    // let the reconfiguration settle: the other replica follows the new primary
    c.runUntil(c.clock.monotonicMs() + 3_000);
    MiniCluster.Node r1 = c.nodes.get(new HostPort("127.0.0.1", 6380));
    assertEquals(6381, r1.masterPort);
    assertTrue(c.nodes.get(expected).master);

    // the old primary comes back as a primary (restarted with its old config)
    MiniCluster.Node old = c.nodes.get(new HostPort("127.0.0.1", 6379));
    old.hung = false;
    old.crashed = false;
    old.runid = MiniCluster.runid(6379, 1);
    long backAt = c.clock.monotonicMs();
    boolean converted = c.runUntil(backAt + 30_000, () -> !old.master);
    assertTrue(converted, () -> c.sentinels.get(0).eventTexts().toString());
    long convertMs = c.clock.monotonicMs() - backAt;
    assertEquals(6381, old.masterPort);
    assertFalse(c.sentinels.stream().anyMatch(s -> s.count("-failover-abort-not-elected") > 0));
    // every sentinel that sees the stray primary may convert it (as in Sentinel)
    assertTrue(c.sentinels.stream().mapToLong(s -> s.count("+convert-to-slave")).sum() >= 1);
    return convertMs;
  }
}
