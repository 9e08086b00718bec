package dev.vigil.management;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.replica;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.SentinelEvent;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.TestViews.RecordingOperations;
import dev.vigil.management.jolokia.JolokiaSettings;
import dev.vigil.management.jolokia.JolokiaUser;
import dev.vigil.management.jolokia.Role;
import dev.vigil.management.view.SentinelView;
import dev.vigil.testkit.Await;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The assembled plane: MBeans follow the view on their own, events are counted, hints work. */
class ManagementPlaneTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final AtomicReference<SentinelView> view =
      new AtomicReference<>(sentinel(master("m1", 6379, List.of())));
  private final RecordingOperations ops = new RecordingOperations();
  private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ManagementPlane plane =
      ManagementPlane.start(
          new ManagementSettings(
              new JolokiaSettings(
                  "127.0.0.1", 0, List.of(new JolokiaUser("admin", "it's", Role.READWRITE))),
              null,
              "127.0.0.1",
              0,
              "127.0.0.1:6379"),
          view::get,
          ops,
          server,
          System::currentTimeMillis,
          warnings::add);

  @AfterEach
  void close() {
    plane.close();
  }

  private static void await(String what, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(10), condition);
  }

  @Test
  void mbeansAppearAndDisappearWithoutBeingTold() throws Exception {
    var replicaName = VigilObjectNames.replica("m1", "127.0.0.1:6380");
    assertFalse(server.isRegistered(replicaName));
    view.set(sentinel(master("m1", 6379, List.of(replica(6380, 1, null)))));
    await("replica MBean", () -> server.isRegistered(replicaName));
    view.set(sentinel());
    await("master MBean gone", () -> !server.isRegistered(VigilObjectNames.master("m1")));
    assertTrue(server.isRegistered(VigilObjectNames.sentinel()));
  }

  @Test
  void eventsAreCountedAndHealthServed() throws Exception {
    plane
        .events()
        .emit(
            new SentinelEvent(
                SentinelEvent.Level.WARNING,
                "+odown",
                "master m1 127.0.0.1 6379 #quorum 2/2",
                "m1"));
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + plane.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertTrue(
        metrics.body().contains("vigil_events_total{event=\"+odown\",} 1.0"), metrics.body());
  }

  @Test
  void thePrintedCurlForcesAFailover() throws Exception {
    String curl = ConnectHints.curlFailover(plane.jolokiaUrl(), "admin", "it's", "m1");
    Process p = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
    try {
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl hung");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(out.contains("\"status\":200"), curl + "\n" + out);
    } finally {
      p.destroyForcibly();
    }
    assertEquals(List.of("failover m1"), ops.calls);
  }

  @Test
  void aConfiguredPortThatIsTakenFailsTheStartNamingTheSetting() throws Exception {
    int taken = Integer.parseInt(plane.jolokiaUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    List<String> second = new java.util.concurrent.CopyOnWriteArrayList<>();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ManagementPlane.start(
                    new ManagementSettings(
                        new JolokiaSettings("127.0.0.1", taken, admin()),
                        null,
                        "127.0.0.1",
                        0,
                        null),
                    view::get,
                    ops,
                    javax.management.MBeanServerFactory.newMBeanServer(),
                    System::currentTimeMillis,
                    second::add));
    assertTrue(
        e.getMessage().startsWith("Could not start Jolokia on 127.0.0.1:" + taken), e.getMessage());
    assertTrue(e.getMessage().contains("(vigil jolokia-port)"), e.getMessage());
    assertEquals(List.of(), warnings);
  }

  @Test
  void aDerivedJolokiaPortThatIsTakenLeavesJolokiaOffWithAWarning() throws Exception {
    int taken = Integer.parseInt(plane.jolokiaUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    List<String> second = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ManagementPlane other =
        ManagementPlane.start(
            new ManagementSettings(
                new JolokiaSettings("127.0.0.1", taken, admin()),
                true,
                null,
                "127.0.0.1",
                0,
                null,
                List.of()),
            view::get,
            ops,
            javax.management.MBeanServerFactory.newMBeanServer(),
            System::currentTimeMillis,
            second::add)) {
      assertEquals(null, other.jolokiaUrl());
      assertTrue(other.httpPort() > 0);
      assertEquals(1, second.size(), second.toString());
      assertTrue(
          second.get(0).startsWith("Could not start Jolokia on 127.0.0.1:" + taken), second.get(0));
      assertTrue(second.get(0).contains("derived from the Sentinel port"), second.get(0));
    }
  }

  private static List<JolokiaUser> admin() {
    return List.of(new JolokiaUser("admin", "pw", Role.READWRITE));
  }

  @Test
  void aSecondPlaneInTheSameMBeanServerRunsWithoutMBeans() {
    List<String> second = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ManagementPlane other =
        ManagementPlane.start(
            new ManagementSettings(null, null, "127.0.0.1", 0, null),
            view::get,
            ops,
            server,
            System::currentTimeMillis,
            second::add)) {
      assertEquals(1, second.size(), second.toString());
      assertTrue(second.get(0).startsWith("Could not register the vigil MBeans"), second.get(0));
      other.events().emit(new SentinelEvent(SentinelEvent.Level.WARNING, "+sdown", "x", "m1"));
      other.sync();
    }
    assertTrue(
        server.isRegistered(VigilObjectNames.sentinel()), "the first plane keeps its MBeans");
  }

  @Test
  void closingReleasesEverything() {
    plane.close();
    assertFalse(server.isRegistered(VigilObjectNames.sentinel()));
    assertTrue(
        server.queryNames(VigilObjectNames.parse(VigilMetricsDomain.PATTERN), null).isEmpty());
  }

  private static final class VigilMetricsDomain {
    static final String PATTERN = dev.vigil.management.metrics.VigilMetrics.JMX_DOMAIN + ":*";
  }
}
