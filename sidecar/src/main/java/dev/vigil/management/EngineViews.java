package dev.vigil.management;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.EngineSnapshot.ElectionSnapshot;
import dev.vigil.engine.EngineSnapshot.MasterSnapshot;
import dev.vigil.engine.EngineSnapshot.ReplicaSnapshot;
import dev.vigil.engine.EngineSnapshot.SentinelSnapshot;
import dev.vigil.engine.VoteRecord;
import dev.vigil.jmx.ElectionVote;
import dev.vigil.jmx.FailoverRecord;
import dev.vigil.management.view.ElectionView;
import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.PeerView;
import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an {@link EngineSnapshot} (monotonic timestamps, engine types) to the management {@link
 * SentinelView} (wall-clock times, ages, 1-based ranks, open-type values). Pure: every input is in
 * the arguments.
 */
public final class EngineViews {
  private static final Pattern MASTER_REPL_OFFSET =
      Pattern.compile("^master_repl_offset:(\\d+)\\s*$", Pattern.MULTILINE);

  private EngineViews() {}

  /**
   * @param port the Sentinel protocol port
   * @param startedAtEpochMs when the sidecar started
   * @param promotions per master, the order this sidecar used at its last promotion (may be empty)
   */
  public static SentinelView toView(
      EngineSnapshot s, int port, long startedAtEpochMs, Map<String, PromotionOrder> promotions) {
    List<MasterView> masters = new ArrayList<>();
    for (MasterSnapshot m : s.masters()) {
      masters.add(master(s, m, promotions.get(m.name())));
    }
    return new SentinelView(
        s.myid(),
        s.currentEpoch(),
        s.tilt(),
        s.tilt() ? wall(s, s.tiltSinceMs()) : 0,
        s.totalTilts(),
        s.globals().announceIp(),
        s.globals().announcePort(),
        port,
        startedAtEpochMs,
        masters);
  }

  /** The replica order, best first, used to promote in {@code epoch}. */
  public record PromotionOrder(long epoch, List<String> addresses) {
    public PromotionOrder {
      addresses = List.copyOf(addresses);
    }
  }

  /** The current promotion order of {@code m}: eligible replicas, best first. */
  public static List<String> currentOrder(MasterSnapshot m) {
    List<ReplicaSnapshot> eligible = new ArrayList<>();
    for (ReplicaSnapshot r : m.replicas()) {
      if (r.rank() >= 0) {
        eligible.add(r);
      }
    }
    eligible.sort(java.util.Comparator.comparingInt(ReplicaSnapshot::rank));
    List<String> out = new ArrayList<>();
    for (ReplicaSnapshot r : eligible) {
      out.add(r.name());
    }
    return out;
  }

  private static MasterView master(EngineSnapshot s, MasterSnapshot m, PromotionOrder promotion) {
    long primaryOffset = replOffset(m.info());
    List<ReplicaView> replicas = new ArrayList<>();
    for (ReplicaSnapshot r : m.replicas()) {
      replicas.add(replica(s, r, primaryOffset));
    }
    List<PeerView> peers = new ArrayList<>();
    for (SentinelSnapshot p : m.sentinels()) {
      peers.add(
          new PeerView(
              p.runid(),
              p.ip(),
              p.port(),
              age(s, p.lastHelloTimeMs()),
              p.masterDown(),
              p.votedLeader(),
              p.votedLeaderEpoch()));
    }
    return new MasterView(
        m.name(),
        m.currentAddress().host(),
        m.currentAddress().port(),
        m.quorum(),
        m.flags(),
        wall(s, m.sDownSinceMs()),
        wall(s, m.oDownSinceMs()),
        m.downAfterMs(),
        m.failoverTimeoutMs(),
        m.parallelSyncs(),
        m.configEpoch(),
        m.failoverState().wireName(),
        wall(s, m.failoverStateSinceMs()),
        m.leader(),
        m.leaderEpoch(),
        primaryOffset,
        age(s, m.infoRefreshMs()),
        replicas,
        peers,
        election(s, m, promotion),
        lastFailover(m.lastFailover()));
  }

