package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelEvents.Event;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * The sidecar's reason to exist: three sidecar JVMs (the shaded jar) watching a primary and two
 * replicas fail over when the primary dies, exactly like three Sentinels would.
 */
@ExtendWith(TestKitExtension.class)
class SidecarFailoverIT {
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void sigkillOfThePrimaryFailsOverOnceAndEverythingFollowsTheNewPrimary() {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3)) {
      HostPort oldPrimary = cluster.primary().address();
      for (SentinelNode s : cluster.sentinels) {
        assertEquals(List.of(oldPrimary.host(), "" + oldPrimary.port()), jedisMasterAddr(s));
      }
      List<SentinelEvents> subscriptions = new ArrayList<>();
      try {
        for (SentinelNode s : cluster.sentinels) {
          subscriptions.add(s.subscribe("+switch-master"));
        }

        cluster.primary().kill9();

        String prefix = MASTER + " " + oldPrimary.host() + " " + oldPrimary.port() + " ";
        Event switched =
            subscriptions
                .get(0)
                .awaitMessage("+switch-master", m -> m.startsWith(prefix), FAILOVER_TIMEOUT);
        String[] parts = switched.message().split(" ");
        HostPort newPrimary = new HostPort(parts[3], Integer.parseInt(parts[4]));
        ValkeyNode promoted = cluster.nodeAt(newPrimary);
        assertNotEquals(cluster.primary(), promoted);
        for (SentinelEvents events : subscriptions) {
          assertEquals(
              switched.message(),
              events.awaitMessage("+switch-master", m -> m.startsWith(prefix), TIMEOUT).message(),
              "every sidecar announces the same switch");
        }
        for (SentinelNode s : cluster.sentinels) {
          s.waitForMasterAddr(MASTER, newPrimary, TIMEOUT);
          assertEquals(List.of(newPrimary.host(), "" + newPrimary.port()), jedisMasterAddr(s));
        }

        promoted.waitForRole("master", TIMEOUT);
        ValkeyNode otherReplica =
            cluster.group.replicas().stream().filter(r -> r != promoted).findFirst().orElseThrow();
        otherReplica.waitForReplicaOf(promoted, TIMEOUT);
        promoted.call("SET", "after-failover", "yes");
        otherReplica.waitForOffsetOf(promoted, TIMEOUT);
        assertEquals("yes", otherReplica.callString("GET", "after-failover"));

        // The old primary comes back empty, as a primary; the sidecars demote it.
        cluster.primary().restart();
        cluster.primary().waitForReplicaOf(promoted, FAILOVER_TIMEOUT);

        for (SentinelEvents events : subscriptions) {
          assertEquals(
              1,
              events.events().stream().filter(e -> e.channel().equals("+switch-master")).count(),
              "exactly one switch per sidecar: " + events.events());
        }
      } finally {
        subscriptions.forEach(SentinelEvents::close);
      }
    }
  }

  /** What a Jedis client sees: SENTINEL get-master-addr-by-name through Jedis itself. */
  static List<String> jedisMasterAddr(SentinelNode sentinel) {
    try (Jedis jedis = new Jedis(sentinel.address().host(), sentinel.address().port())) {
      return jedis.sentinelGetMasterAddrByName(MASTER);
    }
  }
}
