package dev.vigil.management.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.jmx.FailoverRecord;
import dev.vigil.jmx.SentinelNotifications;
import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.PeerView;
import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javax.management.MBeanServer;

/**
 * Vigil's numeric telemetry in one Dropwizard {@link MetricRegistry}, exported over JMX (domain
 * {@value #JMX_DOMAIN}, Dropwizard names below) and as Prometheus text ({@link PrometheusExport}:
 * Prometheus names, base units, {@code _total} counters). Fed three ways: the links call {@link
 * #recordPing}, the event stream arrives through {@link #emit}, and {@link #sync()} reads the
 * latest view for gauges and completed failovers. Per-node series follow the view: a node that
 * leaves the view loses its series, so the registry never grows without bound.
 *
 * <ul>
 *   <li>{@code vigil.ping.rtt.ms{node}} histogram of PING round trips
 *   <li>{@code vigil.info.refresh.age.ms{master,node}}, {@code
 *       vigil.replication.lag.bytes{master,replica}}
 *   <li>{@code vigil.events{event}} counter per Sentinel event type
 *   <li>{@code vigil.elections.started|won|lost} counters
 *   <li>{@code vigil.failovers{master}} counter and {@code vigil.failover.duration{phase}} timer
 *       (phases detect, elect, promote, reconfigure, total)
 * </ul>
 */
public final class VigilMetrics implements EventSink, AutoCloseable {
  public static final String JMX_DOMAIN = "vigil.metrics";
  static final String PING = "vigil.ping.rtt.ms";
  static final String INFO_AGE = "vigil.info.refresh.age.ms";
  static final String LAG = "vigil.replication.lag.bytes";
  static final String EVENTS = "vigil.events";
  static final String FAILOVERS = "vigil.failovers";
  static final String FAILOVER_DURATION = "vigil.failover.duration";
  static final String ELECTIONS_STARTED = "vigil.elections.started";
  static final String ELECTIONS_WON = "vigil.elections.won";
  static final String ELECTIONS_LOST = "vigil.elections.lost";
  static final String EPOCH = "vigil.epoch.current";
  static final String TILT = "vigil.tilt";
  static final String MASTERS = "vigil.masters";

  private final MetricRegistry registry = new MetricRegistry();
  private final CollectorRegistry prometheus = new CollectorRegistry();
  private final Supplier<SentinelView> views;
  private final Set<String> viewGauges = new HashSet<>();
  private final Map<String, FailoverRecord> lastCounted = new HashMap<>();

  /** Sums of histogram and timer observations in seconds, by metric name (Prometheus' _sum). */
  private final Map<String, DoubleAdder> sumsSeconds = new ConcurrentHashMap<>();

  private JmxReporter jmx;

  public VigilMetrics(Supplier<SentinelView> views) {
    this.views = views;
    new PrometheusExport(registry, this::sumSeconds).register(prometheus);
    registry.counter(ELECTIONS_STARTED);
    registry.counter(ELECTIONS_WON);
    registry.counter(ELECTIONS_LOST);
    registry.gauge(EPOCH, () -> () -> views.get().currentEpoch());
    registry.gauge(TILT, () -> () -> views.get().tilt() ? 1 : 0);
    registry.gauge(MASTERS, () -> () -> views.get().masters().size());
  }

  /** Exports every metric as an MBean in {@value #JMX_DOMAIN}; metrics added later follow. */
  public synchronized void exportTo(MBeanServer server) {
    if (jmx == null) {
      jmx =
          JmxReporter.forRegistry(registry)
              .registerWith(server)
              .inDomain(JMX_DOMAIN)
              .createsObjectNamesWith(new TaggedObjectNameFactory())
              .convertDurationsTo(TimeUnit.MILLISECONDS)
              .convertRatesTo(TimeUnit.SECONDS)
              .build();
      jmx.start();
    }
  }

  public MetricRegistry registry() {
    return registry;
  }

  /** One PING round trip to {@code node} ({@code ip:port}), from the link that sent it. */
  public void recordPing(String node, long rttMs) {
    String name = MetricName.of(PING, "node", node);
    registry.histogram(name).update(rttMs);
    addSeconds(name, rttMs);
  }

