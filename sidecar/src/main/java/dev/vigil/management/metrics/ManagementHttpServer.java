package dev.vigil.management.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.management.view.SentinelView;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The small HTTP endpoint for scrapers and load balancers ({@code vigil http-port}):
 *
 * <ul>
 *   <li>{@code /metrics}: the metric registry as Prometheus text 0.0.4
 *   <li>{@code /health}: 200 while the sidecar runs
 *   <li>{@code /primary}: 200 only when the local node is the agreed, reachable primary
 *   <li>{@code /replica[?lag=<bytes>]}: 200 only when the local node is a healthy replica (and at
 *       most that many bytes behind)
 * </ul>
 *
 * Unhealthy answers are 503 with the reason as text, so {@code curl} shows why.
 */
public final class ManagementHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private ManagementHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param localNode {@code ip:port} of the co-located Valkey node, null when not configured
   */
  public static ManagementHttpServer start(
      String host, int port, VigilMetrics metrics, Supplier<SentinelView> views, String localNode) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e, e);
    }
    server.createContext(
        "/metrics", ex -> respond(ex, 200, TextFormat.CONTENT_TYPE_004, metricsText(metrics)));
    server.createContext("/health", ex -> respond(ex, 200, "text/plain", "OK\n"));
    server.createContext("/primary", ex -> verdict(ex, NodeHealth.primary(views.get(), localNode)));
    server.createContext(
        "/replica",
        ex -> {
          Long lag;
          try {
            lag = lagBound(ex.getRequestURI().getRawQuery());
          } catch (IllegalArgumentException bad) {
            respond(ex, 400, "text/plain", bad.getMessage() + "\n");
            return;
          }
          verdict(ex, NodeHealth.replica(views.get(), localNode, lag));
        });
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "vigil-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new ManagementHttpServer(server, executor);
  }

  private static String metricsText(VigilMetrics metrics) {
    return metrics.prometheusText();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  /** {@code ?lag=<non-negative bytes>}; null when absent. */
  static Long lagBound(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    for (String param : query.split("&")) {
      if (param.startsWith("lag=")) {
        String v = param.substring(4);
        try {
          long lag = Long.parseLong(v);
          if (lag >= 0) {
            return lag;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException("lag must be a non-negative number of bytes, got " + v);
      }
    }
    return null;
  }

  private static void verdict(HttpExchange ex, NodeHealth.Verdict v) throws IOException {
    respond(ex, v.ok() ? 200 : 503, "text/plain", v.reason() + "\n");
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      boolean head = "HEAD".equals(method);
      if (!head && !"GET".equals(method)) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
