package dev.vigil.jconsole;

import java.util.List;

/**
 * Everything the Vigil tab shows, read in one pass off the event thread and applied on it. Plain
 * immutable data so the tab never calls JMX while painting.
 *
 * @param masters names of every monitored primary, sorted
 * @param selected details of the selected primary, null when there is none
 */
record TopologyView(
    List<String> masters,
    MasterDetails selected,
    List<ReplicaRow> replicas,
    List<PeerRow> peers,
    List<TallyRow> tallies,
    String myId,
    long currentEpoch) {

  static final TopologyView EMPTY =
      new TopologyView(List.of(), null, List.of(), List.of(), List.of(), "", 0);

  /** The selected primary's status. */
  record MasterDetails(
      String name,
      String address,
      String flags,
      int quorum,
      long configEpoch,
      String failoverState,
      long failoverStateSinceEpochMs,
      String leader,
      long leaderEpoch) {}

  /** One replica, in promotion order (rank 0 = excluded, listed last). */
  record ReplicaRow(
      int rank,
      String address,
      String flags,
      String link,
      long offset,
      long lagBytes,
      int priority,
      String exclusionReason) {}

  /** One peer sentinel. */
  record PeerRow(
      String runId,
      String address,
      long lastHelloAgeMs,
      boolean thinksDown,
      String vote,
      long voteEpoch) {}

  /** Votes one candidate received in one epoch, and whether it won. */
  record TallyRow(long epoch, String candidate, int votes, boolean winner) {}

  /** The replica that a failover would promote now (rank 1), or null. */
  ReplicaRow bestReplica() {
    return replicas.stream().filter(r -> r.rank() == 1).findFirst().orElse(null);
  }
}