  private void addSeconds(String metric, long ms) {
    sumsSeconds.computeIfAbsent(metric, k -> new DoubleAdder()).add(ms / 1000.0);
  }

  private double sumSeconds(String metric) {
    DoubleAdder sum = sumsSeconds.get(metric);
    return sum == null ? 0 : sum.sum();
  }

  @Override
  public void emit(SentinelEvent event) {
    registry.counter(MetricName.of(EVENTS, "event", event.type())).inc();
    switch (event.type()) {
      case SentinelNotifications.TRY_FAILOVER -> registry.counter(ELECTIONS_STARTED).inc();
      case SentinelNotifications.ELECTED_LEADER -> registry.counter(ELECTIONS_WON).inc();
      case SentinelNotifications.FAILOVER_ABORT_NOT_ELECTED ->
          registry.counter(ELECTIONS_LOST).inc();
      default -> {}
    }
  }

  /**
   * Aligns per-node series with the latest view and records failovers completed since the last
   * call.
   */
  public synchronized void sync() {
    SentinelView view = views.get();
    Set<String> wanted = new HashSet<>();
    Set<String> nodes = new HashSet<>();
    for (MasterView m : view.masters()) {
      String master = m.name();
      nodes.add(m.address());
      gauge(
          wanted,
          MetricName.of(INFO_AGE, "master", master, "node", m.address()),
          v -> {
            MasterView now = v.master(master);
            return now == null ? -1 : now.infoRefreshAgeMs();
          });
      for (ReplicaView r : m.replicas()) {
        String address = r.address();
        nodes.add(address);
        gauge(
            wanted,
            MetricName.of(INFO_AGE, "master", master, "node", address),
            v -> replicaValue(v, master, address, ReplicaView::infoRefreshAgeMs));
        gauge(
            wanted,
            MetricName.of(LAG, "master", master, "replica", address),
            v -> replicaValue(v, master, address, ReplicaView::lagBytes));
      }
      for (PeerView p : m.peers()) {
        nodes.add(p.address());
      }
      countFailover(master, m.lastFailover());
    }
    for (String gone : Set.copyOf(viewGauges)) {
      if (!wanted.contains(gone)) {
        registry.remove(gone);
        viewGauges.remove(gone);
      }
    }
    registry.removeMatching(
        (name, metric) -> {
          MetricName n = MetricName.parse(name);
          return n.base().equals(PING) && !nodes.contains(n.tags().get("node"));
        });
    sumsSeconds.keySet().retainAll(registry.getNames());
  }

  private void gauge(Set<String> wanted, String name, ToLongFunction<SentinelView> read) {
    wanted.add(name);
    if (viewGauges.add(name)) {
      registry.register(name, (Gauge<Long>) () -> read.applyAsLong(views.get()));
    }
  }

  private static long replicaValue(
      SentinelView v, String master, String address, ToLongFunction<ReplicaView> field) {
    MasterView m = v.master(master);
    ReplicaView r = m == null ? null : m.replica(address);
    return r == null ? -1 : field.applyAsLong(r);
  }

  private void countFailover(String master, FailoverRecord record) {
    if (record == null || record.equals(lastCounted.get(master))) {
      return;
    }
    lastCounted.put(master, record);
    registry.counter(MetricName.of(FAILOVERS, "master", master)).inc();
    phase("total", record.getDurationMs());
    phase("detect", record.getDetectMs());
    phase("elect", record.getElectMs());
    phase("promote", record.getPromoteMs());
    phase("reconfigure", record.getReconfigureMs());
  }

  /** Phases this sidecar did not observe are -1 and are not recorded. */
  private void phase(String phase, long ms) {
    if (ms >= 0) {
      String name = MetricName.of(FAILOVER_DURATION, "phase", phase);
      registry.timer(name).update(ms, TimeUnit.MILLISECONDS);
      addSeconds(name, ms);
    }
  }

  /** The registry in Prometheus text exposition format 0.0.4. */
  public String prometheusText() {
    StringWriter out = new StringWriter();
    try {
      TextFormat.write004(out, prometheus.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Override
  public synchronized void close() {
    if (jmx != null) {
      jmx.close();
      jmx = null;
    }
  }
}
