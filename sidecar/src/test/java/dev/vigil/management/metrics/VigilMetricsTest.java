package dev.vigil.management.metrics;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.replica;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.SentinelEvent;
import dev.vigil.management.view.SentinelView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class VigilMetricsTest {
  private final AtomicReference<SentinelView> view =
      new AtomicReference<>(sentinel(master("m;1", 6379, List.of(replica(6380, 1, null)))));
  private final VigilMetrics metrics = new VigilMetrics(view::get);

  private static SentinelEvent event(String type) {
    return new SentinelEvent(SentinelEvent.Level.WARNING, type, "x", "m;1");
  }

  @Test
  void prometheusTextIsValidAndCarriesEveryFamily() {
    metrics.recordPing("127.0.0.1:6379", 3);
    metrics.recordPing("127.0.0.1:6380", 5);
    metrics.emit(event("+sdown"));
    metrics.emit(event("+sdown"));
    metrics.emit(event("+try-failover"));
    metrics.emit(event("+elected-leader"));
    metrics.sync();

    PrometheusText p = PrometheusText.parse(metrics.prometheusText());
    assertEquals("summary", p.types.get("vigil_ping_rtt_seconds"));
    assertEquals(1, p.value("vigil_ping_rtt_seconds_count", Map.of("node", "127.0.0.1:6380")));
    assertEquals(2, p.value("vigil_events_total", Map.of("event", "+sdown")));
    assertEquals(1, p.value("vigil_elections_started_total", Map.of()));
    assertEquals(1, p.value("vigil_elections_won_total", Map.of()));
    assertEquals(0, p.value("vigil_elections_lost_total", Map.of()));
    // The escaped tag round-trips: a master name with ';' is still one label value.
    assertEquals(
        10,
        p.value(
            "vigil_replication_lag_bytes", Map.of("master", "m;1", "replica", "127.0.0.1:6380")));
    assertEquals(
        0.7, p.value("vigil_info_refresh_age_seconds", Map.of("node", "127.0.0.1:6379")), 1e-9);
    assertEquals(1, p.value("vigil_failovers_total", Map.of("master", "m;1")));
    assertEquals(1, p.value("vigil_failover_duration_seconds_count", Map.of("phase", "promote")));
    assertEquals(3, p.value("vigil_epoch_current", Map.of()));
  }

  @Test
  void prometheusNamingConventionsHoldAndPrometheusItselfAgrees() throws Exception {
    metrics.recordPing("127.0.0.1:6379", 3);
    metrics.recordPing("127.0.0.1:6379", 5);
    metrics.emit(event("+sdown"));
    metrics.emit(event("-failover-abort-not-elected"));
    metrics.sync();
    String text = metrics.prometheusText();

    PrometheusText p = PrometheusText.parse(text);
    for (var family : p.types.entrySet()) {
      String name = family.getKey();
      assertEquals(
          name.endsWith("_total"), family.getValue().equals("counter"), name + " " + family);
      assertFalse(name.matches(".*_(ms|millis|milliseconds|sec|us)(_.*)?"), name);
      assertTrue(name.startsWith("vigil_"), name);
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        assertFalse(line.matches(".*(\\$|Lambda|codahale|Generated from).*"), line);
      }
    }
    assertEquals(
        0.008, p.value("vigil_ping_rtt_seconds_sum", Map.of("node", "127.0.0.1:6379")), 1e-9);
    assertEquals(
        0.005,
        p.value("vigil_ping_rtt_seconds", Map.of("node", "127.0.0.1:6379", "quantile", "0.99")),
        1e-9);
    assertEquals(1, p.value("vigil_elections_lost_total", Map.of()));
    Promtool.assertClean(text);
  }

  @Test
  void aFailoverIsCountedOnceAndSeriesOfDepartedNodesGo() {
    metrics.recordPing("127.0.0.1:6380", 5);
    metrics.sync();
    metrics.sync();
    view.set(sentinel(master("m;1", 6379, List.of())));
    metrics.sync();

    PrometheusText p = PrometheusText.parse(metrics.prometheusText());
    assertEquals(1, p.value("vigil_failovers_total", Map.of("master", "m;1")));
    assertFalse(p.has("vigil_ping_rtt_seconds_count", Map.of("node", "127.0.0.1:6380")));
    assertFalse(p.has("vigil_replication_lag_bytes", Map.of("replica", "127.0.0.1:6380")));
  }

  @Test
  void metricsAreMBeansWithOneKeyPerTag() throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    metrics.exportTo(server);
    metrics.recordPing("127.0.0.1:6379", 4);
    ObjectName ping =
        new ObjectName(
            "vigil.metrics:type=histograms,name=vigil.ping.rtt.ms,node=\"127.0.0.1:6379\"");
    assertTrue(server.isRegistered(ping), server.queryNames(null, null).toString());
    assertEquals(1L, server.getAttribute(ping, "Count"));
    metrics.close();
    assertFalse(server.isRegistered(ping));
  }
}
