package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.RespClient;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.Redisson;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.api.redisnode.RedisSentinelMasterSlave;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.Protocol;

/**
 * Redisson's Sentinel support, unchanged, against three sidecars through a SIGKILL of the primary.
 * {@code useSentinelServers()} keeps its default checks ({@code checkSentinelsList}, {@code
 * checkSlaveStatusWithSyncing}, sentinel discovery), so it must accept the sidecars' {@code
 * SENTINEL GET-MASTER-ADDR-BY-NAME / REPLICAS / SENTINELS} replies to start at all, and its
 * topology scan must find the promoted replica for writes to flow again.
 */
@ExtendWith(TestKitExtension.class)
class SidecarRedissonIT {
  private static final Duration FAILOVER_TIMEOUT = SidecarCluster.FAILOVER_TIMEOUT;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /**
   * RESP2 is Redisson's default; RESP3 makes it send {@code HELLO 3} to the sidecars and parse
   * their SENTINEL replies as RESP3 maps and sets.
   */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void sentinelServersClientWritesToTheNewPrimaryAfterAFailover(Protocol protocol)
      throws Exception {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      Config config = new Config().setProtocol(protocol);
      config
          .useSentinelServers()
          .setMasterName(MASTER)
          .addSentinelAddress(
              cluster.sentinels.stream()
                  .map(s -> "redis://" + s.address().host() + ":" + s.port())
                  .toArray(String[]::new));
      RedissonClient redisson = Redisson.create(config);
      try {
        HostPort old = cluster.primary().address();
        RedisSentinelMasterSlave nodes = redisson.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE);
        assertEquals(old, address(nodes.getMaster()));
        Await.until(
            "Redisson sees both replicas and all three sidecars",
            TIMEOUT,
            () ->
                addresses(nodes.getSlaves()).equals(addresses(cluster.group.replicas()))
                    && addresses(nodes.getSentinels()).equals(sidecarAddresses(cluster)),
            () ->
                "Redisson sees replicas "
                    + addresses(nodes.getSlaves())
                    + ", sentinels "
                    + addresses(nodes.getSentinels()));

        if (protocol == Protocol.RESP3) { // the kit's own connections stay on RESP2
          Await.until(
              "a sidecar lists Redisson's HELLO 3 connection",
              TIMEOUT,
              () -> cluster.sentinels.stream().anyMatch(s -> clientList(s).contains(" resp=3")),
              () -> "CLIENT LIST: " + clientList(cluster.sentinels.get(0)));
        }

        RBucket<String> before = redisson.getBucket("before", StringCodec.INSTANCE);
        before.set("1");
        assertEquals("1", cluster.primary().callString("GET", "before"));

        ValkeyNode newPrimary =
            cluster.killPrimaryWhileWriting(
                events,
                "Redisson",
                n -> redisson.<String>getBucket("key-" + n, StringCodec.INSTANCE).set("v" + n));
        HostPort promoted = newPrimary.address();
        RAtomicLong counter = redisson.getAtomicLong("counter");
        long value = counter.incrementAndGet();
        assertEquals(String.valueOf(value), newPrimary.callString("GET", "counter"));

        Await.until(
            "Redisson's RedisNodes names the new primary",
            FAILOVER_TIMEOUT,
            () -> promoted.equals(address(nodes.getMaster())),
            () -> "Redisson's master: " + address(nodes.getMaster()));
      } finally {
        redisson.shutdown(0, 5, TimeUnit.SECONDS);
      }
    }
  }

  private static String clientList(SentinelNode sidecar) {
    try (RespClient c = sidecar.client()) {
      return c.callString("CLIENT", "LIST");
    }
  }

  private static HostPort address(RedisNode node) {
    InetSocketAddress a = node.getAddr();
    return new HostPort(a.getAddress().getHostAddress(), a.getPort());
  }

  private static Set<HostPort> addresses(Collection<? extends RedisNode> nodes) {
    return nodes.stream().map(SidecarRedissonIT::address).collect(Collectors.toSet());
  }

  private static Set<HostPort> addresses(java.util.List<ValkeyNode> nodes) {
    return nodes.stream().map(ValkeyNode::address).collect(Collectors.toSet());
  }

  private static Set<HostPort> sidecarAddresses(SidecarCluster cluster) {
    return cluster.sentinels.stream().map(SentinelNode::address).collect(Collectors.toSet());
  }
}
