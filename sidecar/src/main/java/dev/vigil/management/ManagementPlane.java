package dev.vigil.management;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.management.jmxremote.RemoteJmxConnector;
import dev.vigil.management.jolokia.JolokiaEndpoint;
import dev.vigil.management.mbeans.MBeanRegistry;
import dev.vigil.management.mbeans.SentinelBean;
import dev.vigil.management.metrics.ManagementHttpServer;
import dev.vigil.management.metrics.VigilMetrics;
import dev.vigil.management.view.SentinelView;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.remote.JMXServiceURL;

/**
 * Starts and stops the whole management plane in one place: metrics, the HTTP endpoint, Jolokia,
 * the remote JMX connector and the MBeans. A small scheduler re-syncs MBeans and per-node metrics
 * with the latest view every {@value #SYNC_PERIOD_MS} ms, so they appear and disappear as masters,
 * replicas and peers come and go.
 *
 * <p>The runtime passes {@link #events()} to its event fan-out (off the engine thread is not
 * required: notifications are delivered on their own thread, counters are lock-free).
 */
public final class ManagementPlane implements AutoCloseable {
  static final long SYNC_PERIOD_MS = 200;

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final java.util.List<EventSink> extraSinks =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final VigilMetrics metrics;
  private final MBeanRegistry mbeans;
  private final ScheduledExecutorService scheduler;
  private final JolokiaEndpoint jolokia;
  private final RemoteJmxConnector jmx;
  private final ManagementHttpServer http;

  private ManagementPlane(
      ManagementSettings settings,
      Supplier<SentinelView> views,
      ManagementOperations ops,
      MBeanServer server,
      LongSupplier wallClockMs,
      Consumer<String> warnings) {
    try {
      metrics = new VigilMetrics(views);
      started.push(metrics);
      metrics.exportTo(server);
      http =
          settings.httpPort() == ManagementSettings.OFF
              ? null
              : optional(
                  "the HTTP endpoint on " + settings.httpHost() + ":" + settings.httpPort(),
                  warnings,
                  () ->
                      ManagementHttpServer.start(
                          settings.httpHost(),
                          settings.httpPort(),
                          metrics,
                          views,
                          settings.localNode()));
      jolokia =
          settings.jolokia() == null
              ? null
              : optional(
                  "Jolokia on " + settings.jolokia().host() + ":" + settings.jolokia().port(),
                  warnings,
                  () -> JolokiaEndpoint.start(settings.jolokia()));
      jmx =
          settings.jmx() == null
              ? null
              : optional(
                  "remote JMX on " + settings.jmx().host() + ":" + settings.jmx().port(),
                  warnings,
                  () -> RemoteJmxConnector.start(settings.jmx(), server));
      MBeanRegistry registry =
          new MBeanRegistry(
              server,
              views,
              ops,
              new SentinelBean.Ports(
                  jolokia == null ? 0 : jolokia.port(),
                  http == null ? 0 : http.port(),
                  jmx == null ? 0 : jmx.port()),
              wallClockMs);
      MBeanRegistry registered = null;
      try {
        registry.start();
        started.push(registry);
        registered = registry;
      } catch (RuntimeException e) {
        // e.g. a second sidecar in one JVM (tests): the first one owns vigil:type=Sentinel.
        registry.close();
        warnings.accept("Could not register the vigil MBeans: " + e.getMessage());
      }
      mbeans = registered;
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "vigil-management-sync");
                t.setDaemon(true);
                return t;
              });
      started.push(scheduler::shutdownNow);
      scheduler.scheduleWithFixedDelay(
          this::syncQuietly, SYNC_PERIOD_MS, SYNC_PERIOD_MS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts the plane. An endpoint that cannot start (e.g. its port is taken) is reported to {@code
   * warnings} and left off: the sentinel itself must keep running without its management extras.
   */
  public static ManagementPlane start(
      ManagementSettings settings,
      Supplier<SentinelView> views,
      ManagementOperations ops,
      MBeanServer server,
      LongSupplier wallClockMs,
      Consumer<String> warnings) {
    return new ManagementPlane(settings, views, ops, server, wallClockMs, warnings);
  }

  private <T extends AutoCloseable> T optional(
      String what, Consumer<String> warnings, Supplier<T> start) {
    try {
      T resource = start.get();
      started.push(resource);
      return resource;
    } catch (RuntimeException e) {
      warnings.accept("Could not start " + what + ": " + e.getMessage());
      return null;
    }
  }

  /** Events to notify over JMX, count in the metrics and pass to {@link #alsoNotify} sinks. */
  public EventSink events() {
    EventSink notifications = mbeans == null ? e -> {} : mbeans.notifications();
    return (SentinelEvent e) -> {
      metrics.emit(e);
      notifications.emit(e);
      for (EventSink extra : extraSinks) {
        extra.emit(e);
      }
    };
  }

  /** Another sink for the events {@link #events()} receives (e.g. the promotion recorder). */
  public void alsoNotify(EventSink sink) {
    extraSinks.add(sink);
  }

  public VigilMetrics metrics() {
    return metrics;
  }

  /** Brings MBeans and per-node metrics in line with the latest view now. */
  public void sync() {
    if (mbeans != null) {
      mbeans.sync();
    }
    metrics.sync();
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      // The next period retries; one bad view must not stop the scheduler.
      System.getLogger("dev.vigil.management")
          .log(System.Logger.Level.WARNING, "management sync failed", e);
    }
  }

  /** e.g. {@code http://127.0.0.1:8778/jolokia}, null when Jolokia is off. */
  public String jolokiaUrl() {
    return jolokia == null ? null : jolokia.url();
  }

  /** The remote JMX URL, null when off. */
  public JMXServiceURL jmxUrl() {
    return jmx == null ? null : jmx.url();
  }

  /** The /metrics and health port, 0 when off. */
  public int httpPort() {
    return http == null ? 0 : http.port();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.getLogger("dev.vigil.management")
            .log(System.Logger.Level.WARNING, "management shutdown step failed", e);
      }
    }
  }
}
