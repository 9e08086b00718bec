package dev.vigil.management.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Dropwizard metric name with tags, e.g. {@code vigil.ping.rtt.ms;node=127.0.0.1:6379}:
 * Dropwizard has only flat names, so tags ride in the name and are split off again for Prometheus
 * labels ({@link TaggedSampleBuilder}) and ObjectName keys ({@link TaggedObjectNameFactory}). Tag
 * values are escaped ({@code %}, {@code ;}, {@code =}) so any master name round-trips.
 */
record MetricName(String base, Map<String, String> tags) {
  MetricName {
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  static String of(String base, String... keyValues) {
    StringBuilder sb = new StringBuilder(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      sb.append(';').append(keyValues[i]).append('=').append(escape(keyValues[i + 1]));
    }
    return sb.toString();
  }

  static MetricName parse(String name) {
    String[] parts = name.split(";", -1);
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        tags.put(parts[i].substring(0, eq), unescape(parts[i].substring(eq + 1)));
      }
    }
    return new MetricName(parts[0], tags);
  }

  private static String escape(String v) {
    return v.replace("%", "%25").replace(";", "%3B").replace("=", "%3D");
  }

  private static String unescape(String v) {
    return v.replace("%3D", "=").replace("%3B", ";").replace("%25", "%");
  }
}
