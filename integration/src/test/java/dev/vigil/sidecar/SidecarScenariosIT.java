package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/** Failure modes and clients around the sidecar failover, each against sidecar JVMs. */
@ExtendWith(TestKitExtension.class)
class SidecarScenariosIT {
  private static final Duration FAILOVER_TIMEOUT = SidecarCluster.FAILOVER_TIMEOUT;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static void awaitAgreement(List<SentinelNode> sentinels, HostPort primary) {
    for (SentinelNode s : sentinels) {
      s.waitForMasterAddr(MASTER, primary, TIMEOUT);
    }
  }

  @Test
  void hungPrimaryIsFailedOverAndRejoinsAsAReplica() {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      HostPort old = cluster.primary().address();
      cluster.primary().pause(); // SIGSTOP: connections stay open, nothing answers
      HostPort promoted = SidecarCluster.awaitSwitch(events, old);
      awaitAgreement(cluster.sentinels, promoted);
      ValkeyNode newPrimary = cluster.nodeAt(promoted);
      newPrimary.waitForRole("master", TIMEOUT);
      cluster.primary().resume();
      cluster.primary().waitForReplicaOf(newPrimary, FAILOVER_TIMEOUT);
    }
  }

  @Test
  void sidecarDownDuringTheFailoverLearnsTheNewPrimaryFromHellos() {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      SentinelNode absent = cluster.sentinels.get(2);
      absent.kill9();
      HostPort old = cluster.primary().address();
      cluster.primary().kill9();
      HostPort promoted = SidecarCluster.awaitSwitch(events, old);
      awaitAgreement(cluster.sentinels.subList(0, 2), promoted);

      // Restarted from its config file, it still names the old primary, until a hello corrects it.
      absent.restart();
      absent.waitForMasterAddr(MASTER, promoted, TIMEOUT);
    }
  }

  @Test
  void manualFailoverSeenThroughRedisCli() throws Exception {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3)) {
      SentinelNode sidecar = cluster.sentinels.get(1);
      HostPort old = cluster.primary().address();
      assertEquals(
          old.host() + "\n" + old.port(),
          redisCli(sidecar, "SENTINEL", "get-master-addr-by-name", MASTER).strip());

      Path subscriberOut = Files.createTempFile("vigil-redis-cli", ".out");
      Process subscriber =
          new ProcessBuilder("redis-cli", "-p", "" + sidecar.port(), "SUBSCRIBE", "+switch-master")
              .redirectErrorStream(true)
              .redirectOutput(subscriberOut.toFile())
              .start();
      try {
        Await.until(
            "redis-cli subscribed", TIMEOUT, () -> read(subscriberOut).contains("+switch-master"));

        assertEquals("OK", String.valueOf(sidecar.call("SENTINEL", "FAILOVER", MASTER)));
        Await.until(
            "redis-cli printed the switch",
            FAILOVER_TIMEOUT,
            () -> read(subscriberOut).contains(MASTER + " " + old.host() + " " + old.port()));
        String[] lines = read(subscriberOut).strip().split("\n");
        String[] parts = lines[lines.length - 1].split(" ");
        HostPort promoted = new HostPort(parts[3], Integer.parseInt(parts[4]));
        assertNotEquals(old, promoted);
        awaitAgreement(cluster.sentinels, promoted);
        assertEquals(
            promoted.host() + "\n" + promoted.port(),
            redisCli(sidecar, "SENTINEL", "get-master-addr-by-name", MASTER).strip());
        // A manual failover keeps the old primary: it is reconfigured as a replica.
        cluster.primary().waitForReplicaOf(cluster.nodeAt(promoted), FAILOVER_TIMEOUT);
      } finally {
        subscriber.destroyForcibly();
        subscriber.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(subscriberOut);
      }
    }
  }

  @Test
  void jedisSentinelPoolKeepsWritingThroughAFailover() throws Exception {
    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      Set<String> sentinels = new HashSet<>();
      for (SentinelNode s : cluster.sentinels) {
        sentinels.add(s.address().host() + ":" + s.address().port());
      }
      try (JedisSentinelPool pool = new JedisSentinelPool(MASTER, sentinels)) {
        assertEquals(cluster.primary().address().port(), pool.getCurrentHostMaster().getPort());
        ValkeyNode newPrimary =
            cluster.killPrimaryWhileWriting(
                events,
                "JedisSentinelPool",
                n -> {
                  try (Jedis jedis = pool.getResource()) {
                    jedis.set("key-" + n, "v" + n);
                  }
                });
        assertEquals(newPrimary.address().port(), pool.getCurrentHostMaster().getPort());
      }
    }
  }

  @Test
  void passwordProtectedGroupFailsOverWithAuthPass() {
    ReplicationGroup group = ReplicationGroup.start(2, b -> b.password("s3cret"));
    try (SidecarCluster cluster =
            SidecarCluster.start(group, 3, "sentinel auth-pass " + MASTER + " s3cret");
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      HostPort old = cluster.primary().address();
      cluster.primary().kill9();
      HostPort promoted = SidecarCluster.awaitSwitch(events, old);
      awaitAgreement(cluster.sentinels, promoted);
      ValkeyNode newPrimary = cluster.nodeAt(promoted);
      ValkeyNode other =
          cluster.group.replicas().stream().filter(r -> r != newPrimary).findFirst().orElseThrow();
      other.waitForReplicaOf(newPrimary, TIMEOUT);
    }
  }

  @Test
  void mixedDeploymentWithRealSentinelsFailsOverTogether() {
    SidecarCluster cluster = SidecarCluster.start(2, 1);
    List<SentinelNode> real = new ArrayList<>();
    try {
      for (int i = 1; i <= 2; i++) {
        real.add(
            SentinelNode.builder()
                .name("valkey-sentinel" + i)
                .monitor(
                    MASTER,
                    cluster.primary().address(),
                    2,
                    Duration.ofMillis(1000),
                    Duration.ofSeconds(10))
                .start());
      }
      List<SentinelNode> all = new ArrayList<>(cluster.sentinels);
      all.addAll(real);
      for (SentinelNode s : all) {
        SidecarCluster.waitForCounts(s, 2, 3);
      }
      try (SentinelEvents events = real.get(0).subscribe("+switch-master")) {
        HostPort old = cluster.primary().address();
        cluster.primary().kill9();
        HostPort promoted = SidecarCluster.awaitSwitch(events, old);
        awaitAgreement(all, promoted);
        cluster.nodeAt(promoted).waitForRole("master", TIMEOUT);
      }
    } finally {
      real.forEach(SentinelNode::close);
      cluster.close();
    }
  }

  private static String redisCli(SentinelNode node, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", "" + node.port()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
