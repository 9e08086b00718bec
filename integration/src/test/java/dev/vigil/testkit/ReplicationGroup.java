package dev.vigil.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One primary and N replicas on loopback; {@link #start} returns once every replica's link is up
 * and its initial sync is done.
 */
public final class ReplicationGroup implements AutoCloseable {
  public static final Duration LINK_TIMEOUT = Duration.ofSeconds(20);

  private final ValkeyNode primary;
  private final List<ValkeyNode> replicas;

  private ReplicationGroup(ValkeyNode primary, List<ValkeyNode> replicas) {
    this.primary = primary;
    this.replicas = List.copyOf(replicas);
  }

  /** A primary named {@code primary} and replicas {@code replica1..N} with default settings. */
  public static ReplicationGroup start(int replicaCount) {
    return start(replicaCount, b -> b);
  }

  /**
   * As {@link #start(int)}, letting {@code customize} adjust each node's builder (already named).
   */
  public static ReplicationGroup start(
      int replicaCount, UnaryOperator<ValkeyNode.Builder> customize) {
    List<ValkeyNode> started = new ArrayList<>();
    try {
      ValkeyNode primary = customize.apply(ValkeyNode.builder().name("primary")).start();
      started.add(primary);
      List<ValkeyNode> replicas = new ArrayList<>();
      for (int i = 1; i <= replicaCount; i++) {
        ValkeyNode replica = customize.apply(ValkeyNode.builder().name("replica" + i)).start();
        started.add(replica);
        replicas.add(replica);
        replica.replicaOf(primary);
      }
      ReplicationGroup group = new ReplicationGroup(primary, replicas);
      group.waitForReplicasLinked(LINK_TIMEOUT);
      return group;
    } catch (RuntimeException | Error e) {
      started.forEach(ValkeyNode::close);
      throw e;
    }
  }

  public ValkeyNode primary() {
    return primary;
  }

  public List<ValkeyNode> replicas() {
    return replicas;
  }

  public ValkeyNode replica(int index) {
    return replicas.get(index);
  }

  /** Primary first, then the replicas. */
  public List<ValkeyNode> nodes() {
    List<ValkeyNode> all = new ArrayList<>();
    all.add(primary);
    all.addAll(replicas);
    return all;
  }

  /** Waits until every replica replicates from the primary with link up and sync done. */
  public void waitForReplicasLinked(Duration timeout) {
    for (ValkeyNode replica : replicas) {
      replica.waitForReplicaOf(primary, timeout);
    }
  }

  @Override
  public void close() {
    for (ValkeyNode node : nodes()) {
      node.close();
    }
  }
}
