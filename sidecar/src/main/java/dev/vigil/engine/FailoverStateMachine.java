package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.HostPort;

/**
 * The one owner of failover state transitions ({@code sentinelFailoverStateMachine}, spec §6.6).
 * Every change of {@link Primary#failoverState} happens in this class, together with its event.
 *
 * <pre>
 * from                to                  when                                     events
 * NONE                WAIT_START          O_DOWN and 2*failover-timeout since the  +new-epoch, +try-failover
 *                                         last attempt; or SENTINEL FAILOVER
 * WAIT_START          SELECT_SLAVE        elected (or forced)                      +elected-leader,
 *                                                                                  +failover-state-select-slave
 * WAIT_START          NONE                min(election-timeout, failover-timeout)  -failover-abort-not-elected
 * SELECT_SLAVE        SEND_SLAVEOF_NOONE  a replica ranks first                    +selected-slave,
 *                                                                                  +failover-state-send-slaveof-noone
 * SELECT_SLAVE        NONE                no eligible replica                      -failover-abort-no-good-slave
 * SEND_SLAVEOF_NOONE  WAIT_PROMOTION      SLAVEOF NO ONE written                   +failover-state-wait-promotion
 * SEND_SLAVEOF_NOONE  NONE                replica unreachable for failover-timeout -failover-abort-slave-timeout
 * WAIT_PROMOTION      RECONF_SLAVES       INFO of the replica says role:master     +promoted-slave,
 *                                         (config-epoch := failover epoch, saved)  +failover-state-reconf-slaves,
 *                                                                                  [+switch-master: Vigil pacing]
 * WAIT_PROMOTION      NONE                failover-timeout                         -failover-abort-slave-timeout
 * RECONF_SLAVES       UPDATE_CONFIG       every reachable replica reconfigured, or [+failover-end-for-timeout],
 *                                         failover-timeout                         +failover-end
 * UPDATE_CONFIG       NONE                at once (address switch, saved)          +switch-master (unless
 *                                                                                  announced at promotion)
 * </pre>
 *
 * Unlike Sentinel, which advances one state per 100 ms tick, {@link #run} keeps stepping while the
 * state changes, so election, selection and {@code SLAVEOF NO ONE} happen in the same step, and
 * {@link #promotionObserved} immediately reconfigures the replicas. Aborting is only possible up to
 * WAIT_PROMOTION; the retry delay ({@code failover_start_time}) survives an abort.
 */
final class FailoverStateMachine {

  private final EngineCore core;
  private final Election election;
  private final Monitor monitor;
  private final Topology topology;

  FailoverStateMachine(EngineCore core, Election election, Monitor monitor, Topology topology) {
    this.core = core;
    this.election = election;
    this.monitor = monitor;
    this.topology = topology;
  }

  /** {@code sentinelStartFailoverIfNeeded}: true if a failover was started. */
  boolean startIfNeeded(Primary p) {
    if (!p.oDown || p.failoverInProgress) {
      p.failoverNotBefore = EngineCore.NEVER;
      return false;
    }
    if (core.now - p.failoverStartTime < p.failoverTimeoutMs * 2) {
      p.failoverDelayLogged = true;
      return false;
    }
    if (p.failoverNotBefore == EngineCore.NEVER) {
      p.failoverNotBefore = core.now + startDelayMs(p);
    }
    if (core.now < p.failoverNotBefore) {
      return false;
    }
    p.failoverNotBefore = EngineCore.NEVER;
    start(p);
    return true;
  }

  /** How long after O_DOWN this sentinel starts its failover (the pacing decides). */
  private long startDelayMs(Primary p) {
    return core.pacing.startDelayMs(p, core.myid, core.random);
  }

