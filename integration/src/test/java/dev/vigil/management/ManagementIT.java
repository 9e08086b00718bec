package dev.vigil.management;

import static dev.vigil.management.ManagedSidecars.ADMIN;
import static dev.vigil.management.ManagedSidecars.ADMIN_PASSWORD;
import static dev.vigil.management.ManagedSidecars.MASTER;
import static dev.vigil.management.ManagedSidecars.VIEWER;
import static dev.vigil.management.ManagedSidecars.VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.jmx.ElectionVote;
import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.ReplicaMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.ManagedSidecars.Sidecar;
import dev.vigil.management.metrics.PrometheusText;
import dev.vigil.management.metrics.Promtool;
import dev.vigil.testkit.Await;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The management plane of three real sidecar JVMs next to a real primary and two replicas: read
 * over Jolokia (as curl would) and remote JMX (as JConsole does), forced failovers through both, a
 * real failover whose election every sidecar reports consistently, /metrics and the health checks.
 * The tests share one topology (starting it is the slow part) but not its state: each begins by
 * waiting until every sidecar agrees on a primary with two linked replicas and works with whichever
 * primary that is, so they pass in any order.
 */
@ExtendWith(TestKitExtension.class)
class ManagementIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
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

  private static String master(String name) {
    return VigilObjectNames.master(name).toString();
  }

  private static int httpStatus(Sidecar s, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(s.http(path)))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String get(Sidecar s, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(s.http(path))).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JMXConnector jmx(String user, String password) throws Exception {
    Sidecar s = cluster.sidecars.get(0);
    JMXServiceURL url =
        new JMXServiceURL(
            "service:jmx:rmi://127.0.0.1:"
                + s.jmxPort()
                + "/jndi/rmi://127.0.0.1:"
                + s.jmxPort()
                + "/jmxrmi");
    return JMXConnectorFactory.connect(
        url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
  }

  @Test
  void jolokiaListsAndReadsEveryFamilyOnEverySidecar() {
    String primary = cluster.awaitSettled();
    for (Sidecar s : cluster.sidecars) {
      Jolokia j = s.jolokia();
      List<Object> names = j.search(VigilObjectNames.ALL_PATTERN).list();
      assertEquals(
          1 + 1 + 1 + 2 + 2,
          names.size(),
          "Sentinel, Master, Election, 2 replicas, 2 peers: " + names);

      Map<String, Object> sentinel = j.read(VigilObjectNames.SENTINEL).map();
      assertEquals(40, ((String) sentinel.get("MyId")).length());
      assertEquals(s.node().port(), ((Number) sentinel.get("Port")).intValue());
      assertEquals(s.jolokiaPort(), ((Number) sentinel.get("JolokiaPort")).intValue());

      Map<String, Object> m = j.read(master(MASTER)).map();
      assertEquals(primary, m.get("Address"));
      assertEquals(2L, ((Number) m.get("Quorum")).longValue());
      assertEquals(2L, ((Number) m.get("NumOtherSentinels")).longValue());

      for (Object replica : j.search(VigilObjectNames.REPLICA_PATTERN).list()) {
        Map<String, Object> r = j.read((String) replica).map();
        assertTrue(((String) r.get("Flags")).startsWith("slave"), r.toString());
        assertTrue(((Number) r.get("InfoRefreshAgeMs")).longValue() >= 0, r.toString());
      }
      for (Object peer : j.search(VigilObjectNames.PEER_PATTERN).list()) {
        Map<String, Object> p = j.read((String) peer).map();
        assertEquals(40, ((String) p.get("RunId")).length());
        assertTrue(((Number) p.get("LastHelloAgeMs")).longValue() >= 0, p.toString());
      }
      Map<String, Object> e = j.read(VigilObjectNames.election(MASTER).toString()).map();
      assertEquals(MASTER, e.get("Master"));
    }
  }

  @Test
  void credentialsRolesAndLoopbackAreEnforced() throws Exception {
    cluster.awaitSettled();
    Sidecar s = cluster.sidecars.get(0);
    long epochBefore =
        ((Number) s.jolokia().read(master(MASTER), "ConfigEpoch").value()).longValue();
    Jolokia anonymous = s.jolokia().as(null, null);
    assertEquals(401, anonymous.read(VigilObjectNames.SENTINEL).http());
    Jolokia viewer = s.jolokia().as(VIEWER, VIEWER_PASSWORD);
    assertEquals(200, viewer.read(master(MASTER), "Flags").status());
    Jolokia.Reply refused = viewer.exec(master(MASTER), "failover");
    assertEquals(403, refused.status(), refused.body());
    assertEquals(
        epochBefore,
        ((Number) s.jolokia().read(master(MASTER), "ConfigEpoch").value()).longValue(),
        "a refused failover must not have happened");

    InetAddress external = nonLoopbackAddress();
    if (external != null) {
      try (Socket socket = new Socket()) {
        assertThrows(
            java.io.IOException.class,
            () -> socket.connect(new InetSocketAddress(external, s.jolokiaPort()), 2000),
            "Jolokia must listen on loopback only by default");
      }
    }
  }

  private static InetAddress nonLoopbackAddress() throws Exception {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!ni.isUp() || ni.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return a;
        }
      }
    }
    return null;
  }

  @Test
  void metricsAreValidPrometheusTextAndHealthFollowsTheRoles() {
    String primary = cluster.awaitSettled();
    for (Sidecar s : cluster.sidecars) {
      HttpResponse<String> r;
      try {
        r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(s.http("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertEquals(200, r.statusCode());
      PrometheusText p = PrometheusText.parse(r.body());
      assertTrue(p.has("vigil_ping_rtt_seconds_count", Map.of("node", primary)), r.body());
      assertTrue(p.has("vigil_replication_lag_bytes", Map.of("master", MASTER)), r.body());
      assertEquals(0, p.value("vigil_elections_lost_total", Map.of()), r.body());
      assertEquals("counter", p.types.get("vigil_events_total"), r.body());
      try {
        Promtool.assertClean(r.body());
      } catch (org.opentest4j.TestAbortedException noPromtool) {
        // promtool is optional here; the unit test reports its absence
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertEquals(200, httpStatus(s, "/health"));
      boolean isPrimary = s.neighbour() == cluster.nodeAt(primary);
      assertEquals(isPrimary ? 200 : 503, httpStatus(s, "/primary"), s.node().name());
      assertEquals(isPrimary ? 503 : 200, httpStatus(s, "/replica"), s.node().name());
    }
  }

  @Test
  void aFailoverForcedOverJolokiaSwitchesTheMasterAndFlipsTheHealthChecks() {
    String before = cluster.awaitSettled();
    Sidecar forcing = cluster.sidecars.get(1);
    try (SentinelEvents events = forcing.node().subscribe("+switch-master")) {
      Jolokia.Reply r = forcing.jolokia().exec(master(MASTER), "failover");
      assertEquals(200, r.status(), r.body());
      assertEquals("OK", r.value());
      String message =
          events.awaitMessage("+switch-master", m -> m.startsWith(MASTER + " "), TIMEOUT).message();
      String[] parts = message.split(" ");
      assertEquals(before, parts[1] + ":" + parts[2]);
      String after = parts[3] + ":" + parts[4];
      Sidecar promotedSide = cluster.nextTo(cluster.nodeAt(after));
      Sidecar oldSide = cluster.nextTo(cluster.nodeAt(before));
      Await.until(
          "/primary flips to the promoted node",
          TIMEOUT,
          () ->
              httpStatus(promotedSide, "/primary") == 200
                  && httpStatus(oldSide, "/primary") == 503);
      Await.until(
          "the old primary is a healthy replica again",
          TIMEOUT,
          () ->
              httpStatus(oldSide, "/replica") == 200
                  && httpStatus(promotedSide, "/replica") == 503);

      Map<String, Object> last = forcing.jolokia().read(master(MASTER), "LastFailover").map();
      assertEquals(before, last.get("fromAddress"));
      assertEquals(after, last.get("toAddress"));
      // The Replica MBeans followed: the promoted node left, the old primary joined.
      Await.until(
          "Replica MBeans follow the switch",
          TIMEOUT,
          () -> {
            java.util.Set<javax.management.ObjectName> names = new java.util.HashSet<>();
            for (Object n : forcing.jolokia().search(VigilObjectNames.REPLICA_PATTERN).list()) {
              names.add(VigilObjectNames.parse((String) n));
            }
            return names.contains(VigilObjectNames.replica(MASTER, before))
                && !names.contains(VigilObjectNames.replica(MASTER, after));
          });
      // A forced failover promotes the replica ranked first just before it.
      List<Object> order =
          forcing
              .jolokia()
              .read(VigilObjectNames.election(MASTER).toString(), "LastPromotionOrder")
              .list();
      assertEquals(after, order.get(0), "promoted replica was rank 1 of " + order);
    }
  }

  @Test
  void remoteJmxReadsForcesAFailoverAndRefusesTheReadOnlyUser() throws Exception {
    String before = cluster.awaitSettled();
    try (JMXConnector viewer = jmx(VIEWER, VIEWER_PASSWORD)) {
      MasterMXBean m =
          JMX.newMXBeanProxy(
              viewer.getMBeanServerConnection(),
              VigilObjectNames.master(MASTER),
              MasterMXBean.class);
      assertEquals(before, m.getAddress());
      assertThrows(SecurityException.class, m::failover);
    }
    Sidecar s = cluster.sidecars.get(0);
    try (JMXConnector admin = jmx(ADMIN, ADMIN_PASSWORD);
        SentinelEvents events = s.node().subscribe("+switch-master")) {
      var conn = admin.getMBeanServerConnection();
      MasterMXBean m =
          JMX.newMXBeanProxy(conn, VigilObjectNames.master(MASTER), MasterMXBean.class);
      assertEquals(before, m.getAddress());
      assertEquals(2, conn.queryNames(VigilObjectNames.replicasOf(MASTER), null).size());
      for (var name : conn.queryNames(VigilObjectNames.replicasOf(MASTER), null)) {
        ReplicaMXBean r = JMX.newMXBeanProxy(conn, name, ReplicaMXBean.class);
        assertEquals("ok", r.getMasterLinkStatus());
      }
      // What JConsole's Notifications tab subscribes to.
      java.util.concurrent.LinkedBlockingQueue<javax.management.Notification> notifications =
          new java.util.concurrent.LinkedBlockingQueue<>();
      conn.addNotificationListener(
          VigilObjectNames.sentinel(), (n, handback) -> notifications.add(n), null, null);
      assertEquals("OK", m.failover());
      String message =
          events
              .awaitMessage(
                  "+switch-master",
                  msg -> msg.startsWith(MASTER + " " + before.replace(':', ' ')),
                  TIMEOUT)
              .message();
      assertFalse(message.endsWith(before.replace(':', ' ')), message);
      javax.management.Notification switched =
          Await.value(
              "the +switch-master notification reached the remote JMX client",
              TIMEOUT,
              notifications::poll,
              n -> n != null && n.getType().equals("+switch-master"));
      assertEquals(message, switched.getMessage());
    }
  }

  @Test
  void aRealFailoverShowsConsistentVotesAndTheLeaderPromotedItsRankOne() {
    String before = cluster.awaitSettled();
    ValkeyNode primary = cluster.nodeAt(before);
    List<SentinelEvents> subscriptions = new ArrayList<>();
    try {
      for (Sidecar s : cluster.sidecars) {
        subscriptions.add(s.node().subscribe("+switch-master"));
      }
      // SIGSTOP: as dead to the sidecars as a SIGKILL, and the same process (the test kit's
      // extension would reap a restarted one after this test) comes back as a replica below.
      primary.pause();
      String message =
          subscriptions
              .get(0)
              .awaitMessage(
                  "+switch-master",
                  m -> m.startsWith(MASTER + " " + before.replace(':', ' ')),
                  Duration.ofSeconds(60))
              .message();
      String[] parts = message.split(" ");
      String after = parts[3] + ":" + parts[4];

      // Votes: every sidecar reports the epoch, and a voter never appears with two candidates.
      Map<String, String> voteOf = new HashMap<>();
      long epoch = 0;
      String leader = null;
      Sidecar leaderSide = null;
      for (Sidecar s : cluster.sidecars) {
        ElectionView e = ElectionView.read(s.jolokia());
        epoch = Math.max(epoch, e.epoch);
        for (ElectionVote v : e.votes) {
          if (v.getEpoch() == e.epoch) {
            String earlier = voteOf.putIfAbsent(v.getVoterRunId(), v.getCandidateRunId());
            assertTrue(
                earlier == null || earlier.equals(v.getCandidateRunId()),
                "voter "
                    + v.getVoterRunId()
                    + " seen voting for two candidates in epoch "
                    + e.epoch);
          }
        }
        if (e.winner != null
            && e.winner.equals(s.jolokia().read(VigilObjectNames.SENTINEL, "MyId").value())) {
          leader = e.winner;
          leaderSide = s;
        }
      }
      assertNotNull(
          leaderSide, "one sidecar reports itself as the elected winner; votes " + voteOf);
      long votesForLeader = 0;
      for (String candidate : voteOf.values()) {
        if (candidate.equals(leader)) {
          votesForLeader++;
        }
      }
      assertTrue(votesForLeader >= 2, "the leader had a quorum of votes: " + voteOf);
      for (Sidecar s : cluster.sidecars) {
        assertEquals(
            epoch,
            ElectionView.read(s.jolokia()).epoch,
            "same epoch everywhere (" + s.node().name() + ")");
      }
      List<Object> order =
          leaderSide
              .jolokia()
              .read(VigilObjectNames.election(MASTER).toString(), "LastPromotionOrder")
              .list();
      assertEquals(after, order.get(0), "the leader promoted its rank-1 replica; order " + order);

      // The leader's metrics saw the election and timed the failover's phases.
      PrometheusText p = PrometheusText.parse(get(leaderSide, "/metrics"));
      assertTrue(p.value("vigil_events_total", Map.of("event", "+odown")) >= 1);
      assertTrue(p.value("vigil_elections_won_total", Map.of()) >= 1);
      Sidecar winnerSide = leaderSide;
      Await.until(
          "the failover is counted",
          TIMEOUT,
          () ->
              PrometheusText.parse(get(winnerSide, "/metrics"))
                  .has("vigil_failover_duration_seconds_count", Map.of("phase", "elect")));
    } finally {
      subscriptions.forEach(SentinelEvents::close);
      // SIGCONT: back as a replica of the new primary (the sidecars demote it), for the others.
      if (primary.process().isPaused()) {
        primary.resume();
      }
    }
  }

  /** The Election MBean read over Jolokia. */
  record ElectionView(long epoch, List<ElectionVote> votes, String winner) {
    @SuppressWarnings("unchecked")
    static ElectionView read(Jolokia j) {
      Map<String, Object> e = j.read(VigilObjectNames.election(MASTER).toString()).map();
      List<ElectionVote> votes = new ArrayList<>();
      for (Object o : (List<Object>) e.get("Votes")) {
        Map<String, Object> v = (Map<String, Object>) o;
        votes.add(
            new ElectionVote(
                ((Number) v.get("epoch")).longValue(),
                (String) v.get("candidateRunId"),
                (String) v.get("voterRunId"),
                (String) v.get("requesterRunId"),
                ((Number) v.get("grantedAtEpochMs")).longValue()));
      }
      return new ElectionView(
          ((Number) e.get("Epoch")).longValue(), votes, (String) e.get("Winner"));
    }
  }
}
