package dev.vigil.jmx;

/**
 * One monitored primary: {@code vigil:type=Master,name=<master>} ({@link
 * VigilObjectNames#master(String)}). Times ending in {@code EpochMs} are wall-clock epoch
 * milliseconds, 0 when not applicable; durations end in {@code Ms}.
 */
public interface MasterMXBean {
  String getName();

  /** The current address as {@code ip:port}. */
  String getAddress();

  String getIp();

  int getPort();

  int getQuorum();

  /**
   * Sentinel's flags exactly as {@code SENTINEL MASTER} prints them, e.g. {@code master,s_down}.
   */
  String getFlags();

  long getSdownSinceEpochMs();

  long getOdownSinceEpochMs();

  long getDownAfterMs();

  long getFailoverTimeoutMs();

  int getParallelSyncs();

  long getConfigEpoch();

  /**
   * Sentinel's failover state name ({@code none}, {@code wait_start}, ..., {@code update_config}).
   */
  String getFailoverState();

  long getFailoverStateSinceEpochMs();

  /** The run id this sentinel last saw elected (or voted for) for this primary, null if none. */
  String getLeader();

  long getLeaderEpoch();

  int getNumReplicas();

  /** Other sentinels known for this primary (not counting this one). */
  int getNumOtherSentinels();

  /** The last completed failover this sidecar saw for this primary, null when none yet. */
  FailoverRecord getLastFailover();

  /** {@code SENTINEL FAILOVER <name>}; returns {@code OK}. */
  String failover();

  /** {@code SENTINEL CKQUORUM <name>}; returns Sentinel's {@code OK ...} text. */
  String checkQuorum();

  /** {@code SENTINEL SET <name> <option> <value>}; returns {@code OK}. */
  String set(String option, String value);

  /** {@code SENTINEL RESET <name>}; returns the number of masters reset (1). */
  long reset();
}
