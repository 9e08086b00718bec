package dev.vigil.management.view;

/**
 * One replica of a monitored primary.
 *
 * @param masterLinkStatus {@code ok} or {@code err}
 * @param lagBytes bytes behind the primary's offset, -1 when unknown
 * @param promotionRank 1 = first choice for promotion; 0 when excluded
 * @param exclusionReason why it cannot be promoted, null when it can
 */
public record ReplicaView(
    String ip,
    int port,
    String flags,
    String masterLinkStatus,
    long replOffset,
    long lagBytes,
    int priority,
    long lastPingReplyAgeMs,
    long infoRefreshAgeMs,
    int promotionRank,
    String exclusionReason) {

  public String address() {
    return Addresses.format(ip, port);
  }

  /** Reachable, not down, and replicating: what a load balancer may send reads to. */
  public boolean healthy() {
    return !Flags.has(flags, "s_down")
        && !Flags.has(flags, "o_down")
        && !Flags.has(flags, "disconnected")
        && "ok".equals(masterLinkStatus);
  }
}
