package dev.vigil.jmx.agent;

import java.util.List;

/**
 * One configured master group as the agent follows it. Registered as {@code
 * vigil:type=AgentMasterGroup,name=<master name>} (see {@link #objectName(String)}).
 */
public interface MasterGroupMXBean {
  /** ObjectName prefix; the group name follows as the {@code name} key. */
  String OBJECT_NAME_PREFIX = "vigil:type=AgentMasterGroup,name=";

  /** ObjectName of the bean for the named group (name quoted when it has special characters). */
  static String objectName(String masterName) {
    return OBJECT_NAME_PREFIX + ObjectNames.quoteIfNeeded(masterName);
  }

  /** The master group name as configured in Sentinel. */
  String getMasterName();

  /** Current primary as {@code host:port}, or empty until the sentinels have answered. */
  String getCurrentPrimary();

  /** Addresses known to belong to this group (primary, replicas, former primaries). */
  List<String> getKnownAddresses();

  /** Highest Sentinel config epoch seen for this group, -1 if none yet. */
  long getConfigEpoch();

  /** Primary changes the agent applied to its pools since it started. */
  long getSwitchCount();

  /** Wall-clock time of the last applied switch, epoch milliseconds, 0 if none. */
  long getLastSwitchTimeMillis();

  /** Pools of this group the agent redirects on a switch. */
  int getPoolsManaged();

  /** The managed pools with their addresses and connection counts. */
  List<ManagedPoolInfo> getPools();

  /** Connections of this group's pools marked broken because they were made before a switch. */
  long getConnectionsEvicted();
}
