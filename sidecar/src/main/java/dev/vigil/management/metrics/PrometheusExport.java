package dev.vigil.management.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.client.Collector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The registry as Prometheus families, following Prometheus' naming conventions: base units in the
 * name ({@code _seconds}, {@code _bytes}), counters typed {@code counter} with {@code _total},
 * summaries with quantiles, {@code _count} and {@code _sum}, and a fixed HELP text per family
 * (Dropwizard's generic exporter typed counters as gauges, kept milliseconds and named the metric's
 * Java class in HELP). Each Dropwizard base name maps to one family; tags become labels.
 *
 * <table>
 *   <caption>Families</caption>
 *   <tr><th>Dropwizard name</th><th>Prometheus family</th><th>type</th></tr>
 *   <tr><td>vigil.ping.rtt.ms</td><td>vigil_ping_rtt_seconds{node}</td><td>summary</td></tr>
 *   <tr><td>vigil.info.refresh.age.ms</td><td>vigil_info_refresh_age_seconds{master,node}</td>
 *       <td>gauge</td></tr>
 *   <tr><td>vigil.replication.lag.bytes</td><td>vigil_replication_lag_bytes{master,replica}</td>
 *       <td>gauge</td></tr>
 *   <tr><td>vigil.events</td><td>vigil_events_total{event}</td><td>counter</td></tr>
 *   <tr><td>vigil.elections.started|won|lost</td><td>vigil_elections_started|won|lost_total</td>
 *       <td>counter</td></tr>
 *   <tr><td>vigil.failovers</td><td>vigil_failovers_total{master}</td><td>counter</td></tr>
 *   <tr><td>vigil.failover.duration</td><td>vigil_failover_duration_seconds{phase}</td>
 *       <td>summary</td></tr>
 *   <tr><td>vigil.epoch.current, vigil.tilt, vigil.masters</td><td>vigil_epoch_current,
 *       vigil_tilt, vigil_masters</td><td>gauge</td></tr>
 * </table>
 */
final class PrometheusExport extends Collector {
  private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

  /**
   * One family: {@code scale} turns the Dropwizard values (gauges, snapshot quantiles) into the
   * family's unit.
   */
  private record Family(String name, Type type, String help, double scale) {}

  private static final Map<String, Family> FAMILIES = new LinkedHashMap<>();

  static {
    family(
        VigilMetrics.PING,
        "vigil_ping_rtt_seconds",
        Type.SUMMARY,
        "Round-trip time of the PINGs this sidecar sends to each node and peer",
        1e-3);
    family(
        VigilMetrics.INFO_AGE,
        "vigil_info_refresh_age_seconds",
        Type.GAUGE,
        "Time since the last INFO reply from each primary and replica",
        1e-3);
    family(
        VigilMetrics.LAG,
        "vigil_replication_lag_bytes",
        Type.GAUGE,
        "How far each replica's replication offset is behind its primary's",
        1);
    family(
        VigilMetrics.EVENTS,
        "vigil_events",
        Type.COUNTER,
        "Sentinel events this sidecar emitted, by event type (+sdown, +switch-master, ...)",
        1);
    family(
        VigilMetrics.ELECTIONS_STARTED,
        "vigil_elections_started",
        Type.COUNTER,
        "Leader elections this sidecar started (+try-failover)",
        1);
    family(
        VigilMetrics.ELECTIONS_WON,
        "vigil_elections_won",
        Type.COUNTER,
        "Leader elections this sidecar won (+elected-leader)",
        1);
    family(
        VigilMetrics.ELECTIONS_LOST,
        "vigil_elections_lost",
        Type.COUNTER,
        "Leader elections this sidecar lost (-failover-abort-not-elected)",
        1);
    family(
        VigilMetrics.FAILOVERS,
        "vigil_failovers",
        Type.COUNTER,
        "Completed failovers of each master that this sidecar saw",
        1);
    family(
        VigilMetrics.FAILOVER_DURATION,
        "vigil_failover_duration_seconds",
        Type.SUMMARY,
        "Duration of each failover phase (detect, elect, promote, reconfigure, total)",
        1e-9);
    family(
        VigilMetrics.EPOCH,
        "vigil_epoch_current",
        Type.GAUGE,
        "The current epoch of this sidecar",
        1);
    family(VigilMetrics.TILT, "vigil_tilt", Type.GAUGE, "1 while this sidecar is in TILT mode", 1);
    family(VigilMetrics.MASTERS, "vigil_masters", Type.GAUGE, "Masters this sidecar monitors", 1);
  }

