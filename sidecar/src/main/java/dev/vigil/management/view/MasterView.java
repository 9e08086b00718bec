package dev.vigil.management.view;

import dev.vigil.jmx.FailoverRecord;
import java.util.List;

/**
 * One monitored primary as the management plane shows it.
 *
 * @param flags Sentinel's flags string, e.g. {@code master,s_down,o_down}
 * @param failoverState Sentinel's state name, {@code none} when idle
 * @param leader null when none
 * @param replOffset the primary's {@code master_repl_offset} from INFO, -1 when unknown
 * @param infoRefreshAgeMs age of the primary's last INFO reply
 * @param lastFailover null when none yet
 */
public record MasterView(
    String name,
    String ip,
    int port,
    int quorum,
    String flags,
    long sdownSinceEpochMs,
    long odownSinceEpochMs,
    long downAfterMs,
    long failoverTimeoutMs,
    int parallelSyncs,
    long configEpoch,
    String failoverState,
    long failoverStateSinceEpochMs,
    String leader,
    long leaderEpoch,
    long replOffset,
    long infoRefreshAgeMs,
    List<ReplicaView> replicas,
    List<PeerView> peers,
    ElectionView election,
    FailoverRecord lastFailover) {

  public MasterView {
    replicas = List.copyOf(replicas);
    peers = List.copyOf(peers);
  }

  public String address() {
    return Addresses.format(ip, port);
  }

  /** True when either this sentinel (s_down) or the quorum (o_down) considers it down. */
  public boolean down() {
    return Flags.has(flags, "s_down") || Flags.has(flags, "o_down");
  }

  public ReplicaView replica(String address) {
    for (ReplicaView r : replicas) {
      if (r.address().equals(address)) {
        return r;
      }
    }
    return null;
  }

  public PeerView peer(String runId) {
    for (PeerView p : peers) {
      if (p.runId().equals(runId)) {
        return p;
      }
    }
    return null;
  }
}
