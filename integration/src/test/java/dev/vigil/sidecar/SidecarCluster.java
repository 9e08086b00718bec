package dev.vigil.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ValkeyNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A replication group watched by sidecars (the kit's {@link dev.vigil.testkit.Topology} with the
 * Vigil launcher): {@link #start} returns once every sidecar knows every replica and every other
 * sidecar, so a failover is possible.
 */
final class SidecarCluster implements AutoCloseable {
  static final String MASTER = "mymaster";
  static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(30);
  static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

  final ReplicationGroup group;
  final List<SentinelNode> sentinels;

  private SidecarCluster(ReplicationGroup group, List<SentinelNode> sentinels) {
    this.group = group;
    this.sentinels = List.copyOf(sentinels);
  }

  /**
   * Waits for {@code +switch-master} away from {@code old} on {@code events}; returns the new
   * primary.
   */
  static HostPort awaitSwitch(SentinelEvents events, HostPort old) {
    String prefix = MASTER + " " + old.host() + " " + old.port() + " ";
    String[] parts =
        events
            .awaitMessage("+switch-master", m -> m.startsWith(prefix), FAILOVER_TIMEOUT)
            .message()
            .split(" ");
    return new HostPort(parts[3], Integer.parseInt(parts[4]));
  }

  /**
   * The client ITs' failover: {@code write} (key {@code n} ← {@code "v" + n}) runs in a loop
   * through the client while the primary is SIGKILLed. Returns the promoted node once the client
   * has written 20 more keys after {@code +switch-master} and the last acknowledged one is on it.
   */
  ValkeyNode killPrimaryWhileWriting(SentinelEvents events, String client, IntConsumer write)
      throws InterruptedException {
    HostPort old = primary().address();
    BackgroundWriter writer = new BackgroundWriter(client, write);
    try {
      Await.until(
          client + " writes flow",
          FAILOVER_TIMEOUT,
          () -> writer.written.get() > 20,
          writer::lastFailure);
      primary().kill9();
      HostPort promoted = awaitSwitch(events, old);
      assertNotEquals(old, promoted);
      ValkeyNode newPrimary = nodeAt(promoted);
      newPrimary.waitForRole("master", DISCOVERY_TIMEOUT);
      int atSwitch = writer.written.get();
      Await.until(
          client + " writes again after the switch",
          FAILOVER_TIMEOUT,
          () -> writer.written.get() > atSwitch + 20,
          writer::lastFailure);
      writer.stop();
      int last = writer.written.get() - 1;
      assertEquals("v" + last, newPrimary.callString("GET", "key-" + last), "last acked key");
      return newPrimary;
    } finally {
      writer.stop();
    }
  }

  /** {@code replicas} replicas, {@code count} sidecars, quorum 2, down-after 1000 ms. */
  static SidecarCluster start(int replicas, int count, String... extraConfig) {
    return start(ReplicationGroup.start(replicas), count, extraConfig);
  }

  /** Sidecars (with {@code extraConfig} lines) watching an already started group. */
  static SidecarCluster start(ReplicationGroup group, int count, String... extraConfig) {
    List<SentinelNode> started = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        started.add(sidecar("sidecar" + i, group.primary(), extraConfig));
      }
      SidecarCluster cluster = new SidecarCluster(group, started);
      cluster.waitForDiscovery();
      return cluster;
    } catch (RuntimeException | Error e) {
      started.forEach(SentinelNode::close);
      group.close();
      throw e;
    }
  }

  static SentinelNode sidecar(String name, ValkeyNode primary, String... extraConfig) {
    return sidecar(name, primary, 2, Duration.ofMillis(1000), extraConfig);
  }

  /** A sidecar with its own quorum and down-after (e.g. to make it detect a failure first). */
  static SentinelNode sidecar(
      String name, ValkeyNode primary, int quorum, Duration downAfter, String... extraConfig) {
    SentinelNode.Builder builder =
        SentinelNode.builder()
            .name(name)
            .launcher(VigilLauncher.get())
            .monitor(MASTER, primary.address(), quorum, downAfter, Duration.ofSeconds(10))
            .startTimeout(Duration.ofSeconds(20));
    for (String line : extraConfig) {
      builder.config(line);
    }
    return builder.start();
  }

  /**
   * Waits until every sidecar counts every replica and every sidecar (itself included) in INFO's
   * {@code masterN:...,slaves=<n>,sentinels=<n>} line.
   */
  void waitForDiscovery() {
    for (SentinelNode s : sentinels) {
      waitForCounts(s, group.replicas().size(), sentinels.size());
    }
  }

  static void waitForCounts(SentinelNode s, int replicas, int sentinelsIncludingSelf) {
    String expected = ",slaves=" + replicas + ",sentinels=" + sentinelsIncludingSelf;
    Await.until(
        s.name() + " INFO shows" + expected,
        DISCOVERY_TIMEOUT,
        () -> String.valueOf(s.call("INFO", "sentinel")).contains(expected),
        () -> s.logTail(30));
  }

  ValkeyNode primary() {
    return group.primary();
  }

  ValkeyNode nodeAt(dev.vigil.testkit.HostPort address) {
    for (ValkeyNode node : group.nodes()) {
      if (node.address().equals(address)) {
        return node;
      }
    }
    throw new IllegalArgumentException("no node at " + address + " in " + group.nodes());
  }

  /** Sidecars first, so they do not react to the nodes going away. */
  @Override
  public void close() {
    sentinels.forEach(SentinelNode::close);
    group.close();
  }
}
