package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vigil.testkit.SentinelEvents.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real sentinels driving a real failover, observed through the kit's helpers. */
@ExtendWith(TestKitExtension.class)
class SentinelNodeIT {
  private static final String MASTER = "mymaster";

  /** A failover takes ~3 s; a split vote adds 2 x failover-timeout (10 s); CI load adds more. */
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(45);

  private static final Duration DEMOTION = Duration.ofSeconds(60);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void sigkillOfThePrimaryFailsOverToAReplicaAndAllSentinelsAgree() {
    try (Topology topology =
        Topology.builder().masterName(MASTER).replicas(2).sentinels(3).start()) {
      HostPort oldPrimary = topology.primary().address();
      for (SentinelNode s : topology.sentinels()) {
        assertEquals(oldPrimary, s.getMasterAddr(MASTER));
        assertEquals("2", s.master(MASTER).get("num-other-sentinels"));
      }
      List<SentinelEvents> subscriptions = new ArrayList<>();
      try {
        for (SentinelNode s : topology.sentinels()) {
          subscriptions.add(s.subscribe("+switch-master", "+odown"));
        }

        topology.primary().kill9();

        String prefix = MASTER + " " + oldPrimary.host() + " " + oldPrimary.port() + " ";
        List<Event> switches = new ArrayList<>();
        topology.withDiagnostics(
            () -> {
              for (SentinelEvents events : subscriptions) {
                switches.add(
                    events.awaitMessage(
                        "+switch-master", m -> m.startsWith(prefix), FAILOVER_TIMEOUT));
              }
            });
        String[] parts = switches.get(0).message().split(" ");
        HostPort newPrimary = new HostPort(parts[3], Integer.parseInt(parts[4]));
        for (Event e : switches) {
          assertEquals(
              switches.get(0).message(), e.message(), "every sentinel announces the same switch");
        }
        ValkeyNode promoted = topology.nodeAt(newPrimary);
        assertNotEquals(topology.primary(), promoted);
        assertTrue(
            subscriptions.stream()
                .anyMatch(e -> e.events().stream().anyMatch(ev -> ev.channel().equals("+odown"))),
            "a failover needs an objective down first");

        ValkeyNode otherReplica =
            topology.replicas().stream().filter(r -> r != promoted).findFirst().orElseThrow();
        topology.withDiagnostics(
            () -> {
              topology.waitForAgreement(newPrimary, TIMEOUT);
              promoted.waitForRole("master", TIMEOUT);
              otherReplica.waitForReplicaOf(promoted, TIMEOUT);
            });
        promoted.call("SET", "after-failover", "yes");
        otherReplica.waitForOffsetOf(promoted, TIMEOUT);
        assertEquals("yes", otherReplica.callString("GET", "after-failover"));

        // The old primary comes back empty, as a primary; the sentinels demote it once it has
        // been reachable for 8 s (4 hello periods) and they next poll its INFO (every 10 s):
        // typically ~10 s, longer if a starved sentinel enters TILT (30 s without acting).
        topology.primary().restart();
        topology.withDiagnostics(() -> topology.primary().waitForReplicaOf(promoted, DEMOTION));
      } finally {
        subscriptions.forEach(SentinelEvents::close);
      }
    }
  }

  @Test
  void forcedFailoverOfAPasswordProtectedGroupPromotesTheReplica() {
    try (Topology topology =
        Topology.builder()
            .masterName(MASTER)
            .password("s3cret")
            .replicas(1)
            .sentinels(1)
            .quorum(1)
            .start()) {
      ValkeyNode oldPrimary = topology.primary();
      ValkeyNode[] promotedBox = new ValkeyNode[1];
      topology.withDiagnostics(() -> promotedBox[0] = topology.forceFailover(FAILOVER_TIMEOUT));
      ValkeyNode promoted = promotedBox[0];
      assertEquals(topology.replicas().get(0), promoted);
      assertEquals(promoted, topology.currentPrimary());
      assertEquals("OK", promoted.callString("SET", "k", "v"));
      assertNotEquals(oldPrimary.address(), topology.sentinels().get(0).getMasterAddr(MASTER));
    }
  }

  @Test
  void debugTimersAreAppliedAtStartAndAgainAfterRestart() {
    try (ValkeyNode primary = ValkeyNode.start()) {
      SentinelNode sentinel;
      try {
        sentinel =
            SentinelNode.builder()
                .monitor(MASTER, primary.address(), 1)
                .debugTimer("info-period", 1500)
                .debugTimer("publish-period", 700)
                .start();
      } catch (IllegalStateException e) {
        // Redis 6.2 (the embedded binary in --sentinel mode) has no SENTINEL DEBUG.
        assumeFalse(e.getMessage().contains("subcommand"), e.getMessage());
        throw e;
      }
      try (sentinel) {
        assertEquals("1500", sentinel.debugTimers().get("INFO-PERIOD"));
        sentinel.restart();
        assertEquals("1500", sentinel.debugTimers().get("INFO-PERIOD"));
        assertEquals("700", sentinel.debugTimers().get("PUBLISH-PERIOD"));
      }
    }
  }

  @Test
  void restartedSentinelComesBackFromItsRewrittenConfigOnTheSamePort() {
    try (ReplicationGroup group = ReplicationGroup.start(1);
        SentinelNode sentinel =
            SentinelNode.builder()
                .name("sentinel")
                .monitor(MASTER, group.primary().address(), 1)
                .start()) {
      sentinel.waitForKnownReplicas(MASTER, 1, TIMEOUT);
      assertEquals("sentinel", ((List<?>) sentinel.call("ROLE")).get(0));
      int port = sentinel.port();

      sentinel.pause();
      assertTrue(!sentinel.ping(Duration.ofMillis(300)));
      sentinel.resume();

      sentinel.kill9();
      sentinel.restart();
      assertEquals(port, sentinel.port());
      assertEquals(group.primary().address(), sentinel.getMasterAddr(MASTER));
      Map<String, String> replica = sentinel.replicas(MASTER).get(0);
      assertEquals(
          group.replica(0).address(),
          new HostPort(replica.get("ip"), Integer.parseInt(replica.get("port"))),
          "the replica learnt before the restart was persisted by CONFIG REWRITE");
    }
  }
}