  private static ReplicaView replica(EngineSnapshot s, ReplicaSnapshot r, long primaryOffset) {
    long lag =
        primaryOffset >= 0 && r.slaveReplOffset() > 0
            ? Math.max(0, primaryOffset - r.slaveReplOffset())
            : -1;
    return new ReplicaView(
        r.ip(),
        r.port(),
        r.flags(),
        r.masterLinkUp() ? "ok" : "err",
        r.slaveReplOffset(),
        lag,
        r.slavePriority(),
        age(s, r.link().lastAvailTimeMs()),
        age(s, r.infoRefreshMs()),
        r.rank() < 0 ? 0 : r.rank() + 1,
        r.exclusionReason());
  }

  private static ElectionView election(
      EngineSnapshot s, MasterSnapshot m, PromotionOrder promotion) {
    ElectionSnapshot e = m.election();
    // One vote per (epoch, voter): a later report of the same vote replaces the earlier one.
    Map<String, ElectionVote> byVoter = new LinkedHashMap<>();
    long newest = 0;
    if (e != null) {
      for (VoteRecord v : e.votes()) {
        if (v.votedFor() == null || v.voter() == null) {
          continue;
        }
        byVoter.put(
            v.epoch() + " " + v.voter(),
            new ElectionVote(v.epoch(), v.votedFor(), v.voter(), v.requester(), wall(s, v.atMs())));
        newest = Math.max(newest, v.epoch());
      }
    }
    List<ElectionVote> votes = new ArrayList<>(byVoter.values());
    return new ElectionView(
        votes,
        winner(m, e, votes, newest),
        promotion == null ? List.of() : promotion.addresses(),
        promotion == null ? 0 : promotion.epoch());
  }

  /**
   * The leader this sidecar evaluated for the newest epoch, else a candidate holding the votes
   * Sentinel requires (a majority of all known sentinels and at least the quorum) among the votes
   * it knows of; null when none.
   */
  private static String winner(
      MasterSnapshot m, ElectionSnapshot e, List<ElectionVote> votes, long newest) {
    if (e != null && e.lastWinner() != null && e.lastEvaluatedEpoch() >= newest) {
      return e.lastWinner();
    }
    int voters = m.sentinels().size() + 1;
    int needed = Math.max(m.quorum(), voters / 2 + 1);
    Map<String, Integer> counts = new HashMap<>();
    for (ElectionVote v : votes) {
      if (v.getEpoch() == newest) {
        if (counts.merge(v.getCandidateRunId(), 1, Integer::sum) >= needed) {
          return v.getCandidateRunId();
        }
      }
    }
    return null;
  }

  private static FailoverRecord lastFailover(dev.vigil.engine.FailoverRecord r) {
    return r == null
        ? null
        : new FailoverRecord(
            r.endedWallMs(),
            r.epoch(),
            r.from(),
            r.to(),
            r.durationMs(),
            r.detectMs(),
            r.electMs(),
            r.promoteMs(),
            r.reconfigureMs());
  }

  /** {@code master_repl_offset} from a primary's INFO text, -1 when unknown. */
  static long replOffset(String info) {
    if (info == null) {
      return -1;
    }
    Matcher m = MASTER_REPL_OFFSET.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Wall-clock epoch ms of a monotonic instant in the snapshot; 0 for never. */
  static long wall(EngineSnapshot s, long monotonicMs) {
    return monotonicMs == EngineSnapshot.NEVER ? 0 : s.wallMs() - (s.nowMs() - monotonicMs);
  }

  /** Age in ms of a monotonic instant in the snapshot; -1 for never. */
  static long age(EngineSnapshot s, long monotonicMs) {
    return monotonicMs == EngineSnapshot.NEVER ? -1 : Math.max(0, s.nowMs() - monotonicMs);
  }
}
