package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.HostPort;

/**
 * {@code sentinelRefreshInstanceInfo}: applies a parsed INFO reply to an instance (spec §6.4). The
 * information half (run id, replicas, role, replication fields) always runs; the acting half
 * (promotion observed, converting a stray primary, fixing a replica's primary, reconfiguration
 * progress) is skipped during TILT.
 *
 * <h2>Vigil's faster conversion of a returning old primary</h2>
 *
 * Sentinel converts a replica that reports {@code role:master} only after it has reported so for
 * {@code 4*publish-period} (8 s) and has not been down for as long. The two reasons are (1) not to
 * act on a stale view: the node may have been promoted by a newer failover we have not heard of yet
 * (hellos carrying the newer config epoch arrive every publish period, and at once from the new
 * leader); (2) not to flap with a node that goes up and down. Under Vigil's pacing ({@link
 * FailoverPacing#quickRejoin}) the engine converts as soon as all of these hold:
 *
 * <ul>
 *   <li>our primary looks sane (Sentinel's rule: role master, not S/O_DOWN, INFO younger than
 *       {@code 2*info-period}) and the node is not our promoted replica — as in Sentinel;
 *   <li>our config epoch for the primary is greater than 0: our view comes from a failover that a
 *       majority authorized, not from a hand-written configuration;
 *   <li>the node is not S_DOWN, and has been a primary with the same replication id ({@code
 *       master_replid}, which a promotion or restart changes) for {@link
 *       VigilPacing#CONVERT_SETTLE_MS};
 *   <li>reason (1): every peer we are connected to has sent a hello for this primary since then. A
 *       leader that promoted this node learns it within the settle time and announces its newer
 *       config epoch at once, which would switch our configuration instead. If no peer is connected
 *       we cannot confirm anything and fall back to Sentinel's wait; a sentinel that knows no peer
 *       at all is alone and needs no confirmation;
 *   <li>reason (2): conversions of one node are at least one second apart.
 * </ul>
 *
 * The node's INFO is polled every {@link VigilPacing#CONVERT_INFO_PERIOD_MS} while it reports
 * master, so the conversion follows the confirming hellos by at most that: a restarted old primary
 * is converted between 0.5 s and 0.5 s + one publish period (2 s) after its first INFO, plus up to
 * one ping period to reconnect to it; with the hellos forced by {@link
 * VigilPacing#CONVERT_HELLO_DELAY_MS}, usually within a second.
 */
final class InfoProcessor {
  private final EngineCore core;
  private final Topology topology;
  private final Monitor monitor;
  private final FailoverStateMachine machine;

  InfoProcessor(EngineCore core, Topology topology, Monitor monitor, FailoverStateMachine machine) {
    this.core = core;
    this.topology = topology;
    this.monitor = monitor;
    this.machine = machine;
  }

  void refresh(Instance ri, String raw) {
    InfoReport info = InfoParser.parse(raw);
    long now = core.now;
    ri.info = raw;
    ri.infoPendingSince = EngineCore.NEVER;

    // ------------------------------------------------ information half
    if (info.runId() != null) {
      if (ri.runid == null) {
        ri.runid = info.runId();
      } else if (!ri.runid.equals(info.runId())) {
        core.event(Level.NOTICE, "+reboot", ri, "");
        if (ri instanceof Primary p && p.primaryRebootDownAfterMs != 0) {
          ri.masterReboot = true;
          ri.primaryRebootSinceTime = now;
        }
        ri.runid = info.runId();
      }
    }
    if (ri instanceof Primary p) {
      boolean added = false;
      for (HostPort reported : info.replicas()) {
        HostPort hp = new HostPort(core.instanceHost(reported.host()), reported.port());
        if (hp.equals(p.address())) {
          continue; // never a replica at the primary's own address
        }
        if (p.replicaByAddress(hp.host(), hp.port()) == null) {
          Replica r = topology.createReplica(p, reported.host(), hp.port());
          core.event(Level.NOTICE, "+slave", r, "");
          added = true;
        }
      }
      if (added) {
        core.flush();
      }
    }
    if (ri instanceof Replica r) {
      r.masterLinkDownTime = info.masterLinkDownSinceMs();
      if (InfoReport.ROLE_SLAVE.equals(info.role())) {
        if (info.masterHost() != null
            && (r.masterHost == null || !r.masterHost.equalsIgnoreCase(info.masterHost()))) {
          r.masterHost = info.masterHost();
          r.confChangeTime = now;
        }
        if (info.masterPort() != null && r.masterPort != info.masterPort()) {
          r.masterPort = info.masterPort();
          r.confChangeTime = now;
        }
        if (info.masterLinkUp() != null) {
          r.masterLinkUp = info.masterLinkUp();
        }
        if (info.replicaPriority() != null) {
          r.priority = info.replicaPriority();
        }
        if (info.replicaReplOffset() != null) {
          r.replOffset = info.replicaReplOffset();
        }
        if (info.replicaAnnounced() != null) {
          r.announced = info.replicaAnnounced();
        }
      }
    }
    ri.infoRefresh = now;

    // ------------------------------------------------ acting half
    String role = info.role();
    if (role == null) {
      return;
    }
    if (!role.equals(ri.roleReported)) {
      ri.roleReportedTime = now;
      ri.roleReported = role;
      if (ri instanceof Replica r && InfoReport.ROLE_SLAVE.equals(role)) {
        r.confChangeTime = now;
      }
      boolean coherent = role.equals(ri instanceof Primary ? "master" : "slave");
      core.event(
          Level.VERBOSE,
          coherent ? "+role-change" : "-role-change",
          ri,
          "new reported role is " + role);
    }
    if (ri instanceof Replica tracked) {
      trackMastership(tracked, info);
      if (core.pacing.quickRejoin()) {
        forceHellosForStrayPrimary(tracked);
      }
    }
    if (core.tilt.tilt || !(ri instanceof Replica r)) {
      return; // a primary reporting slave will become S_DOWN (spec §8)
    }
    Primary p = r.primary();
    if (InfoReport.ROLE_MASTER.equals(role)) {
      if (r.promoted && p.failoverInProgress && p.failoverState == FailoverState.WAIT_PROMOTION) {
        machine.promotionObserved(p, r);
      } else if (!r.promoted && looksSane(p) && mayConvert(p, r)) {
        if (monitor.sendReplicaOf(r, p.address())) {
          r.lastFixSentTime = now;
          core.event(Level.NOTICE, "+convert-to-slave", r, "");
        }
      }
    }
    if (InfoReport.ROLE_SLAVE.equals(role)
        && (r.masterPort != p.port || r.masterHost == null || !r.masterHost.equals(p.host))) {
      long wait = p.failoverTimeoutMs;
      if (looksSane(p) && r.noDownFor(wait, now) && now - r.confChangeTime > wait) {
        if (monitor.sendReplicaOf(r, p.address())) {
          r.lastFixSentTime = now;
          core.event(Level.NOTICE, "+fix-slave-config", r, "");
        }
      }
    }
    if (InfoReport.ROLE_SLAVE.equals(role) && (r.reconfSent || r.reconfInprog)) {
      Replica promoted = p.promoted;
      if (r.reconfSent
          && promoted != null
          && r.masterHost != null
          && r.masterHost.equals(promoted.host)
          && r.masterPort == promoted.port) {
        r.reconfSent = false;
        r.reconfInprog = true;
        core.event(Level.NOTICE, "+slave-reconf-inprog", r, "");
      }
      if (r.reconfInprog && r.masterLinkUp) {
        r.reconfInprog = false;
        r.reconfDone = true;
        core.event(Level.NOTICE, "+slave-reconf-done", r, "");
      }
    }
  }

