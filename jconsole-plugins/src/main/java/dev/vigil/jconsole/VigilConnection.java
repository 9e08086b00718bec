package dev.vigil.jconsole;

import dev.vigil.jmx.ElectionMXBean;
import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.PeerMXBean;
import dev.vigil.jmx.ReplicaMXBean;
import dev.vigil.jmx.SentinelMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.jmx.VoteCount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.InstanceNotFoundException;
import javax.management.JMX;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * The plugin's only way to the sidecar: MXBean proxies of the {@code jmx-mbeans} interfaces over
 * one {@link MBeanServerConnection}. Every method does remote calls, so it is only called from
 * Swing workers, never from the event thread.
 */
final class VigilConnection {
  private final MBeanServerConnection mbeans;
  private volatile Boolean readOnly;

  VigilConnection(MBeanServerConnection mbeans) {
    this.mbeans = mbeans;
  }

  /** True when the sidecar exposes Vigil's MBeans on this connection. */
  boolean isVigil() throws IOException {
    return mbeans.isRegistered(VigilObjectNames.sentinel());
  }

  /**
   * Reads the whole view; {@code selected} may be null or stale (then the first master is used).
   */
  TopologyView load(String selected) throws IOException {
    if (!isVigil()) {
      return TopologyView.EMPTY;
    }
    SentinelMXBean sentinel = proxy(VigilObjectNames.sentinel(), SentinelMXBean.class);
    List<String> masters = masterNames();
    String name = masters.contains(selected) ? selected : masters.isEmpty() ? null : masters.get(0);
    if (name == null) {
      return new TopologyView(
          masters,
          null,
          List.of(),
          List.of(),
          List.of(),
          sentinel.getMyId(),
          sentinel.getCurrentEpoch());
    }
    MasterMXBean master = proxy(VigilObjectNames.master(name), MasterMXBean.class);
    TopologyView.MasterDetails details =
        new TopologyView.MasterDetails(
            name,
            master.getAddress(),
            master.getFlags(),
            master.getQuorum(),
            master.getConfigEpoch(),
            master.getFailoverState(),
            master.getFailoverStateSinceEpochMs(),
            master.getLeader(),
            master.getLeaderEpoch());
    return new TopologyView(
        masters,
        details,
        replicas(name),
        peers(name),
        tallies(name),
        sentinel.getMyId(),
        sentinel.getCurrentEpoch());
  }

  private List<String> masterNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (ObjectName on :
        mbeans.queryNames(VigilObjectNames.parse(VigilObjectNames.MASTER_PATTERN), null)) {
      names.add(VigilObjectNames.keyValue(on, "name"));
    }
    return new ArrayList<>(names);
  }

  private List<TopologyView.ReplicaRow> replicas(String master) throws IOException {
    List<TopologyView.ReplicaRow> rows = new ArrayList<>();
    for (ObjectName on : mbeans.queryNames(VigilObjectNames.replicasOf(master), null)) {
      ReplicaMXBean r = proxy(on, ReplicaMXBean.class);
      try {
        rows.add(
            new TopologyView.ReplicaRow(
                r.getPromotionRank(),
                r.getAddress(),
                r.getFlags(),
                r.getMasterLinkStatus(),
                r.getReplOffset(),
                r.getLagBytes(),
                r.getPriority(),
                r.getExclusionReason()));
      } catch (RuntimeException gone) {
        // The replica disappeared between the query and the read (a reset or a switch): skip it;
        // the next refresh shows the new set. A broken connection still fails the refresh.
        rethrowIfConnectionFailed(gone);
      }
    }
    // Promotion order: ranked replicas first by rank, excluded ones (rank 0) last by address.
    rows.sort(
        Comparator.comparingInt((TopologyView.ReplicaRow r) -> r.rank() == 0 ? 1 : 0)
            .thenComparingInt(TopologyView.ReplicaRow::rank)
            .thenComparing(TopologyView.ReplicaRow::address));
    return rows;
  }

  private List<TopologyView.PeerRow> peers(String master) throws IOException {
    List<TopologyView.PeerRow> rows = new ArrayList<>();
    for (ObjectName on : mbeans.queryNames(VigilObjectNames.peersOf(master), null)) {
      PeerMXBean p = proxy(on, PeerMXBean.class);
      try {
        rows.add(
            new TopologyView.PeerRow(
                p.getRunId(),
                p.getAddress(),
                p.getLastHelloAgeMs(),
                p.isMasterDown(),
                p.getLeader(),
                p.getLeaderEpoch()));
      } catch (RuntimeException gone) {
        rethrowIfConnectionFailed(gone);
      }
    }
    rows.sort(Comparator.comparing(TopologyView.PeerRow::address));
    return rows;
  }

  private List<TopologyView.TallyRow> tallies(String master) throws IOException {
    ObjectName name = VigilObjectNames.election(master);
    if (!mbeans.isRegistered(name)) {
      return List.of();
    }
    ElectionMXBean election = proxy(name, ElectionMXBean.class);
    String winner = election.getWinner();
    long epoch = election.getEpoch();
    List<TopologyView.TallyRow> rows = new ArrayList<>();
    for (VoteCount c : election.getTally()) {
      rows.add(
          new TopologyView.TallyRow(
              c.getEpoch(),
              c.getCandidateRunId(),
              c.getVotes(),
              c.getEpoch() == epoch && c.getCandidateRunId().equals(winner)));
    }
    return rows;
  }

  /** MXBean proxies wrap a lost connection's IOException; anything else is one vanished MBean. */
  private static void rethrowIfConnectionFailed(RuntimeException e) throws IOException {
    if (e.getCause() instanceof IOException) {
      throw (IOException) e.getCause();
    }
  }

  /** {@code SENTINEL FAILOVER}: Sentinel's reply text, or its error as an exception. */
  String failover(String master) {
    return proxy(VigilObjectNames.master(master), MasterMXBean.class).failover();
  }

  /** {@code SENTINEL CKQUORUM}: Sentinel's reply text, or its error as an exception. */
  String checkQuorum(String master) {
    return proxy(VigilObjectNames.master(master), MasterMXBean.class).checkQuorum();
  }

  /**
   * Whether this connection may only read. JMX access control gives a client no way to ask, so the
   * first call runs CKQUORUM (harmless: it changes nothing) and remembers whether the server
   * refused the operation.
   */
  boolean isReadOnly(String anyMaster) {
    Boolean known = readOnly;
    if (known != null) {
      return known;
    }
    if (anyMaster == null) {
      return false; // nothing to probe with yet; ask again once a master exists
    }
    try {
      checkQuorum(anyMaster);
      readOnly = false;
    } catch (SecurityException refused) {
      readOnly = true;
    } catch (RuntimeException sentinelError) {
      readOnly = false; // the operation ran and Sentinel answered with an error: we may write
    }
    return readOnly;
  }

  void addEventListener(NotificationListener listener) throws IOException {
    try {
      mbeans.addNotificationListener(VigilObjectNames.sentinel(), listener, null, null);
    } catch (InstanceNotFoundException notVigil) {
      // Not a Vigil sidecar (or not yet started): nothing to listen to.
    }
  }

  void removeEventListener(NotificationListener listener) {
    try {
      mbeans.removeNotificationListener(VigilObjectNames.sentinel(), listener);
    } catch (InstanceNotFoundException | ListenerNotFoundException | IOException gone) {
      // The connection or the MBean is gone already; nothing left to remove.
    }
  }

  private <T> T proxy(ObjectName name, Class<T> type) {
    return JMX.newMXBeanProxy(mbeans, name, type);
  }
}
