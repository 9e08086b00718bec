package dev.vigil.management;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.management.jmxremote.RemoteJmxConnector;
import dev.vigil.management.jmxremote.RemoteJmxSettings;
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
      Consumer<String> notices,
      Consumer<String> warnings) {
    try {
      settings.notes().forEach(warnings);
      metrics = new VigilMetrics(views);
      started.push(metrics);
      metrics.exportTo(server);
      http =
          settings.httpPort() == ManagementSettings.OFF
              ? null
              : required(
                  "the HTTP endpoint on "
                      + settings.httpHost()
                      + ":"
                      + settings.httpPort()
                      + " (vigil http-port)",
                  () ->
                      ManagementHttpServer.start(
                          settings.httpHost(),
                          settings.httpPort(),
                          metrics,
                          views,
                          settings.localNode()));
      if (http != null) {
        notices.accept(
            "Metrics and health checks at http://"
                + http.host()
                + ":"
                + http.port()
                + "/metrics, /health, /primary, /replica (no authentication: read-only)");
      }
      jolokia = settings.jolokia() == null ? null : startJolokia(settings, warnings);
      if (jolokia != null) {
        notices.accept("Jolokia agent at " + jolokia.url() + " (" + jolokia.access() + ")");
      }
      jmx =
          settings.jmx() == null
              ? null
              : required(
                  "remote JMX on "
                      + settings.jmx().host()
                      + ":"
                      + settings.jmx().port()
                      + " (vigil jmx-port)",
                  () -> RemoteJmxConnector.start(settings.jmx(), server));
      if (jmx != null) {
        announce(settings.jmx(), jmx.url().toString(), notices, warnings);
      }
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
   * Starts the plane. An endpoint configured in the file that cannot start (e.g. its port is taken)
   * fails the whole start with an {@link IllegalStateException} naming the setting: a sidecar must
   * not run silently without the endpoint its operator asked for. Only a Jolokia port derived from
   * the Sentinel port is optional: if it is taken, {@code warnings} say so and Jolokia stays off.
   */
  public static ManagementPlane start(
      ManagementSettings settings,
      Supplier<SentinelView> views,
      ManagementOperations ops,
      MBeanServer server,
      LongSupplier wallClockMs,
      Consumer<String> notices,
      Consumer<String> warnings) {
    return new ManagementPlane(settings, views, ops, server, wallClockMs, notices, warnings);
  }

  /** {@link #start} with the start-up notices dropped (tests). */
  public static ManagementPlane start(
      ManagementSettings settings,
      Supplier<SentinelView> views,
      ManagementOperations ops,
      MBeanServer server,
      LongSupplier wallClockMs,
      Consumer<String> warnings) {
    return start(settings, views, ops, server, wallClockMs, notice -> {}, warnings);
  }

  private JolokiaEndpoint startJolokia(ManagementSettings settings, Consumer<String> warnings) {
    String what =
        "Jolokia on "
            + settings.jolokia().host()
            + ":"
            + settings.jolokia().port()
            + (settings.jolokiaPortDerived()
                ? " (port derived from the Sentinel port; set vigil jolokia-port)"
                : " (vigil jolokia-port)");
    if (!settings.jolokiaPortDerived()) {
      return required(what, () -> JolokiaEndpoint.start(settings.jolokia()));
    }
    try {
      return required(what, () -> JolokiaEndpoint.start(settings.jolokia()));
    } catch (IllegalStateException e) {
      warnings.accept(e.getMessage() + "; Jolokia is off");
      return null;
    }
  }

  private <T extends AutoCloseable> T required(String what, Supplier<T> start) {
    try {
      T resource = start.get();
      started.push(resource);
      return resource;
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not start " + what + ": " + e.getMessage(), e);
    }
  }

  private static void announce(
      RemoteJmxSettings jmx, String url, Consumer<String> notices, Consumer<String> warnings) {
    String admins =
        jmx.adminUsers().isEmpty()
            ? "no admin (vigil jmx-admin-users)"
            : "admins " + String.join(",", new java.util.TreeSet<>(jmx.adminUsers()));
    if (jmx.authenticate()) {
      notices.accept(
          "Remote JMX at "
              + url
              + " (password file "
              + jmx.passwordFile()
              + ", access file "
              + jmx.accessFile()
              + "; "
              + admins
              + " may create MBeans or run code-loading JVM operations)");
    } else {
      warnings.accept(
          "WARNING: remote JMX at "
              + url
              + " has NO AUTHENTICATION (vigil jmx-authenticate no): anyone who can reach the"
              + " port can read everything and force failovers. MBean creation and code-loading"
              + " JVM operations stay refused.");
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
