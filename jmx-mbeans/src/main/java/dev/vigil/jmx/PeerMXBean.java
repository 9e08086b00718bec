package dev.vigil.jmx;

/**
 * Another sentinel watching the same primary: {@code vigil:type=Peer,master=<master>,name=<runid>}
 * ({@link VigilObjectNames#peer(String, String)}).
 */
public interface PeerMXBean {
  String getMaster();

  String getRunId();

  /** {@code ip:port} as announced in its hello. */
  String getAddress();

  /** Age of the last hello received from this peer, in ms. */
  long getLastHelloAgeMs();

  /** Its last is-master-down-by-addr answer: true when it considers the primary down. */
  boolean isMasterDown();

  /** The run id it voted for in its last answer, null when none. */
  String getLeader();

  long getLeaderEpoch();
}
