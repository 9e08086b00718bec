package dev.vigil.sim;

import dev.vigil.engine.FailoverPacing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One randomized run, fully determined by its seed: topology, timings, network behaviour and a
 * fault schedule. Timeline: warm-up (healthy, sentinels discover each other) → fault window → heal
 * everything → settle (convergence is checked at its end) → optionally the agreed primary is killed
 * with everything else healthy, and a failover must complete within a bound.
 *
 * <p>{@code established} deployments start from config files that already hold every sentinel's
 * myid and the known-sentinel lines (as after a first run); the others bootstrap from nothing.
 *
 * <p>{@code pacings} holds each sentinel's {@link FailoverPacing}: half of the scenarios run
 * Vigil's pacing everywhere, a quarter Sentinel's, a quarter a mixed group. It is drawn from its
 * own stream of the seed, so everything else about a seed stays as it was before pacings were
 * drawn.
 */
record Scenario(
    long seed,
    Kind kind,
    int sentinels,
    int replicas,
    int quorum,
    int[] priorities,
    int sentinelHostOffset,
    long downAfterMs,
    long failoverTimeoutMs,
    int parallelSyncs,
    NetworkProfile network,
    double crashAfterVoteRate,
    List<Fault> faults,
    long healAtMs,
    long settleMs,
    boolean finalPrimaryCrash,
    long livenessBoundMs,
    boolean eagerPoll,
    boolean established,
    List<FailoverPacing> pacings) {

  static final String MASTER = "mymaster";

  /**
   * Healthy start: the network loses nothing and has no spikes, so fresh sentinels discover each
   * other before anything fails (Sentinel counts a majority over the peers it knows).
   */
  static final long WARMUP_MS = 3500;

  enum Kind {
    /** Only network noise. */
    CALM,
    /** Random crashes, hangs, partitions, stalls and clock jumps. */
    FAULTS,
    /** SENTINEL FAILOVER requests plus benign faults. */
    MANUAL,
    /** Shaped: sentinels crash right after granting votes while the primary dies. */
    VOTE_CRASH,
    /** Shaped: five sentinels, quorum 2, split 2|3 while the primary is dead. */
    SPLIT_QUORUM,
    /**
     * Self-fencing (FencingSimulationTest, not in the default mix): a sidecar next to every node,
     * all sentinels known from the start, partitions only, no lost or delayed-by-spike messages.
     */
    FENCING
  }

  int dataNodes() {
    return 1 + replicas;
  }

  int hosts() {
    return Math.max(sentinels, dataNodes());
  }

  /** The host a sentinel runs on. */
  int sentinelHost(int sentinel) {
    return (sentinel + sentinelHostOffset) % hosts();
  }

  long endMs() {
    return healAtMs + settleMs + (finalPrimaryCrash ? livenessBoundMs : 0);
  }

  /** A fault-free scenario with a given shape, for harness tests. */
  static Scenario calm(long seed, int sentinels, int replicas, NetworkProfile network) {
    int[] priorities = new int[replicas + 1];
    java.util.Arrays.fill(priorities, 100);
    return new Scenario(
        seed,
        Kind.CALM,
        sentinels,
        replicas,
        sentinels / 2 + 1,
        priorities,
        0,
        1000,
        3000,
        1,
        network,
        0,
        List.of(),
        10_000,
        10_000,
        false,
        0,
        false,
        false,
        java.util.Collections.nCopies(sentinels, FailoverPacing.VIGIL));
  }

  static Scenario generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int roll = r.nextInt(100);
    Kind kind =
        roll < 10
            ? Kind.CALM
            : roll < 80
                ? Kind.FAULTS
                : roll < 90 ? Kind.MANUAL : roll < 95 ? Kind.VOTE_CRASH : Kind.SPLIT_QUORUM;
    return generate(seed, kind);
  }

  static Scenario generate(long seed, Kind kind) {
    if (kind == Kind.FENCING) {
      return fencing(seed);
    }
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int sentinels =
        kind == Kind.SPLIT_QUORUM ? 5 : kind == Kind.VOTE_CRASH ? 3 : r.nextBoolean() ? 3 : 5;
    int majority = sentinels / 2 + 1;
    int quorum = kind == Kind.SPLIT_QUORUM ? 2 : 2 + r.nextInt(majority - 1);
    int replicas = 1 + r.nextInt(3);
    int[] priorities = new int[replicas + 1];
    for (int i = 0; i < priorities.length; i++) {
      int p = r.nextInt(10);
      priorities[i] = p == 0 ? 0 : p < 3 ? 1 + r.nextInt(200) : 100;
    }
    int hosts = Math.max(sentinels, replicas + 1);
    long downAfter = 1000;
    long failoverTimeout = 3000 + 1000 * r.nextInt(4);
    int parallelSyncs = 1 + r.nextInt(2);
    NetworkProfile network = network(r);
    double crashAfterVote = kind == Kind.VOTE_CRASH ? 0.5 : r.nextInt(5) == 0 ? 0.2 : 0;
    long warmup = WARMUP_MS;
    long faultWindow = kind == Kind.CALM ? 2000 : 4000 + r.nextInt(8000);
    long heal = warmup + faultWindow;
    List<Fault> faults = new ArrayList<>();
    switch (kind) {
      case CALM -> {}
      case FAULTS -> {
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          faults.add(randomFault(r, warmup, heal, sentinels, replicas + 1, hosts));
        }
      }
      case MANUAL -> {
        faults.add(
            new Fault(
                warmup + r.nextInt(1000), Fault.Kind.MANUAL_FAILOVER, r.nextInt(sentinels), 0, 0));
        if (r.nextBoolean()) {
          long t = warmup + 1000 + r.nextInt((int) (faultWindow - 1000));
          Fault.Kind benign =
              r.nextBoolean() ? Fault.Kind.CRASH_SENTINEL : Fault.Kind.STALL_SENTINEL;
          faults.add(new Fault(t, benign, r.nextInt(sentinels), 200 + r.nextInt(2000), 0));
        }
      }
      case VOTE_CRASH ->
          faults.add(
              new Fault(warmup + r.nextInt(2000), Fault.Kind.CRASH_PRIMARY, 0, heal - warmup, 0));
      case SPLIT_QUORUM -> {
        long t = warmup + r.nextInt(1000);
        // Sentinels 0,1 (with whatever data nodes share their hosts) against the rest.
        long mask = 0;
        int offset = r.nextInt(hosts);
        for (int s = 0; s < 2; s++) {
          mask |= 1L << ((s + offset) % hosts);
        }
        faults.add(new Fault(t, Fault.Kind.PARTITION, 0, heal - t, mask));
        faults.add(new Fault(t + 10, Fault.Kind.CRASH_PRIMARY, 0, heal - t - 10, 0));
        return new Scenario(
            seed,
            kind,
            sentinels,
            replicas,
            quorum,
            priorities,
            offset,
            downAfter,
            failoverTimeout,
            parallelSyncs,
            network,
            crashAfterVote,
            faults,
            heal,
            settle(failoverTimeout),
            r.nextBoolean(),
            liveness(downAfter, failoverTimeout),
            r.nextInt(10) < 3,
            r.nextInt(4) != 0,
            pacings(seed, sentinels));
      }
    }
    faults.sort((a, b) -> Long.compare(a.atMs(), b.atMs()));
    return new Scenario(
        seed,
        kind,
        sentinels,
        replicas,
        quorum,
        priorities,
        r.nextInt(hosts),
        downAfter,
        failoverTimeout,
        parallelSyncs,
        network,
        crashAfterVote,
        faults,
        heal,
        settle(failoverTimeout),
        r.nextInt(3) == 0,
        liveness(downAfter, failoverTimeout),
        r.nextInt(10) < 3,
        r.nextInt(4) != 0,
        pacings(seed, sentinels));
  }

  /** Half Vigil's pacing everywhere, a quarter Sentinel's, a quarter a mixed group. */
  static List<FailoverPacing> pacings(long seed, int sentinels) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x9ACE5L);
    int roll = r.nextInt(4);
    if (roll < 2) {
      return java.util.Collections.nCopies(sentinels, FailoverPacing.VIGIL);
    }
    if (roll == 2) {
      return java.util.Collections.nCopies(sentinels, FailoverPacing.SENTINEL);
    }
    List<FailoverPacing> mixed = new ArrayList<>();
    int sentinelPaced = 1 + r.nextInt(sentinels - 1); // at least one of each
    for (int s = 0; s < sentinels; s++) {
      mixed.add(s < sentinelPaced ? FailoverPacing.SENTINEL : FailoverPacing.VIGIL);
    }
    java.util.Collections.shuffle(mixed, new java.util.Random(r.nextLong()));
    return List.copyOf(mixed);
  }

  /** The same scenario with one pacing for every sentinel (regression seeds found under it). */
  Scenario withPacing(FailoverPacing pacing) {
    return new Scenario(
        seed,
        kind,
        sentinels,
        replicas,
        quorum,
        priorities,
        sentinelHostOffset,
        downAfterMs,
        failoverTimeoutMs,
        parallelSyncs,
        network,
        crashAfterVoteRate,
        faults,
        healAtMs,
        settleMs,
        finalPrimaryCrash,
        livenessBoundMs,
        eagerPoll,
        established,
        java.util.Collections.nCopies(sentinels, pacing));
  }

  /**
   * Three or five nodes, each with its sidecar on its host (sentinel i next to node i), known to
   * each other from the config; one partition of 0.3-7.8 s, mostly cutting the primary's host off
   * (alone or with others of a minority), else any split. The network delays but loses nothing: the
   * fence's bound is about time, and a lost CONFIG SET would only wait for the request timeout. One
   * partition: a second one cutting off the leader between its promotion and its announcement
   * leaves two primaries that no sidecar can tell apart (Sentinel's own split brain, which fencing
   * does not claim to solve; docs/fencing.md).
   */
  static Scenario fencing(long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0xFE2CEL);
    int sentinels = r.nextBoolean() ? 3 : 5;
    int replicas = sentinels - 1;
    int majority = sentinels / 2 + 1;
    int quorum = 2 + r.nextInt(majority - 1);
    int[] priorities = new int[replicas + 1];
    java.util.Arrays.fill(priorities, 100);
    long downAfter = 1000;
    long failoverTimeout = 3000 + 1000 * r.nextInt(4);
    long[] maxDelays = {2, 10, 50};
    NetworkProfile network =
        new NetworkProfile(
            1, maxDelays[r.nextInt(maxDelays.length)], 0, 0, 0, 3000 + r.nextInt(5000), 1000, 0);
    long warmup = WARMUP_MS;
    long faultWindow = 4000 + r.nextInt(8000);
    long heal = warmup + faultWindow;
    List<Fault> faults = new ArrayList<>();
    long first = warmup + r.nextInt(1000);
    long mask = 1L | (r.nextBoolean() ? 1L << (1 + r.nextInt(replicas)) : 0);
    if (sentinels == 5 && Long.bitCount(mask) == 1 && r.nextBoolean()) {
      mask |= 1L << (1 + r.nextInt(replicas)); // the primary with up to two others of five
    }
    if (r.nextInt(4) == 0) {
      mask = 1 + r.nextLong((1L << sentinels) - 2); // any split, the primary on either side
    }
    faults.add(new Fault(first, Fault.Kind.PARTITION, 0, 300 + r.nextInt(7500), mask));
    return new Scenario(
        seed,
        Kind.FENCING,
        sentinels,
        replicas,
        quorum,
        priorities,
        0,
        downAfter,
        failoverTimeout,
        1,
        network,
        0,
        faults,
        heal,
        settle(failoverTimeout),
        false,
        liveness(downAfter, failoverTimeout),
        r.nextInt(10) < 3,
        true,
        pacings(seed, sentinels));
  }

  private static long settle(long failoverTimeout) {
    return 8000 + 2 * failoverTimeout;
  }

  /**
   * Room for a split election and a retry (which waits twice the failover timeout) plus the
   * reconfiguration; the run stops as soon as the failover completed and everything converged.
   */
  private static long liveness(long downAfter, long failoverTimeout) {
    return downAfter + 5 * failoverTimeout + 5000;
  }

  private static NetworkProfile network(SplittableRandom r) {
    long[] maxDelays = {2, 10, 50, 150};
    double[] drops = {0, 0, 0.001, 0.01, 0.03};
    return new NetworkProfile(
        1,
        maxDelays[r.nextInt(maxDelays.length)],
        drops[r.nextInt(drops.length)],
        0.3,
        r.nextInt(3) == 0 ? 0.05 : 0,
        3000 + r.nextInt(5000),
        200 + r.nextInt(1800),
        0.01);
  }

  private static Fault randomFault(
      SplittableRandom r, long from, long heal, int sentinels, int nodes, int hosts) {
    long t = from + r.nextLong(heal - from - 300);
    long maxDuration = heal - t;
    long duration =
        r.nextInt(3) == 0 ? maxDuration : 300 + r.nextLong(Math.max(1, maxDuration - 300));
    duration = Math.min(duration, maxDuration);
    int roll = r.nextInt(100);
    if (roll < 25) {
      return new Fault(t, Fault.Kind.CRASH_PRIMARY, 0, duration, 0);
    } else if (roll < 35) {
      return new Fault(t, Fault.Kind.HANG_PRIMARY, 0, duration, 0);
    } else if (roll < 45) {
      return new Fault(t, Fault.Kind.CRASH_NODE, r.nextInt(nodes), duration, 0);
    } else if (roll < 60) {
      return new Fault(t, Fault.Kind.CRASH_SENTINEL, r.nextInt(sentinels), duration, 0);
    } else if (roll < 68) {
      return new Fault(
          t,
          Fault.Kind.STALL_SENTINEL,
          r.nextInt(sentinels),
          Math.min(duration, 100 + r.nextInt(3000)),
          0);
    } else if (roll < 75) {
      long jump = (r.nextBoolean() ? 1 : -1) * (1000 + r.nextLong(3_600_000));
      return new Fault(t, Fault.Kind.WALL_JUMP, r.nextInt(sentinels), 0, jump);
    } else {
      long mask = 1 + r.nextLong((1L << hosts) - 2); // a non-empty proper subset of the hosts
      return new Fault(t, Fault.Kind.PARTITION, 0, duration, mask);
    }
  }

  @Override
  public String toString() {
    return "seed="
        + seed
        + " kind="
        + kind
        + " sentinels="
        + sentinels
        + " replicas="
        + replicas
        + " quorum="
        + quorum
        + " priorities="
        + java.util.Arrays.toString(priorities)
        + " failoverTimeout="
        + failoverTimeoutMs
        + " parallelSyncs="
        + parallelSyncs
        + " "
        + network
        + " crashAfterVote="
        + crashAfterVoteRate
        + " heal="
        + healAtMs
        + " settle="
        + settleMs
        + " finalPrimaryCrash="
        + finalPrimaryCrash
        + " eagerPoll="
        + eagerPoll
        + " established="
        + established
        + " pacings="
        + pacings
        + " faults="
        + faults;
  }
}
