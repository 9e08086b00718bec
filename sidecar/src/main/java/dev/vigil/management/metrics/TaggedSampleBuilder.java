package dev.vigil.management.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.dropwizard.samplebuilder.SampleBuilder;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link MetricName} tags into Prometheus labels: one family per base name. */
final class TaggedSampleBuilder implements SampleBuilder {
  @Override
  public Sample createSample(
      String dropwizardName,
      String nameSuffix,
      List<String> additionalLabelNames,
      List<String> additionalLabelValues,
      double value) {
    MetricName name = MetricName.parse(dropwizardName);
    List<String> labelNames = new ArrayList<>(name.tags().keySet());
    List<String> labelValues = new ArrayList<>(name.tags().values());
    labelNames.addAll(additionalLabelNames);
    labelValues.addAll(additionalLabelValues);
    String suffix = nameSuffix == null ? "" : nameSuffix;
    return new Sample(
        Collector.sanitizeMetricName(name.base() + suffix), labelNames, labelValues, value);
  }
}
