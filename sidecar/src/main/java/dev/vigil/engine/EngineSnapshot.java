package dev.vigil.engine;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the engine for the command formatter ({@code SENTINEL MASTER(S)}, {@code
 * REPLICAS}, {@code SENTINELS}, {@code INFO}) and the management plane. Timestamps are raw
 * monotonic milliseconds ({@link #NEVER} when never happened); formatters compute "ms since" with
 * {@link #msSince}. Field order in the records follows spec §2.1 where it applies.
 *
 * @param nowMs the monotonic time the snapshot was taken
 * @param wallMs the wall time the snapshot was taken
 * @param tiltSinceMs monotonic start of the current TILT, {@link #NEVER} if not in TILT
 * @param totalTilts how many times TILT was entered since start
 * @param simulateFailureFlags bit 1 crash-after-election, bit 2 crash-after-promotion
 */
public record EngineSnapshot(
    long nowMs,
    long wallMs,
    String myid,
    long currentEpoch,
    boolean tilt,
    long tiltSinceMs,
    long totalTilts,
    int simulateFailureFlags,
    GlobalOptions globals,
    List<MasterSnapshot> masters) {

  /** "Never" for every timestamp in a snapshot. */
  public static final long NEVER = EngineCore.NEVER;

  /** Milliseconds from {@code atMs} to the snapshot's time; 0 for {@link #NEVER}. */
  public long msSince(long atMs) {
    return atMs == NEVER ? 0 : nowMs - atMs;
  }

  /** The master with that name, or null. */
  public MasterSnapshot master(String name) {
    for (MasterSnapshot m : masters) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /**
   * The link to an instance.
   *
   * @param actPingTimeMs oldest unanswered PING ({@code last-ping-sent}), NEVER if none
   * @param lastAvailTimeMs last valid PING reply ({@code last-ok-ping-reply})
   * @param lastPongTimeMs last PING reply of any kind ({@code last-ping-reply})
   */
  public record LinkSnapshot(
      boolean disconnected,
      int pendingCommands,
      int refcount,
      long actPingTimeMs,
      long lastAvailTimeMs,
      long lastPongTimeMs) {}

  /**
   * A monitored primary. {@code ip/port} are the configured address (old until the switch); {@code
   * currentAddress} is what GET-MASTER-ADDR-BY-NAME returns.
   *
   * @param flags the {@code flags} field, in Sentinel's order
   * @param sDownSinceMs NEVER unless S_DOWN
   * @param oDownSinceMs NEVER unless O_DOWN
   * @param infoRefreshMs last INFO, NEVER if never
   * @param leader whom this sentinel voted for (null if none known)
   * @param promotedReplica the promoted replica's name during a failover, else null
   * @param fence Vigil's self-fencing of this sidecar's node, null when it does not apply (no
   *     {@code vigil node} in this group, or {@code vigil fencing no})
   */
  public record MasterSnapshot(
      String name,
      String ip,
      int port,
      String runid,
      String flags,
      LinkSnapshot link,
      boolean failoverInProgress,
      FailoverState failoverState,
      long failoverStateSinceMs,
      long failoverEpoch,
      long failoverStartTimeMs,
      long sDownSinceMs,
      long oDownSinceMs,
      long downAfterMs,
      long infoRefreshMs,
      String roleReported,
      long roleReportedTimeMs,
      long configEpoch,
      int numSlaves,
      int numOtherSentinels,
      int quorum,
      long failoverTimeoutMs,
      int parallelSyncs,
      String notificationScript,
      String clientReconfigScript,
      long primaryRebootDownAfterMs,
      String leader,
      long leaderEpoch,
      String promotedReplica,
      HostPort currentAddress,
      String info,
      List<ReplicaSnapshot> replicas,
      List<SentinelSnapshot> sentinels,
      ElectionSnapshot election,
      FailoverRecord lastFailover,
      FenceSnapshot fence) {}

  /**
   * Vigil's self-fencing of this sidecar's node (docs/fencing.md).
   *
   * @param fenced the node refuses writes ({@code min-replicas-to-write} carries the fence)
   * @param fencedSinceMs monotonic ms, NEVER unless fenced
   * @param fenceAfterMs the effective fence-after-milliseconds
   * @param reachableSentinels sentinels (this one included) that answered within fence-after
   * @param knownSentinels sentinels of this primary, this one included
   * @param minReplicasToWrite the node's value as last read, -1 before the first reading
   * @param lastError the last fence command's error, null after a success
   */
  public record FenceSnapshot(
      boolean fenced,
      long fencedSinceMs,
      long fenceAfterMs,
      int reachableSentinels,
      int knownSentinels,
      long minReplicasToWrite,
      String lastError) {}

  /**
   * A replica.
   *
   * @param name {@code ip:port}
   * @param rank position in the current promotion order (0 = would be promoted), -1 if excluded
   * @param exclusionReason why it cannot be promoted now, null if eligible
   * @param info last raw INFO text, null if none
   */
  public record ReplicaSnapshot(
      String name,
      String ip,
      int port,
      String runid,
      String flags,
      LinkSnapshot link,
      long sDownSinceMs,
      long downAfterMs,
      long infoRefreshMs,
      String roleReported,
      long roleReportedTimeMs,
      long masterLinkDownTimeMs,
      boolean masterLinkUp,
      String masterHost,
      int masterPort,
      int slavePriority,
      long slaveReplOffset,
      boolean replicaAnnounced,
      int rank,
      String exclusionReason,
      String info) {}

  /**
   * A peer sentinel.
   *
   * @param name its run id
   * @param votedLeader whom it told us it voted for, null if none
   * @param masterDown whether it said the primary is down ({@code master_down} flag)
   */
  public record SentinelSnapshot(
      String name,
      String ip,
      int port,
      String runid,
      String flags,
      LinkSnapshot link,
      long sDownSinceMs,
      long downAfterMs,
      long lastHelloTimeMs,
      String votedLeader,
      long votedLeaderEpoch,
      boolean masterDown,
      long lastMasterDownReplyTimeMs) {}

  /**
   * Votes for a primary: the tally of the current epoch (peers' reported votes plus mine), the
   * winner of the last evaluation when this sentinel was a candidate, and recent vote records.
   *
   * @param lastWinner winner of the last leader evaluation (null if none or never evaluated)
   * @param lastEvaluatedEpoch epoch of that evaluation, 0 if never
   */
  public record ElectionSnapshot(
      long epoch,
      Map<String, Long> tally,
      String lastWinner,
      long lastEvaluatedEpoch,
      List<VoteRecord> votes) {}
}