  /** {@code sentinelPrimaryLooksSane}. */
  boolean looksSane(Primary p) {
    return InfoReport.ROLE_MASTER.equals(p.roleReported)
        && !p.sDown
        && !p.oDown
        && core.now - p.infoRefresh < 2 * core.timing.infoPeriodMs();
  }

  private boolean mayConvert(Primary p, Replica r) {
    long now = core.now;
    if (core.pacing.quickRejoin() && quickConvertAllowed(p, r)) {
      return true;
    }
    long wait = 4 * core.timing.publishPeriodMs();
    return r.noDownFor(wait, now) && now - r.roleReportedTime > wait;
  }

  private void trackMastership(Replica r, InfoReport info) {
    if (InfoReport.ROLE_MASTER.equals(info.role())) {
      boolean newHistory = info.replId() != null && !info.replId().equals(r.replId);
      if (r.masterSince == EngineCore.NEVER || newHistory) {
        r.masterSince = core.now;
      }
    } else if (InfoReport.ROLE_SLAVE.equals(info.role())) {
      r.masterSince = EngineCore.NEVER;
    }
    if (info.replId() != null) {
      r.replId = info.replId();
    }
  }

  /**
   * See {@link VigilPacing#CONVERT_HELLO_DELAY_MS}: once per mastership of a node we did not
   * promote.
   */
  private void forceHellosForStrayPrimary(Replica r) {
    if (r.promoted
        || r.masterSince == EngineCore.NEVER
        || r.hellosForcedFor == r.masterSince
        || core.now
            < r.masterSince + VigilPacing.CONVERT_SETTLE_MS + VigilPacing.CONVERT_HELLO_DELAY_MS) {
      return;
    }
    r.hellosForcedFor = r.masterSince;
    monitor.forceHelloUpdate(r.primary());
  }

  /**
   * True while a failover attempt of an epoch newer than our configuration may still be running
   * somewhere (its election plus its promotion take at most two failover timeouts). Its leader can
   * be promoting exactly the node we see as a stray primary, one that was already a primary (same
   * replication id, so the settle time does not restart), while every peer's hello still carries
   * the old configuration: converting it then undoes the newer promotion (simulation seed 5621: the
   * agreed primary of epoch 2 ended up a replica). Sentinel's slower wait applies instead.
   */
  private boolean newerElectionMayRun(Primary p) {
    return Long.compareUnsigned(core.currentEpoch, p.configEpoch) > 0
        && core.epochAdvancedAt != EngineCore.NEVER
        && core.now - core.epochAdvancedAt < 2 * p.failoverTimeoutMs;
  }

  private boolean quickConvertAllowed(Primary p, Replica r) {
    if (p.configEpoch <= 0 || r.sDown || r.masterSince == EngineCore.NEVER) {
      return false;
    }
    if (core.now - r.lastFixSentTime < VigilPacing.CONVERT_MIN_INTERVAL_MS) {
      return false;
    }
    long settled = r.masterSince + VigilPacing.CONVERT_SETTLE_MS;
    if (core.now < settled) {
      return false;
    }
    if (newerElectionMayRun(p)) {
      return false;
    }
    if (p.sentinels.isEmpty()) {
      return true; // alone: nobody else can hold a newer configuration we could hear of
    }
    boolean anyConnected = false;
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.link == null || !s.link.commandReady()) {
        continue;
      }
      anyConnected = true;
      if (s.helloReceivedAt <= settled) {
        return false;
      }
    }
    return anyConnected; // isolated from every peer: fall back to Sentinel's wait
  }
}