  /** {@code sentinelStartFailover}. */
  void start(Primary p) {
    p.failoverState = FailoverState.WAIT_START;
    p.failoverInProgress = true;
    core.currentEpoch++;
    p.failoverEpoch = core.currentEpoch;
    core.newEpochEvent(p);
    core.event(Level.WARNING, "+try-failover", p, "");
    p.failoverStartTime = core.now + core.random.nextInt(EngineCore.MAX_DESYNC_MS);
    p.failoverStateChangeTime = core.now;
    FailoverTimeline t = new FailoverTimeline();
    t.detectedAt = p.sDown ? p.sDownSince : core.now;
    t.startedAt = core.now;
    t.startedWall = core.wallNow;
    t.fromAddress = p.address().key();
    p.timeline = t;
  }

  /** Runs the state machine of {@code p} until its state stops changing. */
  void run(Primary p) {
    FailoverState before;
    do {
      before = p.failoverState;
      step(p);
    } while (p.failoverInProgress
        && p.failoverState != before
        && p.failoverState != FailoverState.UPDATE_CONFIG);
  }

  private void step(Primary p) {
    if (!p.failoverInProgress) {
      return;
    }
    switch (p.failoverState) {
      case WAIT_START -> waitStart(p);
      case SELECT_SLAVE -> selectReplica(p);
      case SEND_SLAVEOF_NOONE -> sendSlaveOfNoOne(p);
      case WAIT_PROMOTION -> waitPromotion(p);
      case RECONF_SLAVES -> reconfNextReplica(p);
      default -> {}
    }
  }

  private void waitStart(Primary p) {
    Election.Outcome outcome = election.getLeader(p, p.failoverEpoch);
    p.lastElectionWinner = outcome.winner();
    p.lastElectionEpoch = p.failoverEpoch;
    boolean isLeader = outcome.winner() != null && outcome.winner().equalsIgnoreCase(core.myid);
    if (!isLeader && !p.forceFailover) {
      long electionTimeout = Math.min(core.timing.electionTimeoutMs(), p.failoverTimeoutMs);
      if (core.now - p.failoverStartTime > electionTimeout) {
        core.event(Level.WARNING, "-failover-abort-not-elected", p, "");
        abort(p);
      }
      return;
    }
    core.event(Level.WARNING, "+elected-leader", p, "");
    if (p.timeline != null) {
      p.timeline.electedAt = core.now;
    }
    if ((core.simFailureFlags & EngineCore.SIMFAILURE_CRASH_AFTER_ELECTION) != 0) {
      throw new SimulatedCrash("crash-after-election");
    }
    transition(p, FailoverState.SELECT_SLAVE);
    core.event(Level.WARNING, "+failover-state-select-slave", p, "");
  }

  private void selectReplica(Primary p) {
    Replica r = ReplicaRanking.select(p, core.timing, core.now);
    if (r == null && awaitFreshInfo(p)) {
      return;
    }
    if (r == null) {
      core.event(Level.WARNING, "-failover-abort-no-good-slave", p, "");
      abort(p);
      return;
    }
    core.event(Level.WARNING, "+selected-slave", r, "");
    r.promoted = true;
    p.promoted = r;
    transition(p, FailoverState.SEND_SLAVEOF_NOONE);
    core.event(Level.NOTICE, "+failover-state-send-slaveof-noone", r, "");
  }

  /**
   * Sentinel selects at a tick after the election, by which time the INFO it requested at O_DOWN
   * (the replica INFO period drops to 1 s) has arrived. The event-driven engine can get there
   * first, so when the only obstacle is INFO older than the validity window it asks for INFO at
   * once and waits up to one ping period before giving up.
   */
  private boolean awaitFreshInfo(Primary p) {
    if (core.now - p.failoverStateChangeTime > core.timing.pingPeriodMs()) {
      return false;
    }
    boolean waiting = false;
    for (ReplicaRanking.Ranked ranked : ReplicaRanking.rank(p, core.timing, core.now)) {
      if (ranked.exclusion() == ReplicaRanking.Exclusion.STALE_INFO) {
        ranked.replica().infoWantedNow = true;
        waiting = true;
      }
    }
    return waiting;
  }

