package dev.vigil.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * Registers every interface as an MXBean in a private MBeanServer and reads it back through an
 * MXBean proxy: that fails if a type is not open-type mappable or cannot be reconstructed, which is
 * exactly what JConsole, Jolokia and the plugin rely on.
 */
class MXBeanMappingTest {
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();

  @SuppressWarnings("unchecked")
  private static <T> T fixed(Class<T> type, Object... nameValuePairs) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              for (int i = 0; i < nameValuePairs.length; i += 2) {
                if (nameValuePairs[i].equals(method.getName())) {
                  return nameValuePairs[i + 1];
                }
              }
              Class<?> r = method.getReturnType();
              if (r == long.class) return 0L;
              if (r == int.class) return 0;
              if (r == boolean.class) return false;
              return null;
            });
  }

  @Test
  void electionValueTypesSurviveTheRoundTrip() throws Exception {
    List<ElectionVote> votes =
        Arrays.asList(
            new ElectionVote(7, "aaa", "bbb", "aaa", 1000),
            new ElectionVote(7, "aaa", "aaa", null, 999));
    List<VoteCount> tally = Arrays.asList(new VoteCount(7, "aaa", 2));
    ObjectName name = VigilObjectNames.election("mymaster");
    server.registerMBean(
        fixed(ElectionMXBean.class, "getVotes", votes, "getTally", tally, "getWinner", "aaa"),
        name);

    Object raw = server.getAttribute(name, "Votes");
    assertTrue(raw instanceof CompositeData[], "open type, not our class: " + raw.getClass());
    ElectionMXBean proxy = JMX.newMXBeanProxy(server, name, ElectionMXBean.class);
    assertEquals(votes, proxy.getVotes());
    assertEquals(tally, proxy.getTally());
    assertEquals("aaa", proxy.getWinner());
  }

  @Test
  void masterLastFailoverIsCompositeAndNullable() throws Exception {
    FailoverRecord record =
        new FailoverRecord(5000, 3, "127.0.0.1:6379", "127.0.0.1:6380", 1200, 300, 100, 400, 400);
    ObjectName name = VigilObjectNames.master("m1");
    server.registerMBean(fixed(MasterMXBean.class, "getLastFailover", record), name);
    assertTrue(server.getAttribute(name, "LastFailover") instanceof CompositeData);
    assertEquals(record, JMX.newMXBeanProxy(server, name, MasterMXBean.class).getLastFailover());

    ObjectName other = VigilObjectNames.master("m2");
    server.registerMBean(fixed(MasterMXBean.class), other);
    assertNull(JMX.newMXBeanProxy(server, other, MasterMXBean.class).getLastFailover());
  }

  @Test
  void everyInterfaceIsAValidMXBean() throws Exception {
    server.registerMBean(fixed(SentinelMXBean.class), VigilObjectNames.sentinel());
    server.registerMBean(
        fixed(ReplicaMXBean.class), VigilObjectNames.replica("m", "127.0.0.1:6380"));
    server.registerMBean(fixed(PeerMXBean.class), VigilObjectNames.peer("m", "abc"));
    assertEquals(
        3, server.queryNames(VigilObjectNames.parse(VigilObjectNames.ALL_PATTERN), null).size());
    assertTrue(JMX.isMXBeanInterface(MasterMXBean.class));
  }
}