  private static void family(String base, String name, Type type, String help, double scale) {
    FAMILIES.put(base, new Family(name, type, help, scale));
  }

  private final MetricRegistry registry;
  private final ToDoubleFunction<String> sumSeconds;

  /**
   * @param sumSeconds the sum of all observations of a histogram or timer (by its Dropwizard name),
   *     in seconds: Dropwizard keeps no sums
   */
  PrometheusExport(MetricRegistry registry, ToDoubleFunction<String> sumSeconds) {
    this.registry = registry;
    this.sumSeconds = sumSeconds;
  }

  /** The Prometheus family name of a Dropwizard base name, null if it has none. */
  static String familyOf(String base) {
    Family f = FAMILIES.get(base);
    return f == null ? null : f.name();
  }

  @Override
  public List<MetricFamilySamples> collect() {
    Map<String, List<MetricFamilySamples.Sample>> samples = new LinkedHashMap<>();
    FAMILIES.keySet().forEach(base -> samples.put(base, new ArrayList<>()));
    for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
      MetricName name = MetricName.parse(e.getKey());
      Family family = FAMILIES.get(name.base());
      if (family != null) {
        add(samples.get(name.base()), family, e.getKey(), name.tags(), e.getValue());
      }
    }
    List<MetricFamilySamples> families = new ArrayList<>();
    for (Map.Entry<String, Family> f : FAMILIES.entrySet()) {
      Family family = f.getValue();
      families.add(
          new MetricFamilySamples(
              family.name(), family.type(), family.help(), samples.get(f.getKey())));
    }
    return families;
  }

  private void add(
      List<MetricFamilySamples.Sample> out,
      Family family,
      String dropwizardName,
      Map<String, String> tags,
      Metric metric) {
    List<String> names = new ArrayList<>(tags.keySet());
    List<String> values = new ArrayList<>(tags.values());
    if (metric instanceof Counter c) {
      out.add(
          new MetricFamilySamples.Sample(family.name() + "_total", names, values, c.getCount()));
    } else if (metric instanceof Gauge<?> g) {
      if (g.getValue() instanceof Number n && n.doubleValue() >= 0) {
        // Negative is "not known (yet)": no sample rather than a made-up one.
        out.add(
            new MetricFamilySamples.Sample(
                family.name(), names, values, n.doubleValue() * family.scale()));
      }
    } else if (metric instanceof Sampling s
        && (metric instanceof Histogram || metric instanceof Timer)) {
      Snapshot snapshot = s.getSnapshot();
      List<String> quantileNames = new ArrayList<>(names);
      quantileNames.add("quantile");
      for (double q : QUANTILES) {
        List<String> quantileValues = new ArrayList<>(values);
        quantileValues.add(Collector.doubleToGoString(q));
        out.add(
            new MetricFamilySamples.Sample(
                family.name(),
                quantileNames,
                quantileValues,
                snapshot.getValue(q) * family.scale()));
      }
      long count = metric instanceof Histogram h ? h.getCount() : ((Timer) metric).getCount();
      out.add(new MetricFamilySamples.Sample(family.name() + "_count", names, values, count));
      out.add(
          new MetricFamilySamples.Sample(
              family.name() + "_sum", names, values, sumSeconds.applyAsDouble(dropwizardName)));
    }
  }
}
