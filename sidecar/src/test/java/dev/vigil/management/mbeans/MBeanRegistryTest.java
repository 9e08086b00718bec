package dev.vigil.management.mbeans;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.replica;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.SentinelEvent;
import dev.vigil.jmx.ElectionMXBean;
import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.ReplicaMXBean;
import dev.vigil.jmx.SentinelMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.TestViews;
import dev.vigil.management.TestViews.RecordingOperations;
import dev.vigil.management.view.SentinelView;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MBeanRegistryTest {
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final AtomicReference<SentinelView> view =
      new AtomicReference<>(
          sentinel(
              master("m1", 6379, List.of(replica(6380, 1, null), replica(6381, 0, "s_down")))));
  private final RecordingOperations ops = new RecordingOperations();
  private final MBeanRegistry registry =
      new MBeanRegistry(server, view::get, ops, new SentinelBean.Ports(8778, 0, 0), () -> 11_000);

  @AfterEach
  void close() {
    registry.close();
  }

  private Set<ObjectName> vigilNames() {
    return server.queryNames(VigilObjectNames.parse(VigilObjectNames.ALL_PATTERN), null);
  }

  @Test
  void registersOneMBeanPerSubjectAndFollowsTheView() {
    registry.start();
    assertEquals(
        Set.of(
            VigilObjectNames.sentinel(),
            VigilObjectNames.master("m1"),
            VigilObjectNames.election("m1"),
            VigilObjectNames.replica("m1", "127.0.0.1:6380"),
            VigilObjectNames.replica("m1", "127.0.0.1:6381"),
            VigilObjectNames.peer("m1", TestViews.PEER_ID)),
        vigilNames());

    // A replica leaves, a second master arrives.
    view.set(
        sentinel(
            master("m1", 6379, List.of(replica(6380, 1, null))), master("m2", 7000, List.of())));
    registry.sync();
    Set<ObjectName> names = vigilNames();
    assertTrue(names.contains(VigilObjectNames.master("m2")));
    assertTrue(!names.contains(VigilObjectNames.replica("m1", "127.0.0.1:6381")));
    assertEquals(registry.registeredNames(), names);

    registry.close();
    assertEquals(Set.of(), vigilNames());
  }

  @Test
  void attributesComeFromTheLatestView() {
    registry.start();
    MasterMXBean m = JMX.newMXBeanProxy(server, VigilObjectNames.master("m1"), MasterMXBean.class);
    assertEquals("127.0.0.1:6379", m.getAddress());
    assertEquals(2, m.getNumReplicas());
    assertEquals("127.0.0.1:6380", m.getLastFailover().getToAddress());

    view.set(sentinel(master("m1", "127.0.0.1", 6379, "master,s_down", List.of())));
    assertEquals("master,s_down", m.getFlags());

    ReplicaMXBean r =
        JMX.newMXBeanProxy(
            server, VigilObjectNames.replica("m1", "127.0.0.1:6380"), ReplicaMXBean.class);
    IllegalStateException gone = assertThrows(IllegalStateException.class, r::getFlags);
    assertTrue(gone.getMessage().contains("No such replica"), gone.getMessage());

    SentinelMXBean s =
        JMX.newMXBeanProxy(server, VigilObjectNames.sentinel(), SentinelMXBean.class);
    assertEquals(10_000, s.getUptimeMs());
    assertEquals(8778, s.getJolokiaPort());

    ElectionMXBean e =
        JMX.newMXBeanProxy(server, VigilObjectNames.election("m1"), ElectionMXBean.class);
    assertEquals(3, e.getEpoch());
    assertEquals(2, e.getTally().get(0).getVotes());
    assertEquals(TestViews.MY_ID, e.getWinner());
  }

  @Test
  void operationsAreQueuedAndSentinelErrorsSurfaceAsTheirText() {
    registry.start();
    MasterMXBean m = JMX.newMXBeanProxy(server, VigilObjectNames.master("m1"), MasterMXBean.class);
    assertEquals("OK", m.failover());
    assertEquals("OK", m.set("down-after-milliseconds", "1000"));
    assertEquals(List.of("failover m1", "set m1 down-after-milliseconds 1000"), ops.calls);

    ops.error = "NOGOODSLAVE No suitable replica to promote";
    // What a generic client (JConsole) sees: a JDK exception carrying Sentinel's text.
    RuntimeMBeanException e =
        assertThrows(
            RuntimeMBeanException.class,
            () -> server.invoke(VigilObjectNames.master("m1"), "failover", null, null));
    assertEquals(IllegalStateException.class, e.getCause().getClass());
    assertEquals("NOGOODSLAVE No suitable replica to promote", e.getCause().getMessage());
  }

  @Test
  void eventsBecomeNotificationsButDebugEventsDoNot() throws Exception {
    registry.start();
    LinkedBlockingQueue<Notification> received = new LinkedBlockingQueue<>();
    server.addNotificationListener(
        VigilObjectNames.sentinel(), (n, handback) -> received.add(n), null, null);

    registry
        .notifications()
        .emit(new SentinelEvent(SentinelEvent.Level.DEBUG, "-cmd-link-reconnection", "x", "m1"));
    registry
        .notifications()
        .emit(
            new SentinelEvent(
                SentinelEvent.Level.WARNING,
                "+switch-master",
                "m1 127.0.0.1 6379 127.0.0.1 6380",
                "m1"));

    Notification n = received.poll(5, TimeUnit.SECONDS);
    assertEquals("+switch-master", n.getType());
    assertEquals("m1 127.0.0.1 6379 127.0.0.1 6380", n.getMessage());
    assertEquals("m1", n.getUserData());
    assertEquals(VigilObjectNames.SENTINEL, n.getSource().toString());
    assertEquals(null, received.poll(100, TimeUnit.MILLISECONDS));
  }
}
