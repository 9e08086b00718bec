package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lettuce's Sentinel support, unchanged, against three sidecars through a SIGKILL of the primary: a
 * {@code redis-sentinel://} connection (HELLO 3 to the sidecars, master resolved again on every
 * reconnect) and a {@link MasterReplica} connection (SENTINEL MASTER/REPLICAS topology, refreshed
 * on the events of its {@code PSUBSCRIBE *}) both keep writing on the new primary.
 */
@ExtendWith(TestKitExtension.class)
class SidecarLettuceIT {
  private static final Duration FAILOVER_TIMEOUT = SidecarCluster.FAILOVER_TIMEOUT;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void sentinelAndMasterReplicaConnectionsWriteToTheNewPrimaryAfterAFailover() throws Exception {
    RedisClient client = RedisClient.create();
    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      RedisURI uri = RedisURI.create(sentinelUrl(cluster));
      uri.setTimeout(COMMAND_TIMEOUT);
      RedisURI.Builder builder =
          RedisURI.Builder.sentinel(
                  cluster.sentinels.get(0).address().host(),
                  cluster.sentinels.get(0).port(),
                  MASTER)
              .withTimeout(COMMAND_TIMEOUT);
      for (SentinelNode s : cluster.sentinels.subList(1, 3)) {
        builder.withSentinel(s.address().host(), s.port());
      }
      HostPort old = cluster.primary().address();

      try (StatefulRedisConnection<String, String> plain = client.connect(uri);
          StatefulRedisMasterReplicaConnection<String, String> masterReplica =
              MasterReplica.connect(client, StringCodec.UTF8, builder.build())) {
        assertEquals("master", plain.sync().role().get(0));
        assertEquals("OK", masterReplica.sync().set("mr-before", "1"));
        assertEquals("1", cluster.primary().callString("GET", "mr-before"));

        ValkeyNode newPrimary =
            cluster.killPrimaryWhileWriting(
                events, "redis-sentinel:// connection", n -> plain.sync().set("key-" + n, "v" + n));
        // The MasterReplica topology follows the switch: a write (refused with READONLY by a
        // replica, impossible on the dead node) lands on the new primary.
        AtomicReference<String> failure = new AtomicReference<>("none");
        Await.until(
            "the MasterReplica connection writes on the new primary",
            FAILOVER_TIMEOUT,
            () -> {
              try {
                masterReplica.sync().set("mr-after", "2");
                return "2".equals(newPrimary.callString("GET", "mr-after"));
              } catch (RuntimeException e) {
                failure.set(e.toString());
                return false;
              }
            },
            failure::get);
      }
    } finally {
      client.shutdown();
    }
  }

  private static String sentinelUrl(SidecarCluster cluster) {
    return "redis-sentinel://"
        + cluster.sentinels.stream()
            .map(s -> s.address().host() + ":" + s.port())
            .collect(Collectors.joining(","))
        + "#"
        + MASTER;
  }
}
