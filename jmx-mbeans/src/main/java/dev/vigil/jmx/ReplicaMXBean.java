package dev.vigil.jmx;

/**
 * One replica of a monitored primary: {@code vigil:type=Replica,master=<master>,name="<ip:port>"}
 * ({@link VigilObjectNames#replica(String, String)}).
 */
public interface ReplicaMXBean {
  String getMaster();

  /** {@code ip:port}. */
  String getAddress();

  /** Sentinel's flags, e.g. {@code slave} or {@code slave,s_down,disconnected}. */
  String getFlags();

  /** {@code ok} or {@code err}, from the replica's INFO {@code master_link_status}. */
  String getMasterLinkStatus();

  /** {@code slave_repl_offset} from INFO. */
  long getReplOffset();

  /** Bytes behind the primary's replication offset, -1 when unknown. */
  long getLagBytes();

  /** {@code slave_priority} / {@code replica-priority}; 0 means never promote. */
  int getPriority();

  /** Age of the last valid PING reply in ms. */
  long getLastPingReplyAgeMs();

  /** Age of the last INFO refresh in ms. */
  long getInfoRefreshAgeMs();

  /**
   * This replica's place (1 = would be promoted) in the promotion order Sentinel's selection would
   * use right now, or during a failover the order the leader used; 0 when excluded.
   */
  int getPromotionRank();

  /**
   * Why this replica cannot be promoted (e.g. {@code s_down}, {@code priority 0}), null if it can.
   */
  String getExclusionReason();
}
