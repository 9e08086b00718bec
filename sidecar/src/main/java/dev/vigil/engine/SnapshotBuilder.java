package dev.vigil.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link EngineSnapshot}s from the live model. */
final class SnapshotBuilder {
  private SnapshotBuilder() {}

  static EngineSnapshot build(EngineCore core) {
    List<EngineSnapshot.MasterSnapshot> masters = new ArrayList<>();
    for (Primary p : core.primaries.values()) {
      masters.add(master(core, p));
    }
    return new EngineSnapshot(
        core.now,
        core.wallNow,
        core.myid,
        core.currentEpoch,
        core.tilt.tilt,
        core.tilt.tilt ? core.tilt.tiltStartTime : EngineCore.NEVER,
        core.tilt.totalTilts,
        core.simFailureFlags,
        core.globals,
        List.copyOf(masters));
  }

  private static EngineSnapshot.MasterSnapshot master(EngineCore core, Primary p) {
    List<EngineSnapshot.ReplicaSnapshot> replicas = new ArrayList<>();
    for (ReplicaRanking.Ranked ranked : ReplicaRanking.rank(p, core.timing, core.now)) {
      replicas.add(replica(ranked));
    }
    List<EngineSnapshot.SentinelSnapshot> sentinels = new ArrayList<>();
    for (PeerSentinel s : p.sentinels.values()) {
      sentinels.add(sentinel(s));
    }
    return new EngineSnapshot.MasterSnapshot(
        p.name,
        p.shownHost(),
        p.port,
        p.runid,
        Flags.of(p),
        link(p.link),
        p.failoverInProgress,
        p.failoverState,
        p.failoverStateChangeTime,
        p.failoverEpoch,
        p.failoverStartTime,
        p.sDown ? p.sDownSince : EngineCore.NEVER,
        p.oDown ? p.oDownSince : EngineCore.NEVER,
        p.downAfterMs,
        p.infoRefresh,
        p.roleReported,
        p.roleReportedTime,
        p.configEpoch,
        p.replicas.size(),
        p.sentinels.size(),
        p.quorum,
        p.failoverTimeoutMs,
        p.parallelSyncs,
        p.notificationScript,
        p.clientReconfigScript,
        p.primaryRebootDownAfterMs,
        p.leader,
        p.leaderEpoch,
        p.promoted == null ? null : p.promoted.key,
        p.shownCurrentAddress(),
        p.info,
        List.copyOf(replicas),
        List.copyOf(sentinels),
        election(core, p),
        core.lastFailovers.get(p.name),
        core.fencing == null ? null : core.fencing.snapshot(p));
  }

  private static EngineSnapshot.ReplicaSnapshot replica(ReplicaRanking.Ranked ranked) {
    Replica r = ranked.replica();
    return new EngineSnapshot.ReplicaSnapshot(
        r.name(),
        r.shownHost(),
        r.port,
        r.runid,
        Flags.of(r),
        link(r.link),
        r.sDown ? r.sDownSince : EngineCore.NEVER,
        r.downAfterMs,
        r.infoRefresh,
        r.roleReported,
        r.roleReportedTime,
        r.masterLinkDownTime,
        r.masterLinkUp,
        r.masterHost,
        r.masterPort,
        r.priority,
        r.replOffset,
        r.announced,
        ranked.rank(),
        ranked.exclusion() == null ? null : ranked.exclusion().wire(),
        r.info);
  }

  private static EngineSnapshot.SentinelSnapshot sentinel(PeerSentinel s) {
    return new EngineSnapshot.SentinelSnapshot(
        s.runid,
        s.shownHost(),
        s.port,
        s.runid,
        Flags.of(s),
        link(s.link),
        s.sDown ? s.sDownSince : EngineCore.NEVER,
        s.downAfterMs,
        s.lastHelloTime,
        s.leader,
        s.leaderEpoch,
        s.masterDown,
        s.lastMasterDownReplyTime);
  }

  private static EngineSnapshot.LinkSnapshot link(Link link) {
    if (link == null) {
      return new EngineSnapshot.LinkSnapshot(
          true, 0, 0, EngineCore.NEVER, EngineCore.NEVER, EngineCore.NEVER);
    }
    return new EngineSnapshot.LinkSnapshot(
        link.disconnected(),
        link.pendingCommands,
        link.refcount,
        link.actPingTime,
        link.lastAvailTime,
        link.lastPongTime);
  }

  private static EngineSnapshot.ElectionSnapshot election(EngineCore core, Primary p) {
    Map<String, Long> tally = new LinkedHashMap<>();
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.leader != null && s.leaderEpoch == core.currentEpoch) {
        tally.merge(s.leader, 1L, Long::sum);
      }
    }
    if (p.leader != null && p.leaderEpoch == core.currentEpoch) {
      tally.merge(p.leader, 1L, Long::sum);
    }
    return new EngineSnapshot.ElectionSnapshot(
        core.currentEpoch,
        Map.copyOf(tally),
        p.lastElectionWinner,
        p.lastElectionEpoch,
        List.copyOf(core.electionLog.forMaster(p.name)));
  }
}
