package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import io.valkey.DefaultJedisClientConfig;
import io.valkey.HostAndPort;
import io.valkey.Jedis;
import io.valkey.JedisSentinelPool;
import io.valkey.JedisSentineled;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Valkey's own Java client, valkey-java (the Jedis fork under {@code io.valkey}), unchanged,
 * against three sidecars through a SIGKILL of the primary: a {@link JedisSentinelPool} (which
 * follows {@code +switch-master} on every sidecar) keeps writing on the new primary, and a {@link
 * JedisSentineled} (the unified client over the sentinels) writes there too.
 *
 * <p>Valkey GLIDE, Valkey's other Java client, is not run here: it has no Sentinel mode (no
 * Sentinel configuration in {@code io.valkey:valkey-glide} 2.3.1 or 2.5.2-rc1, the newest served;
 * valkey-io/valkey-glide issue 2761 asks for it).
 */
@ExtendWith(TestKitExtension.class)
class SidecarValkeyJavaIT {
  private static final Duration FAILOVER_TIMEOUT = SidecarCluster.FAILOVER_TIMEOUT;

  @Test
  void sentinelPoolAndSentineledClientWriteToTheNewPrimaryAfterAFailover() throws Exception {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      Set<String> sentinelNames = new HashSet<>();
      Set<HostAndPort> sentinels = new HashSet<>();
      for (SentinelNode s : cluster.sentinels) {
        sentinelNames.add(s.address().host() + ":" + s.port());
        sentinels.add(new HostAndPort(s.address().host(), s.port()));
      }
      HostPort old = cluster.primary().address();
      try (JedisSentinelPool pool = new JedisSentinelPool(MASTER, sentinelNames);
          JedisSentineled sentineled =
              new JedisSentineled(
                  MASTER,
                  DefaultJedisClientConfig.builder().build(),
                  sentinels,
                  DefaultJedisClientConfig.builder().build())) {
        assertEquals(old.port(), pool.getCurrentHostMaster().getPort());
        assertEquals("OK", sentineled.set("sentineled-before", "1"));
        assertEquals("1", cluster.primary().callString("GET", "sentineled-before"));

        ValkeyNode newPrimary =
            cluster.killPrimaryWhileWriting(
                events,
                "valkey-java JedisSentinelPool",
                n -> {
                  try (Jedis jedis = pool.getResource()) {
                    jedis.set("key-" + n, "v" + n);
                  }
                });
        assertEquals(newPrimary.address().port(), pool.getCurrentHostMaster().getPort());
        // The unified client follows the same sentinels: a write lands on the new primary.
        AtomicReference<String> failure = new AtomicReference<>("none");
        Await.until(
            "the JedisSentineled client writes on the new primary",
            FAILOVER_TIMEOUT,
            () -> {
              try {
                sentineled.set("sentineled-after", "2");
                return "2".equals(newPrimary.callString("GET", "sentineled-after"));
              } catch (RuntimeException e) {
                failure.set(e.toString());
                return false;
              }
            },
            failure::get);
      }
    }
  }
}
