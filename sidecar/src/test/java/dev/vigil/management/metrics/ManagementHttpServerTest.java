package dev.vigil.management.metrics;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.replica;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /metrics, /health, /primary, /replica over real HTTP, flipping across a simulated failover. */
class ManagementHttpServerTest {
  private static final String NODE = "127.0.0.1:6380";
  private final AtomicReference<SentinelView> view =
      new AtomicReference<>(sentinel(master("m1", 6379, List.of(replica(6380, 1, null)))));
  private final VigilMetrics metrics = new VigilMetrics(view::get);
  private final HttpClient client = HttpClient.newHttpClient();
  private ManagementHttpServer server =
      ManagementHttpServer.start("127.0.0.1", 0, metrics, view::get, NODE);

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsIsValidPrometheusText() throws Exception {
    metrics.sync();
    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    PrometheusText p = PrometheusText.parse(r.body());
    assertEquals(10, p.value("vigil_replication_lag_bytes", Map.of("replica", NODE)));
  }

  @Test
  void primaryAndReplicaFlipAcrossAFailover() throws Exception {
    assertEquals(200, get("/health").statusCode());
    assertEquals(503, get("/primary").statusCode());
    assertEquals(200, get("/replica").statusCode());
    assertEquals(200, get("/replica?lag=10").statusCode());
    HttpResponse<String> lagging = get("/replica?lag=9");
    assertEquals(503, lagging.statusCode());
    assertTrue(lagging.body().contains("lags 10 bytes"), lagging.body());
    assertEquals(400, get("/replica?lag=-1").statusCode());

    // The old primary goes down: nobody local is primary yet, the replica still replicates.
    view.set(
        sentinel(
            master(
                "m1", "127.0.0.1", 6379, "master,s_down,o_down", List.of(replica(6380, 1, null)))));
    assertEquals(503, get("/primary").statusCode());

    // +switch-master: 6380 is now the agreed primary, 6379 its (disconnected) replica.
    ReplicaView old =
        new ReplicaView(
            "127.0.0.1",
            6379,
            "slave,s_down,disconnected",
            "err",
            0,
            -1,
            100,
            9000,
            9000,
            0,
            "s_down");
    view.set(sentinel(master("m1", "127.0.0.1", 6380, "master", List.of(old))));
    HttpResponse<String> primary = get("/primary");
    assertEquals(200, primary.statusCode());
    assertEquals("127.0.0.1:6380 is the primary of m1\n", primary.body());
    assertEquals(503, get("/replica").statusCode());
  }

  @Test
  void withoutALocalNodeBothChecksSayWhy() throws Exception {
    server.close();
    server = ManagementHttpServer.start("127.0.0.1", 0, metrics, view::get, null);
    HttpResponse<String> r = get("/primary");
    assertEquals(503, r.statusCode());
    assertTrue(r.body().contains("vigil node"), r.body());
    assertEquals("127.0.0.1", server.host());
  }
}
