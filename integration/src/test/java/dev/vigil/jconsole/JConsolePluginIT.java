package dev.vigil.jconsole;

import static dev.vigil.management.ManagedSidecars.ADMIN;
import static dev.vigil.management.ManagedSidecars.ADMIN_PASSWORD;
import static dev.vigil.management.ManagedSidecars.MASTER;
import static dev.vigil.management.ManagedSidecars.VIEWER;
import static dev.vigil.management.ManagedSidecars.VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.jconsole.JConsoleContext;
import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.PeerMXBean;
import dev.vigil.jmx.ReplicaMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.ManagedSidecars;
import dev.vigil.testkit.Await;
import dev.vigil.testkit.SentinelEvents;
import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JConsole plugin's panels against a live remote JMX connection (the way JConsole connects) to
 * a real sidecar watching real servers: the tables match the MBeans, Force failover leads to a
 * {@code +switch-master} and the tables follow, a read-only user cannot act, and a reconnect starts
 * over on the new connection.
 */
class JConsolePluginIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static ManagedSidecars cluster;

  @BeforeAll
  static void start() {
    cluster = ManagedSidecars.start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * The tests share the sidecars, not their state: each starts from a settled topology (one forces
   * a failover), whichever node is the primary then.
   */
  @BeforeEach
  void settled() {
    cluster.awaitSettled();
  }

  @Test
  void tablesMatchTheMBeans() throws Exception {
    try (JMXConnector jmx = connect(ADMIN, ADMIN_PASSWORD)) {
      MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
      PluginUnderTest plugin = new PluginUnderTest(mbeans);
      plugin.refresh();
      VigilTab tab = plugin.tab();

      MasterMXBean master =
          JMX.newMXBeanProxy(mbeans, VigilObjectNames.master(MASTER), MasterMXBean.class);
      assertEquals(List.of(MASTER), tab.view().masters());
      assertEquals(master.getAddress(), onEdt(() -> tab.detail("Address")));
      assertEquals(String.valueOf(master.getQuorum()), onEdt(() -> tab.detail("Quorum")));
      assertEquals(
          String.valueOf(master.getConfigEpoch()), onEdt(() -> tab.detail("Config epoch")));

      // Replicas: the same addresses, ranks and priorities as the Replica MBeans, in rank order.
      Map<String, Integer> ranks = new TreeMap<>();
      for (ObjectName on : mbeans.queryNames(VigilObjectNames.replicasOf(MASTER), null)) {
        ReplicaMXBean r = JMX.newMXBeanProxy(mbeans, on, ReplicaMXBean.class);
        ranks.put(r.getAddress(), r.getPromotionRank());
      }
      assertEquals(2, ranks.size(), "two replicas monitored");
      Map<String, Integer> shown = new TreeMap<>();
      List<Integer> order = new ArrayList<>();
      for (TopologyView.ReplicaRow row : onEdt(() -> tab.replicas.rows())) {
        shown.put(row.address(), row.rank());
        order.add(row.rank());
      }
      assertEquals(ranks, shown);
      assertEquals(List.of(1, 2), order, "healthy replicas shown in promotion order");
      assertEquals(1, onEdt(() -> tab.replicas.getValueAt(0, 0)));

      // Peers: the two other sidecars, as the Peer MBeans list them.
      Set<String> peerIds = new TreeSet<>();
      for (ObjectName on : mbeans.queryNames(VigilObjectNames.peersOf(MASTER), null)) {
        peerIds.add(JMX.newMXBeanProxy(mbeans, on, PeerMXBean.class).getRunId());
      }
      Set<String> shownPeers = new TreeSet<>();
      onEdt(() -> tab.peers.rows()).forEach(p -> shownPeers.add(p.runId()));
      assertEquals(2, peerIds.size());
      assertEquals(peerIds, shownPeers);

      assertTrue(onEdt(() -> tab.forceFailover.isEnabled()), "admin may force a failover");
      assertTrue(onEdt(() -> tab.checkQuorum.isEnabled()));
    }
  }

  @Test
  void checkQuorumShowsSentinelsAnswer() throws Exception {
    try (JMXConnector jmx = connect(ADMIN, ADMIN_PASSWORD)) {
      PluginUnderTest plugin = new PluginUnderTest(jmx.getMBeanServerConnection());
      plugin.refresh();
      SwingUtilities.invokeAndWait(() -> plugin.tab().checkQuorum.doClick());
      String result =
          Await.value(
              "CKQUORUM result shown",
              TIMEOUT,
              () -> onEdt(() -> plugin.tab().result.getText()),
              t -> t.startsWith("CKQUORUM " + MASTER + ": "));
      assertEquals(
          "CKQUORUM "
              + MASTER
              + ": OK 3 usable Sentinels. Quorum and failover authorization can be reached",
          result);
    }
  }

  @Test
  void forceFailoverConfirmsThenSwitchesAndTheTablesFollow() throws Exception {
    try (JMXConnector jmx = connect(ADMIN, ADMIN_PASSWORD);
        SentinelEvents events =
            SentinelEvents.subscribe(
                cluster.sidecars.get(1).node().address(), List.of("+switch-master"))) {
      PluginUnderTest plugin = new PluginUnderTest(jmx.getMBeanServerConnection());
      plugin.refresh();
      VigilTab tab = plugin.tab();
      String before = onEdt(() -> tab.detail("Address"));
      String rankOne = onEdt(() -> tab.view().bestReplica().address());
      AtomicReference<String> asked = new AtomicReference<>();
      plugin.plugin.confirmation =
          (parent, title, question) -> {
            asked.set(question);
            return true;
          };

      SwingUtilities.invokeAndWait(() -> tab.forceFailover.doClick());

      assertTrue(asked.get().contains("'" + MASTER + "'"), asked.get());
      assertTrue(asked.get().contains(rankOne + " (rank 1) would be promoted"), asked.get());
      SentinelEvents.Event switched =
          events.awaitMessage("+switch-master", m -> m.startsWith(MASTER + " "), TIMEOUT);
      String[] parts = switched.message().split(" ");
      String newAddress = parts[3] + ":" + parts[4];
      assertEquals(before, parts[1] + ":" + parts[2]);
      assertEquals(rankOne, newAddress, "the rank-1 replica was promoted");

      // The tab follows: new address, the old primary now listed among the replicas, and the
      // event list shows the switch (from the JMX notifications).
      Await.until(
          "tab shows the new primary",
          TIMEOUT,
          () -> {
            plugin.refreshUnchecked();
            return newAddress.equals(onEdt(() -> tab.detail("Address")))
                && onEdt(() -> tab.replicas.rows()).stream()
                    .anyMatch(r -> r.address().equals(before));
          });
      Await.until(
          "event list shows +switch-master",
          TIMEOUT,
          () -> {
            List<String> lines = new ArrayList<>();
            onEdt(
                () -> {
                  for (int i = 0; i < tab.events.model().size(); i++) {
                    lines.add(tab.events.model().get(i));
                  }
                  return null;
                });
            return lines.stream().anyMatch(l -> l.contains("+switch-master " + MASTER + " "));
          });
      Await.until(
          "result shows FAILOVER OK",
          TIMEOUT,
          () -> onEdt(() -> tab.result.getText()).equals("FAILOVER " + MASTER + ": OK"));
    }
  }

  @Test
  void readOnlyConnectionDisablesTheButtonsWithAnExplanation() throws Exception {
    try (JMXConnector jmx = connect(VIEWER, VIEWER_PASSWORD)) {
      PluginUnderTest plugin = new PluginUnderTest(jmx.getMBeanServerConnection());
      plugin.refresh();
      VigilTab tab = plugin.tab();
      assertFalse(onEdt(() -> tab.forceFailover.isEnabled()));
      assertFalse(onEdt(() -> tab.checkQuorum.isEnabled()));
      assertEquals(VigilTab.READ_ONLY_HINT, onEdt(() -> tab.forceFailover.getToolTipText()));
      assertEquals(VigilTab.READ_ONLY_HINT, onEdt(() -> tab.result.getText()));
      assertEquals(2, onEdt(() -> tab.replicas.rows()).size(), "reading still works");
    }
  }

  @Test
  void survivesDisconnectAndReconnect() throws Exception {
    JMXConnector first = connect(ADMIN, ADMIN_PASSWORD);
    PluginUnderTest plugin = new PluginUnderTest(first.getMBeanServerConnection());
    plugin.refresh();
    String address = onEdt(() -> plugin.tab().detail("Address"));
    first.close();
    plugin.setState(JConsoleContext.ConnectionState.DISCONNECTED);
    assertTrue(onEdt(() -> plugin.tab().status.getText()).startsWith("Disconnected"));
    try (JMXConnector second = connect(ADMIN, ADMIN_PASSWORD)) {
      plugin.reconnect(second.getMBeanServerConnection());
      plugin.refresh();
      assertEquals(address, onEdt(() -> plugin.tab().detail("Address")));
      assertNotEquals("", onEdt(() -> plugin.tab().view().myId()));
    }
  }

  private static JMXConnector connect(String user, String password) throws Exception {
    int port = cluster.sidecars.get(0).jmxPort();
    JMXServiceURL url =
        new JMXServiceURL(
            "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    return JMXConnectorFactory.connect(
        url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
  }

  private interface EdtCall<T> {
    T call() throws Exception;
  }

  private static <T> T onEdt(EdtCall<T> call) {
    AtomicReference<T> value = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(
          () -> {
            try {
              value.set(call.call());
            } catch (Exception e) {
              failure.set(e);
            }
          });
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    return value.get();
  }

  /** The plugin with a JConsole context of our own, as JConsole would set it up. */
  private static final class PluginUnderTest implements JConsoleContext {
    final VigilJConsolePlugin plugin = new VigilJConsolePlugin();
    private final PropertyChangeSupport listeners = new PropertyChangeSupport(this);
    private volatile MBeanServerConnection mbeans;
    private volatile ConnectionState state = ConnectionState.CONNECTED;

    PluginUnderTest(MBeanServerConnection mbeans) {
      this.mbeans = mbeans;
      plugin.setContext(this);
      plugin.getTabs();
    }

    VigilTab tab() {
      return (VigilTab) plugin.getTabs().get("Vigil");
    }

    /**
     * One JConsole update tick: run the worker and wait until its done() has run on the EDT
     * (SwingWorker announces state DONE on the EDT only after done()).
     */
    void refresh() throws Exception {
      javax.swing.SwingWorker<?, ?> worker = plugin.newSwingWorker();
      java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
      worker.addPropertyChangeListener(
          e -> {
            if ("state".equals(e.getPropertyName())
                && e.getNewValue() == javax.swing.SwingWorker.StateValue.DONE) {
              applied.countDown();
            }
          });
      worker.execute();
      if (!applied.await(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new AssertionError("refresh did not finish within " + TIMEOUT);
      }
      String status = onEdt(() -> tab().status.getText());
      if (status.startsWith("Cannot read")) {
        throw new AssertionError(status);
      }
    }

    void refreshUnchecked() {
      try {
        refresh();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    void setState(ConnectionState newState) {
      ConnectionState old = state;
      state = newState;
      listeners.firePropertyChange(CONNECTION_STATE_PROPERTY, old, newState);
    }

    void reconnect(MBeanServerConnection fresh) {
      mbeans = fresh;
      setState(ConnectionState.CONNECTED);
    }

    @Override
    public MBeanServerConnection getMBeanServerConnection() {
      return mbeans;
    }

    @Override
    public ConnectionState getConnectionState() {
      return state;
    }

    @Override
    public void addPropertyChangeListener(PropertyChangeListener l) {
      listeners.addPropertyChangeListener(l);
    }

    @Override
    public void removePropertyChangeListener(PropertyChangeListener l) {
      listeners.removePropertyChangeListener(l);
    }
  }
}
