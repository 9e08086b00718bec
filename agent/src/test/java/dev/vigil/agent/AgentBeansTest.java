package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.sentinel.MasterAnswer;
import dev.vigil.agent.sentinel.SentinelAccess;
import dev.vigil.agent.sentinel.SentinelFollower;
import dev.vigil.jmx.agent.AgentMXBean;
import dev.vigil.jmx.agent.MasterGroupMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.Properties;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;

/** The agent's beans as a JMX client sees them: open types, names, and live values. */
class AgentBeansTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void unregister() throws Exception {
    for (ObjectName name : server.queryNames(new ObjectName("vigil:*"), null)) {
      server.unregisterMBean(name);
    }
  }

  @Test
  void exposesGroupsPoolsAndSwitches() throws Exception {
    AgentConfig config =
        AgentConfig.load("sentinels=127.0.0.1:1,master=mymaster,log=off", new Properties());
    PoolManager manager = new PoolManager(config.masterNames(), true);
    SentinelFollower follower =
        new SentinelFollower(
            config.sentinels(),
            config.masterNames(),
            new SentinelAccess(null, null),
            1000,
            manager);
    HostPort a = new HostPort("127.0.0.1", 16379);
    HostPort b = new HostPort("127.0.0.1", 16380);
    manager.checked(
        Arrays.asList(
            new MasterAnswer(
                new HostPort("s", 1), "mymaster", a, 1, Collections.<HostPort>emptyList())),
        1);
    try (JedisPool pool = new JedisPool(a.host(), a.port())) {
      manager.poolConstructed(pool);
      manager.poolConstructed(pool); // chained constructors report twice: counted once
      manager.switchMaster(new HostPort("s", 1), "mymaster", a, b);
      AgentBeans.register(config, manager, follower);

      ObjectName groupName = new ObjectName(MasterGroupMXBean.objectName("mymaster"));
      assertEquals("127.0.0.1:16380", server.getAttribute(groupName, "CurrentPrimary"));
      assertEquals(1L, server.getAttribute(groupName, "SwitchCount"));
      assertEquals(1, server.getAttribute(groupName, "PoolsManaged"));
      CompositeData[] pools = (CompositeData[]) server.getAttribute(groupName, "Pools");
      assertEquals("127.0.0.1:16379", pools[0].get("originalAddress"));
      assertEquals("127.0.0.1:16380", pools[0].get("currentAddress"));
      assertEquals("JedisPool", pools[0].get("kind"));

      MasterGroupMXBean proxy = JMX.newMXBeanProxy(server, groupName, MasterGroupMXBean.class);
      assertEquals("127.0.0.1:16380", proxy.getPools().get(0).getCurrentAddress());
      assertTrue(proxy.getLastSwitchTimeMillis() > 0);

      AgentMXBean agent =
          JMX.newMXBeanProxy(server, new ObjectName(AgentMXBean.OBJECT_NAME), AgentMXBean.class);
      assertEquals(1, agent.getPoolsSeen());
      assertEquals(Arrays.asList("127.0.0.1:1"), agent.getSentinels());
      assertEquals(0L, agent.getUnsupportedPoolsSeen());
    }
  }
}
