package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;
import java.util.List;

/**
 * The fields of an {@code INFO} reply that Sentinel uses (spec §6.4). Fields absent from the reply
 * are null so that the caller keeps its previous value, as Sentinel does.
 *
 * @param runId {@code run_id} (only if 40 chars long), or null
 * @param role {@code "master"} or {@code "slave"}, or null when no {@code role:} line was seen
 * @param masterLinkDownSinceMs {@code master_link_down_since_seconds} × 1000; 0 when absent
 *     (Sentinel resets it before parsing)
 * @param replId {@code master_replid} (changes when a node is promoted or restarted), or null
 * @param replicas the {@code slaveN:} lines of a primary, in order
 */
record InfoReport(
    String runId,
    String role,
    String masterHost,
    Integer masterPort,
    Boolean masterLinkUp,
    long masterLinkDownSinceMs,
    Integer replicaPriority,
    Long replicaReplOffset,
    Boolean replicaAnnounced,
    String replId,
    List<HostPort> replicas,
    String raw) {

  static final String ROLE_MASTER = "master";
  static final String ROLE_SLAVE = "slave";
}
