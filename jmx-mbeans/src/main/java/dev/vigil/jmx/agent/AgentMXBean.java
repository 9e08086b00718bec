package dev.vigil.jmx.agent;

import java.util.List;

/**
 * The agent as a whole: which sentinels it follows, which pools it has seen and which it could not
 * manage. Registered as {@link #OBJECT_NAME}.
 */
public interface AgentMXBean {
  /** ObjectName of the single agent bean. */
  String OBJECT_NAME = "vigil:type=Agent";

  /** Agent version (the agent jar's implementation version). */
  String getVersion();

  /** Configured sentinels, as {@code host:port}. */
  List<String> getSentinels();

  /** Configured master group names. */
  List<String> getMasterNames();

  /** Sentinels the agent currently has a live {@code +switch-master} subscription with. */
  List<String> getConnectedSentinels();

  /** Every Jedis pool the agent has seen being constructed (managed or not, still alive). */
  int getPoolsSeen();

  /**
   * Pools the agent saw but cannot redirect (custom socket or object factory, unsupported Jedis).
   */
  long getUnsupportedPoolsSeen();

  /** One line per unsupported pool or class loader: what it was and why it is left alone. */
  List<String> getUnsupportedPools();

  /** Connections made before a switch that the agent marked broken, over all groups. */
  long getConnectionsEvicted();

  /** Asks every sentinel for every group's primary now (normally done periodically). */
  void checkNow();
}
