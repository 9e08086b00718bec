package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
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
        Event switched =
            subscriptions
                .get(0)
                .awaitMessage("+switch-master", m -> m.startsWith(prefix), FAILOVER_TIMEOUT);
        String[] parts = switched.message().split(" ");
        HostPort newPrimary = new HostPort(parts[3], Integer.parseInt(parts[4]));
        ValkeyNode promoted = topology.nodeAt(newPrimary);
        assertNotEquals(topology.primary(), promoted);
        for (SentinelEvents events : subscriptions) {
          assertEquals(
              switched.message(),
              events.awaitMessage("+switch-master", m -> m.startsWith(prefix), TIMEOUT).message(),
              "every sentinel announces the same switch");
        }
        assertTrue(
            subscriptions.stream()
                .anyMatch(e -> e.events().stream().anyMatch(ev -> ev.channel().equals("+odown"))),
            "a failover needs an objective down first");
        topology.waitForAgreement(newPrimary, TIMEOUT);

        promoted.waitForRole("master", TIMEOUT);
        ValkeyNode otherReplica =
            topology.replicas().stream().filter(r -> r != promoted).findFirst().orElseThrow();
        otherReplica.waitForReplicaOf(promoted, TIMEOUT);
        promoted.call("SET", "after-failover", "yes");
        otherReplica.waitForOffsetOf(promoted, TIMEOUT);
        assertEquals("yes", otherReplica.callString("GET", "after-failover"));

        // The old primary comes back empty, as a primary; the sentinels demote it once it has been
        // reachable for 8 s (4 hello periods) and they next poll its INFO: allow up to ~20 s.
        topology.primary().restart();
        topology.primary().waitForReplicaOf(promoted, FAILOVER_TIMEOUT);
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
      ValkeyNode promoted = topology.forceFailover(FAILOVER_TIMEOUT);
      assertEquals(topology.replicas().get(0), promoted);
      assertEquals(promoted, topology.currentPrimary());
      assertEquals("OK", promoted.callString("SET", "k", "v"));
      assertNotEquals(oldPrimary.address(), topology.sentinels().get(0).getMasterAddr(MASTER));
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
