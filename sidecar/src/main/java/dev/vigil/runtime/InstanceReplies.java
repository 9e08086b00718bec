package dev.vigil.runtime;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.EngineSnapshot.LinkSnapshot;
import dev.vigil.engine.EngineSnapshot.MasterSnapshot;
import dev.vigil.engine.EngineSnapshot.ReplicaSnapshot;
import dev.vigil.engine.EngineSnapshot.SentinelSnapshot;
import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The instance maps of {@code SENTINEL MASTER(S)/REPLICAS/SENTINELS} ({@code
 * addReplySentinelValkeyInstance}, spec §2.1): a map in RESP3, a flat array in RESP2, every number
 * a bulk string, fields in Sentinel's order — clients index into the flat array by position.
 */
final class InstanceReplies {
  private InstanceReplies() {}

  static RespValue masters(EngineSnapshot s) {
    List<RespValue> out = new ArrayList<>();
    for (MasterSnapshot m : s.masters()) {
      out.add(master(s, m));
    }
    return Resp.array(out);
  }

  /** Replicas that announced themselves ({@code replica-announced:1}) only, as Sentinel. */
  static RespValue replicas(EngineSnapshot s, MasterSnapshot m) {
    List<RespValue> out = new ArrayList<>();
    for (ReplicaSnapshot r : m.replicas()) {
      if (r.replicaAnnounced()) {
        out.add(replica(s, r));
      }
    }
    return Resp.array(out);
  }

  static RespValue sentinels(EngineSnapshot s, MasterSnapshot m) {
    List<RespValue> out = new ArrayList<>();
    for (SentinelSnapshot p : m.sentinels()) {
      out.add(sentinel(s, p));
    }
    return Resp.array(out);
  }

  static RespValue master(EngineSnapshot s, MasterSnapshot m) {
    Fields f = new Fields();
    common(
        f,
        s,
        m.name(),
        m.ip(),
        m.port(),
        m.runid(),
        m.flags(),
        m.link(),
        m.failoverInProgress() ? m.failoverState().wireName() : null,
        m.sDownSinceMs(),
        m.oDownSinceMs(),
        m.downAfterMs());
    f.number("info-refresh", s.msSince(m.infoRefreshMs()));
    f.text("role-reported", roleReported(m.roleReported()));
    f.number("role-reported-time", s.msSince(m.roleReportedTimeMs()));
    f.number("config-epoch", m.configEpoch());
    f.number("num-slaves", m.numSlaves());
    f.number("num-other-sentinels", m.numOtherSentinels());
    f.number("quorum", m.quorum());
    f.number("failover-timeout", m.failoverTimeoutMs());
    f.number("parallel-syncs", m.parallelSyncs());
    if (m.notificationScript() != null) {
      f.text("notification-script", m.notificationScript());
    }
    if (m.clientReconfigScript() != null) {
      f.text("client-reconfig-script", m.clientReconfigScript());
    }
    return f.reply();
  }

  static RespValue replica(EngineSnapshot s, ReplicaSnapshot r) {
    Fields f = new Fields();
    common(
        f,
        s,
        r.name(),
        r.ip(),
        r.port(),
        r.runid(),
        r.flags(),
        r.link(),
        null,
        r.sDownSinceMs(),
        EngineSnapshot.NEVER,
        r.downAfterMs());
    f.number("info-refresh", s.msSince(r.infoRefreshMs()));
    f.text("role-reported", roleReported(r.roleReported()));
    f.number("role-reported-time", s.msSince(r.roleReportedTimeMs()));
    f.number("master-link-down-time", r.masterLinkDownTimeMs());
    f.text("master-link-status", r.masterLinkUp() ? "ok" : "err");
    f.text("master-host", r.masterHost() == null ? "?" : r.masterHost());
    f.number("master-port", r.masterPort());
    f.number("slave-priority", r.slavePriority());
    f.number("slave-repl-offset", r.slaveReplOffset());
    f.number("replica-announced", r.replicaAnnounced() ? 1 : 0);
    return f.reply();
  }

  static RespValue sentinel(EngineSnapshot s, SentinelSnapshot p) {
    Fields f = new Fields();
    common(
        f,
        s,
        p.name(),
        p.ip(),
        p.port(),
        p.runid(),
        p.flags(),
        p.link(),
        null,
        p.sDownSinceMs(),
        EngineSnapshot.NEVER,
        p.downAfterMs());
    f.number("last-hello-message", s.msSince(p.lastHelloTimeMs()));
    f.text("voted-leader", p.votedLeader() == null ? "?" : p.votedLeader());
    f.number("voted-leader-epoch", p.votedLeaderEpoch());
    return f.reply();
  }

  /** The fields every kind starts with, in order; optional ones only when they apply. */
  private static void common(
      Fields f,
      EngineSnapshot s,
      String name,
      String ip,
      int port,
      String runid,
      String flags,
      LinkSnapshot link,
      String failoverState,
      long sDownSinceMs,
      long oDownSinceMs,
      long downAfterMs) {
    f.text("name", name);
    f.text("ip", ip);
    f.number("port", port);
    f.text("runid", runid == null ? "" : runid);
    f.text("flags", flags);
    f.number("link-pending-commands", link.pendingCommands());
    f.number("link-refcount", link.refcount());
    if (failoverState != null) {
      f.text("failover-state", failoverState);
    }
    f.number("last-ping-sent", s.msSince(link.actPingTimeMs()));
    f.number("last-ok-ping-reply", s.msSince(link.lastAvailTimeMs()));
    f.number("last-ping-reply", s.msSince(link.lastPongTimeMs()));
    if (sDownSinceMs != EngineSnapshot.NEVER) {
      f.number("s-down-time", s.msSince(sDownSinceMs));
    }
    if (oDownSinceMs != EngineSnapshot.NEVER) {
      f.number("o-down-time", s.msSince(oDownSinceMs));
    }
    f.number("down-after-milliseconds", downAfterMs);
  }

  /** Sentinel says {@code master} only when the last INFO said so, else {@code slave}. */
  private static String roleReported(String role) {
    return "master".equals(role) ? "master" : "slave";
  }

  /** An ordered key/value list that becomes a map reply. */
  private static final class Fields {
    private final List<RespValue.Entry> entries = new ArrayList<>(40);

    void text(String key, String value) {
      entries.add(Resp.entry(key, Resp.bulk(value)));
    }

    void number(String key, long value) {
      entries.add(Resp.entry(key, Resp.bulk(value)));
    }

    RespValue reply() {
      return Resp.map(entries);
    }
  }
}
