package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monitored primary with its replicas, its peer sentinels, its settings and its failover
 * bookkeeping. Mutated only by the engine's components on the owning thread.
 */
final class Primary extends Instance {
  final String name;
  int quorum;
  long failoverTimeoutMs;
  int parallelSyncs;
  String notificationScript;
  String clientReconfigScript;
  String authPass;
  String authUser;
  long primaryRebootDownAfterMs;

  /** Original name (as written) → renamed name, insertion order. */
  final Map<String, String> renamedCommands = new LinkedHashMap<>();

  long configEpoch;

  /** Whom I voted for ({@code null} after a restart: the run id is not persisted). */
  String leader;

  long leaderEpoch;

  /**
   * The leader epoch handed to the store. Equal to {@link #leaderEpoch} except under the test
   * mutation {@link EngineMutation#VOTE_REPLY_BEFORE_PERSIST}.
   */
  long persistedLeaderEpoch;

  boolean oDown;
  long oDownSince = EngineCore.NEVER;

  /**
   * When the failover may start after O_DOWN was seen: a random 0–{@link
   * SentinelPacing#START_JITTER_MS} ms later, under Vigil's pacing an order by run id ({@link
   * VigilPacing#START_DEFER_MS}); NEVER when not scheduled.
   */
  long failoverNotBefore = EngineCore.NEVER;

  FailoverState failoverState = FailoverState.NONE;
  boolean failoverInProgress;
  boolean forceFailover;
  long failoverEpoch;
  long failoverStateChangeTime;
  long failoverStartTime = EngineCore.NEVER;
  boolean failoverDelayLogged;
  Replica promoted;

  /**
   * Vigil's pacing: the promoted address a {@code +switch-master} already told clients while our
   * failover still reconfigures the replicas (see {@link FailoverStateMachine#promotionObserved});
   * null otherwise. The next switch event starts from it, and a switch to it is not repeated.
   */
  HostPort switchAnnounced;

  /** Outcome of the last leader evaluation while this sentinel was a candidate. */
  String lastElectionWinner;

  long lastElectionEpoch;

  final Map<String, Replica> replicas = new LinkedHashMap<>();
  final Map<String, PeerSentinel> sentinels = new LinkedHashMap<>();

  /** Timeline of the failover in progress (monotonic ms), for the last-failover record. */
  FailoverTimeline timeline;

  Primary(String name, String host, int port, int quorum, long downAfterMs) {
    this(name, new InstanceAddress(host, null, false), port, quorum, downAfterMs);
  }

  Primary(String name, InstanceAddress address, int port, int quorum, long downAfterMs) {
    super(address, port);
    this.name = name;
    this.quorum = quorum;
    this.downAfterMs = downAfterMs;
    this.roleReported = InfoReport.ROLE_MASTER;
  }

  @Override
  Endpoint endpoint() {
    return Endpoint.data(givenHost(), port);
  }

  @Override
  Primary primary() {
    return this;
  }

  @Override
  String typeName() {
    return "master";
  }

  @Override
  String name() {
    return name;
  }

  HostPort address() {
    return new HostPort(host, port);
  }

  /**
   * {@code sentinelGetCurrentPrimaryAddress}: the promoted replica once the failover reached
   * RECONF_SLAVES, else the configured address.
   */
  HostPort currentAddress() {
    if (promoted != null && failoverState.atLeast(FailoverState.RECONF_SLAVES)) {
      return promoted.address();
    }
    return address();
  }

  /** {@link #currentAddress} as replies show it ({@code ""} for a name that did not resolve). */
  HostPort shownCurrentAddress() {
    if (promoted != null && failoverState.atLeast(FailoverState.RECONF_SLAVES)) {
      return new HostPort(promoted.shownHost(), promoted.port);
    }
    return new HostPort(shownHost(), port);
  }

  Replica replicaByAddress(String ip, int port) {
    return replicas.get(new HostPort(ip, port).key());
  }
}
