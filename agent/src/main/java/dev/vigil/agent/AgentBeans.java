package dev.vigil.agent;

import dev.vigil.agent.sentinel.SentinelFollower;
import dev.vigil.jmx.agent.AgentMXBean;
import dev.vigil.jmx.agent.ManagedPoolInfo;
import dev.vigil.jmx.agent.MasterGroupMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The agent's MBeans and their registration in the platform MBeanServer. */
final class AgentBeans {
  private AgentBeans() {}

  /** Registers the agent bean and one bean per group; failures are logged, never thrown. */
  static void register(AgentConfig config, PoolManager manager, SentinelFollower follower) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      registerOne(server, new AgentBean(config, manager, follower), AgentMXBean.OBJECT_NAME);
      for (MasterGroup group : manager.groups()) {
        registerOne(
            server,
            new MasterGroupBean(group, manager),
            MasterGroupMXBean.objectName(group.name()));
      }
    } catch (Throwable e) {
      AgentLog.warn("could not register the agent's MBeans", e);
    }
  }

  private static void registerOne(MBeanServer server, Object bean, String name) throws Exception {
    ObjectName objectName = new ObjectName(name);
    if (server.isRegistered(objectName)) {
      server.unregisterMBean(objectName);
    }
    server.registerMBean(bean, objectName);
  }

  static final class AgentBean implements AgentMXBean {
    private final AgentConfig config;
    private final PoolManager manager;
    private final SentinelFollower follower;

    AgentBean(AgentConfig config, PoolManager manager, SentinelFollower follower) {
      this.config = config;
      this.manager = manager;
      this.follower = follower;
    }

    @Override
    public String getVersion() {
      String version = AgentBeans.class.getPackage().getImplementationVersion();
      return version == null ? "dev" : version;
    }

    @Override
    public List<String> getSentinels() {
      List<String> result = new ArrayList<>();
      for (HostPort sentinel : config.sentinels()) {
        result.add(sentinel.toString());
      }
      return result;
    }

    @Override
    public List<String> getMasterNames() {
      return new ArrayList<>(config.masterNames());
    }

    @Override
    public List<String> getConnectedSentinels() {
      return follower.connectedSentinels();
    }

    @Override
    public int getPoolsSeen() {
      return manager.poolsSeen();
    }

    @Override
    public long getUnsupportedPoolsSeen() {
      return manager.unsupportedCount();
    }

    @Override
    public List<String> getUnsupportedPools() {
      return manager.unsupportedLines();
    }

    @Override
    public long getConnectionsEvicted() {
      return manager.connectionsEvicted();
    }

    @Override
    public void checkNow() {
      follower.checkSoon();
    }
  }

  static final class MasterGroupBean implements MasterGroupMXBean {
    private final MasterGroup group;
    private final PoolManager manager;

    MasterGroupBean(MasterGroup group, PoolManager manager) {
      this.group = group;
      this.manager = manager;
    }

    @Override
    public String getMasterName() {
      return group.name();
    }

    @Override
    public String getCurrentPrimary() {
      HostPort primary = group.primary();
      return primary == null ? "" : primary.toString();
    }

    @Override
    public List<String> getKnownAddresses() {
      List<String> result = new ArrayList<>();
      for (HostPort address : group.knownAddresses()) {
        result.add(address.toString());
      }
      return result;
    }

    @Override
    public long getConfigEpoch() {
      return group.configEpoch();
    }

    @Override
    public long getSwitchCount() {
      return group.switchCount();
    }

    @Override
    public long getLastSwitchTimeMillis() {
      return group.lastSwitchMillis();
    }

    @Override
    public int getPoolsManaged() {
      return manager.managedPools(group).size();
    }

    @Override
    public List<ManagedPoolInfo> getPools() {
      return manager.managedPools(group);
    }

    @Override
    public long getConnectionsEvicted() {
      return group.evicted();
    }
  }
}