  private void sendSlaveOfNoOne(Primary p) {
    Replica r = p.promoted;
    if (r.link == null || !r.link.commandReady()) {
      if (core.now - p.failoverStateChangeTime > p.failoverTimeoutMs) {
        core.event(Level.WARNING, "-failover-abort-slave-timeout", p, "");
        abort(p);
      }
      return;
    }
    if (!monitor.sendReplicaOf(r, null)) {
      return;
    }
    if (p.timeline != null) {
      p.timeline.promotionSentAt = core.now;
    }
    core.event(Level.NOTICE, "+failover-state-wait-promotion", r, "");
    transition(p, FailoverState.WAIT_PROMOTION);
  }

  private void waitPromotion(Primary p) {
    if (core.now - p.failoverStateChangeTime > p.failoverTimeoutMs) {
      core.event(Level.WARNING, "-failover-abort-slave-timeout", p, "");
      abort(p);
    }
  }

  /** The promoted replica's INFO says {@code role:master} while we wait for it. */
  void promotionObserved(Primary p, Replica r) {
    p.configEpoch = p.failoverEpoch;
    transition(p, FailoverState.RECONF_SLAVES);
    if (p.timeline != null) {
      p.timeline.promotedAt = core.now;
      p.timeline.toAddress = r.address().key();
    }
    core.flush();
    core.event(Level.WARNING, "+promoted-slave", r, "");
    if ((core.simFailureFlags & EngineCore.SIMFAILURE_CRASH_AFTER_PROMOTION) != 0) {
      throw new SimulatedCrash("crash-after-promotion");
    }
    core.event(Level.WARNING, "+failover-state-reconf-slaves", p, "");
    if (core.pacing.switchAtPromotion()
        && !core.mutated(EngineMutation.SWITCH_ANNOUNCED_ONLY_AT_FAILOVER_END)) {
      announceSwitchEarly(p, r);
    }
    core.clientReconfScript(p, "leader", p.host, p.port, r.host, r.port);
    monitor.forceHelloUpdate(p);
    run(p);
  }

  /**
   * Vigil's pacing: tells clients of the new primary at promotion rather than at the failover's
   * end.
   *
   * <p>Sentinel publishes {@code +switch-master} only after every replica was reconfigured, but
   * from the promotion on it already answers the promoted address to {@code
   * get-master-addr-by-name}, writes it to its config and announces it with the new config epoch in
   * hellos (forced right now), and every peer that hears one switches and publishes {@code
   * +switch-master} at once. So the event is safe at this point for the same reasons Sentinel's
   * hellos are: the replica is a primary (its INFO said so), promoted by the majority-elected
   * leader of the failover epoch, and that epoch is on disk as the config epoch (saved just before)
   * — a failover past this point is never aborted. Waiting for the replicas' reconfiguration adds
   * nothing for clients: the other replicas follow the new primary whether clients write to it or
   * not, and a client that asked now would already get the new address. Telling clients here saves
   * them the round trip of our hello through a peer. The switch at the failover's end is then not
   * published again; if a newer configuration from another sentinel ends our failover elsewhere,
   * the switch away from the announced address is published then (see {@link
   * EngineCore#switchMasterEvent} and {@link Topology#resetPrimary}).
   */
  private void announceSwitchEarly(Primary p, Replica r) {
    core.switchMasterEvent(p, r.host, r.port);
    p.switchAnnounced = r.address();
  }

