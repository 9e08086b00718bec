package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.KnownSentinel;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps between the live model and the persisted {@link SentinelState} (what the config rewrite of
 * spec §4.4 writes).
 */
final class StateMapper {
  private StateMapper() {}

  static SentinelState toState(EngineCore core) {
    List<MasterState> masters = new ArrayList<>();
    for (Primary p : core.primaries.values()) {
      masters.add(toMasterState(p));
    }
    return new SentinelState(core.myid, core.currentEpoch, core.globals, masters);
  }

  static MasterState toMasterState(Primary p) {
    HostPort current = p.currentAddress();
    List<HostPort> replicas = new ArrayList<>();
    for (Replica r : p.replicas.values()) {
      HostPort a = r.address();
      // Mid-failover the promoted replica is the monitored address: write the old primary instead.
      replicas.add(a.equals(current) ? p.address() : a);
    }
    List<KnownSentinel> sentinels = new ArrayList<>();
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.runid != null) {
        sentinels.add(new KnownSentinel(s.host, s.port, s.runid));
      }
    }
    return new MasterState(
        p.name,
        current.host(),
        current.port(),
        p.quorum,
        p.downAfterMs,
        p.failoverTimeoutMs,
        p.parallelSyncs,
        p.notificationScript,
        p.clientReconfigScript,
        p.authPass,
        p.authUser,
        p.primaryRebootDownAfterMs,
        p.configEpoch,
        p.persistedLeaderEpoch,
        replicas,
        sentinels,
        p.renamedCommands);
  }

  /** Loads the persisted state into an empty core (no events: {@code start()} emits them). */
  static void load(EngineCore core, Topology topology, SentinelState state) {
    core.myid = state.myid();
    core.currentEpoch = state.currentEpoch();
    core.globals = state.globals();
    for (MasterState m : state.masters()) {
      Primary p =
          topology.createPrimary(
              m.name(), m.host(), m.port(), m.quorum(), m.downAfterMs(), m.failoverTimeoutMs());
      core.primaries.put(p.name, p);
      p.parallelSyncs = m.parallelSyncs();
      p.notificationScript = m.notificationScript();
      p.clientReconfigScript = m.clientReconfigScript();
      p.authPass = m.authPass();
      p.authUser = m.authUser();
      p.primaryRebootDownAfterMs = m.primaryRebootDownAfterMs();
      p.configEpoch = m.configEpoch();
      p.leaderEpoch = m.leaderEpoch();
      p.persistedLeaderEpoch = m.leaderEpoch();
      p.renamedCommands.putAll(m.renamedCommands());
      if (Long.compareUnsigned(m.configEpoch(), core.currentEpoch) > 0) {
        core.currentEpoch = m.configEpoch();
      }
      for (HostPort hp : m.knownReplicas()) {
        if (p.replicaByAddress(hp.host(), hp.port()) == null) {
          topology.createReplica(p, hp.host(), hp.port());
        }
      }
      for (KnownSentinel ks : m.knownSentinels()) {
        if (!p.sentinels.containsKey(ks.runid())) {
          topology.createSentinel(p, ks.host(), ks.port(), ks.runid());
        }
      }
    }
  }
}
