package dev.vigil.management.metrics;

import com.codahale.metrics.jmx.ObjectNameFactory;
import dev.vigil.jmx.VigilObjectNames;
import java.util.Map;
import javax.management.ObjectName;

/**
 * JMX names for metrics: {@code vigil.metrics:type=histograms,name=vigil.ping.rtt.ms,node="..."},
 * so JConsole groups them by kind and shows one node per leaf.
 */
final class TaggedObjectNameFactory implements ObjectNameFactory {
  @Override
  public ObjectName createName(String type, String domain, String name) {
    MetricName parsed = MetricName.parse(name);
    StringBuilder sb =
        new StringBuilder(domain)
            .append(":type=")
            .append(VigilObjectNames.value(type))
            .append(",name=")
            .append(VigilObjectNames.value(parsed.base()));
    for (Map.Entry<String, String> tag : parsed.tags().entrySet()) {
      sb.append(',')
          .append(tag.getKey())
          .append('=')
          .append(VigilObjectNames.value(tag.getValue()));
    }
    return VigilObjectNames.parse(sb.toString());
  }
}
