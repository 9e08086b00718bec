package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, resets and removes instances and keeps their links referenced: replicas found in INFO,
 * sentinels found in hellos, {@code sentinelResetPrimary} and {@code
 * sentinelResetPrimaryAndChangeAddress}.
 *
 * <p>Links are keyed by endpoint. A reset keeps the connections to endpoints that are still
 * monitored afterwards (the promoted replica becomes the primary over the same connection) but
 * restarts their timers, as Sentinel's fresh links would; connections nobody references any more
 * are closed.
 */
final class Topology {
  private final EngineCore core;

  Topology(EngineCore core) {
    this.core = core;
  }

  Primary createPrimary(
      String name, String host, int port, int quorum, long downAfterMs, long failoverTimeoutMs) {
    Primary p = new Primary(name, core.instanceAddress(host), port, quorum, downAfterMs);
    p.failoverTimeoutMs = failoverTimeoutMs;
    p.parallelSyncs = 1;
    attach(p);
    return p;
  }

  Replica createReplica(Primary p, String host, int port) {
    Replica r = new Replica(p, core.instanceAddress(host), port, core.now);
    p.replicas.put(r.key, r);
    attach(r);
    return r;
  }

  PeerSentinel createSentinel(Primary p, String host, int port, String runid) {
    PeerSentinel s = new PeerSentinel(p, core.instanceAddress(host), port, runid, core.now);
    p.sentinels.put(runid, s);
    attach(s);
    return s;
  }

  /** Port 0 means "never connect" (Sentinel accepts it): such instances get no link. */
  private void attach(Instance ri) {
    if (ri.port != 0) {
      ri.link = core.acquireLink(ri.endpoint());
    }
  }

  void removeSentinel(PeerSentinel s) {
    s.primary().sentinels.remove(s.runid);
    core.releaseLink(s.link);
    s.link = null;
  }

  void removePrimary(Primary p) {
    core.primaries.remove(p.name);
    for (Replica r : p.replicas.values()) {
      core.releaseLink(r.link);
    }
    for (PeerSentinel s : p.sentinels.values()) {
      core.releaseLink(s.link);
    }
    core.releaseLink(p.link);
    p.replicas.clear();
    p.sentinels.clear();
  }

  /**
   * {@code sentinelResetPrimary}: drop replicas (and sentinels when asked), clear the failover and
   * the flags but keep the settings and epochs.
   */
  void resetPrimary(Primary p, boolean includeSentinels) {
    if (p.switchAnnounced != null) {
      // Clients were told the promoted address early and the failover ends without switching to
      // it (a newer configuration names our current address, or SENTINEL RESET): tell them back.
      core.switchMasterEvent(p, p.host, p.port);
    }
    List<Link> toRelease = new ArrayList<>();
    for (Replica r : p.replicas.values()) {
      toRelease.add(r.link);
    }
    p.replicas.clear();
    if (includeSentinels) {
      for (PeerSentinel s : p.sentinels.values()) {
        toRelease.add(s.link);
      }
      p.sentinels.clear();
    }
    toRelease.add(p.link);
    p.link = null;
    p.sDown = false;
    p.oDown = false;
    p.masterReboot = false;
    p.scriptKillSent = false;
    p.leader = null;
    p.failoverState = FailoverState.NONE;
    p.failoverInProgress = false;
    p.forceFailover = false;
    p.failoverStartTime = EngineCore.NEVER;
    p.failoverDelayLogged = false;
    p.promoted = null;
    p.runid = null;
    p.info = null;
    p.infoRefresh = EngineCore.NEVER;
    p.infoPendingSince = EngineCore.NEVER;
    p.helloPendingSince = EngineCore.NEVER;
    p.lastPubTime = EngineCore.NEVER;
    p.roleReported = InfoReport.ROLE_MASTER;
    p.roleReportedTime = core.now;
    p.timeline = null;
    // Re-acquire the primary's link before releasing the old ones so shared links survive.
    if (p.port != 0) {
      p.link = core.acquireLink(p.endpoint());
      p.link.restart(core.now);
    }
    for (Link l : toRelease) {
      core.releaseLink(l);
    }
  }

  /**
   * {@code sentinelResetPrimaryAndChangeAddress}; flushes the config. {@code given} is the new
   * address as given (a host name stays a name, to be resolved at every reconnection), and the
   * replicas are created again from the names they were given by, as Sentinel does.
   */
  void resetPrimaryAndChangeAddress(Primary p, String given, int port) {
    InstanceAddress address = core.instanceAddress(given);
    String host = address.host();
    List<HostPort> replicas = new ArrayList<>();
    for (Replica r : p.replicas.values()) {
      if (!(r.host.equals(host) && r.port == port)) {
        replicas.add(new HostPort(r.givenHost(), r.port));
      }
    }
    if (!(p.host.equals(host) && p.port == port)) {
      replicas.add(new HostPort(p.givenHost(), p.port));
    }
    // Keep the old links referenced until the new instances hold theirs.
    List<Link> old = new ArrayList<>();
    for (Replica r : p.replicas.values()) {
      if (r.link != null) {
        old.add(r.link);
        r.link.refcount++;
      }
    }
    if (p.link != null) {
      old.add(p.link);
      p.link.refcount++;
    }
    p.host = host;
    p.hostname = address.hostname();
    p.unresolved = address.unresolved();
    p.port = port;
    resetPrimary(p, false);
    p.sDownSince = EngineCore.NEVER;
    p.oDownSince = EngineCore.NEVER;
    for (HostPort hp : replicas) {
      Replica r = createReplica(p, hp.host(), hp.port());
      if (r.link != null) {
        r.link.restart(core.now);
      }
      core.event(Level.NOTICE, "+slave", r, "");
    }
    for (Link l : old) {
      core.releaseLink(l);
    }
    core.flush();
  }

  /** {@code sentinelPropagateDownAfterPeriod}. */
  void propagateDownAfter(Primary p) {
    for (Replica r : p.replicas.values()) {
      r.downAfterMs = p.downAfterMs;
    }
    for (PeerSentinel s : p.sentinels.values()) {
      s.downAfterMs = p.downAfterMs;
    }
  }
}