  private void reconfNextReplica(Primary p) {
    int inProgress = 0;
    for (Replica r : p.replicas.values()) {
      if (r.reconfSent || r.reconfInprog) {
        inProgress++;
      }
    }
    HostPort target = p.promoted.address();
    for (Replica r : p.replicas.values()) {
      if (inProgress >= p.parallelSyncs) {
        break;
      }
      if (r.promoted || r.reconfDone) {
        continue;
      }
      if (r.reconfSent && core.now - r.reconfSentTime > core.timing.replicaReconfTimeoutMs()) {
        core.event(Level.NOTICE, "-slave-reconf-sent-timeout", r, "");
        r.reconfSent = false;
        r.reconfDone = true;
      }
      if (r.reconfSent || r.reconfInprog || r.disconnected()) {
        continue;
      }
      if (monitor.sendReplicaOf(r, target)) {
        r.reconfSent = true;
        r.reconfSentTime = core.now;
        core.event(Level.NOTICE, "+slave-reconf-sent", r, "");
        inProgress++;
      }
    }
    detectEnd(p);
  }

  /** {@code sentinelFailoverDetectEnd}. */
  private void detectEnd(Primary p) {
    if (p.promoted == null || p.promoted.sDown) {
      return;
    }
    int notReconfigured = 0;
    for (Replica r : p.replicas.values()) {
      if (r.promoted || r.reconfDone || r.sDown) {
        continue;
      }
      notReconfigured++;
    }
    boolean timeout = false;
    if (core.now - p.failoverStateChangeTime > p.failoverTimeoutMs) {
      notReconfigured = 0;
      timeout = true;
      core.event(Level.WARNING, "+failover-end-for-timeout", p, "");
    }
    if (notReconfigured == 0) {
      core.event(Level.WARNING, "+failover-end", p, "");
      transition(p, FailoverState.UPDATE_CONFIG);
    }
    if (timeout) {
      HostPort target = p.promoted.address();
      for (Replica r : p.replicas.values()) {
        if (r.promoted || r.reconfDone || r.reconfSent || r.disconnected()) {
          continue;
        }
        if (monitor.sendReplicaOf(r, target)) {
          core.event(Level.NOTICE, "+slave-reconf-sent-be", r, "");
          r.reconfSent = true;
        }
      }
    }
  }

  /** {@code sentinelFailoverSwitchToPromotedReplica}, for a primary in UPDATE_CONFIG. */
  void switchToPromoted(Primary p) {
    Instance ref = p.promoted != null ? p.promoted : p;
    String newHost = ref.host;
    int newPort = ref.port;
    core.switchMasterEvent(p, newHost, newPort);
    FailoverTimeline t = p.timeline;
    long epoch = p.failoverEpoch;
    topology.resetPrimaryAndChangeAddress(p, ref.givenHost(), newPort);
    if (t != null) {
      t.endedAt = core.now;
      core.lastFailovers.put(p.name, record(t, epoch, newHost, newPort));
    }
  }

  private FailoverRecord record(FailoverTimeline t, long epoch, String host, int port) {
    long elected = t.electedAt != 0 ? t.electedAt : t.startedAt;
    long promoted = t.promotedAt != 0 ? t.promotedAt : elected;
    String to = t.toAddress != null ? t.toAddress : new HostPort(host, port).key();
    return new FailoverRecord(
        epoch,
        core.wallNow,
        t.fromAddress,
        to,
        t.endedAt - t.detectedAt,
        t.startedAt - t.detectedAt,
        elected - t.startedAt,
        promoted - elected,
        t.endedAt - promoted);
  }

  /** {@code sentinelAbortFailover}: only up to WAIT_PROMOTION. */
  void abort(Primary p) {
    if (p.failoverState.atLeast(FailoverState.RECONF_SLAVES)) {
      throw new IllegalStateException("cannot abort a failover in " + p.failoverState);
    }
    p.failoverInProgress = false;
    p.forceFailover = false;
    p.failoverState = FailoverState.NONE;
    p.failoverStateChangeTime = core.now;
    p.timeline = null;
    if (p.promoted != null) {
      p.promoted.promoted = false;
      p.promoted = null;
    }
  }

  private void transition(Primary p, FailoverState next) {
    p.failoverState = next;
    p.failoverStateChangeTime = core.now;
  }
}
