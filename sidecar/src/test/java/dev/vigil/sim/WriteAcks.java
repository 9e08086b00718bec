package dev.vigil.sim;

import java.util.Arrays;
import java.util.List;

/**
 * The data plane's side of the simulation, for scenarios with self-fencing (docs/fencing.md): every
 * replication tick, each node that would acknowledge a client's write ({@link
 * SimValkeyNode#acceptsWrites}) counts as acknowledging one, and two invariants are checked.
 *
 * <ul>
 *   <li>{@link Invariant#ISOLATED_PRIMARY_STOPS_ACKNOWLEDGING}: a node whose host cannot reach a
 *       majority of the sentinels (its own sidecar included, dead ones unreachable) acknowledges
 *       nothing later than fence-after plus one round trip after it lost its majority (or after its
 *       sidecar started, whichever is later: a sidecar that is not running cannot fence);
 *   <li>{@link Invariant#ONE_ACKNOWLEDGING_PRIMARY}: two nodes never both acknowledge writes for
 *       longer than that.
 * </ul>
 */
final class WriteAcks {
  private static final long NONE = Long.MIN_VALUE;

  private final SimCluster cluster;
  private final InvariantChecker invariants;
  private final long boundMs;
  private final long[] isolatedSince;
  private final long[] acknowledgingSince;
  private long acknowledged;

  /**
   * @param fenceAfterMs the sidecars' effective fence-after
   * @param maxDelayMs the network's longest one-way delay (no spikes in these scenarios)
   */
  WriteAcks(SimCluster cluster, InvariantChecker invariants, long fenceAfterMs, long maxDelayMs) {
    this.cluster = cluster;
    this.invariants = invariants;
    // Fence-after from the last answer (which arrived before the cut: messages crossing a cut are
    // lost), then the CONFIG SET's trip to the node: one round trip covers it and its answer.
    this.boundMs = fenceAfterMs + 2 * maxDelayMs + 1;
    int n = cluster.nodes().size();
    this.isolatedSince = new long[n];
    this.acknowledgingSince = new long[n];
    Arrays.fill(isolatedSince, NONE);
    Arrays.fill(acknowledgingSince, NONE);
  }

  long acknowledged() {
    return acknowledged;
  }

  /** Reachability may have changed (a partition, a heal, a sentinel died or started). */
  void reachabilityChanged(long now) {
    List<SimValkeyNode> nodes = cluster.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      boolean isolated = isolated(nodes.get(i));
      if (!isolated) {
        isolatedSince[i] = NONE;
      } else if (isolatedSince[i] == NONE) {
        isolatedSince[i] = now;
      }
    }
  }

  /** One replication tick: who acknowledges a write now. */
  void tick(long now) {
    reachabilityChanged(now);
    List<SimValkeyNode> nodes = cluster.nodes();
    int first = -1;
    for (int i = 0; i < nodes.size(); i++) {
      SimValkeyNode node = nodes.get(i);
      if (!node.acceptsWrites(nodes)) {
        acknowledgingSince[i] = NONE;
        continue;
      }
      acknowledged++;
      if (acknowledgingSince[i] == NONE) {
        acknowledgingSince[i] = now;
      }
      if (isolatedSince[i] != NONE) {
        SimEngineHost sidecar = cluster.sentinelOnHost(node.hostIndex);
        // Counted from the latest of: the cut, the promotion (a node promoted while cut off never
        // had a majority as a primary), the start of its sidecar (nothing fences before it runs).
        long since =
            Math.max(isolatedSince[i], Math.max(node.primarySinceMs(), sidecar.startedAtMs()));
        invariants.check(
            now - since <= boundMs,
            Invariant.ISOLATED_PRIMARY_STOPS_ACKNOWLEDGING,
            node
                + " acknowledged a write "
                + (now - since)
                + " ms after it lost its majority of sentinels (bound "
                + boundMs
                + " ms)");
      }
      if (first < 0) {
        first = i;
      } else {
        long overlap = now - Math.max(acknowledgingSince[first], acknowledgingSince[i]);
        invariants.check(
            overlap <= boundMs,
            Invariant.ONE_ACKNOWLEDGING_PRIMARY,
            nodes.get(first)
                + " and "
                + node
                + " both acknowledged writes for "
                + overlap
                + " ms (bound "
                + boundMs
                + " ms)");
      }
    }
  }

  /**
   * The node's host reaches fewer than a majority of the sentinels' hosts, counting only running
   * sentinels; false when its own sidecar is not running (nothing there can fence it).
   */
  private boolean isolated(SimValkeyNode node) {
    SimEngineHost own = cluster.sentinelOnHost(node.hostIndex);
    if (own == null || !own.alive()) {
      return false;
    }
    int reachable = 0;
    List<SimEngineHost> sentinels = cluster.sentinels();
    for (SimEngineHost s : sentinels) {
      if (s.alive() && cluster.network().reachable(node.hostIndex, s.hostIndex)) {
        reachable++;
      }
    }
    return reachable < sentinels.size() / 2 + 1;
  }
}
