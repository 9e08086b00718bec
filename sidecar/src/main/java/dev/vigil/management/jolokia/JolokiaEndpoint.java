package dev.vigil.management.jolokia;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jolokia.core.api.LogHandler;
import org.jolokia.jvmagent.handler.JolokiaHttpHandler;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.config.SystemPropertyMode;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.api.SecurityDetails;
import org.jolokia.server.core.service.impl.ClasspathServiceCreator;

/**
 * Jolokia inside the sidecar: JSON over HTTP for read, list, search and exec on the platform
 * MBeanServer. Assembled from Jolokia's parts rather than its {@code JolokiaServer}, so that every
 * piece of its security is ours to choose:
 *
 * <ul>
 *   <li>one HTTP context, {@code /jolokia}, always behind {@link RoleAuthenticator} (Jolokia's
 *       server adds an unauthenticated {@code /jolokia/config} context);
 *   <li>{@link BrowserGuard} in front of it (no JSONP, CORS for configured origins only);
 *   <li>{@link RoleRestrictor} as an instance (per-role policies, {@code AdminOnly} refused);
 *   <li>no proxy mode ({@link ProxyRefusal}; the JSR-160 proxy service is not shipped);
 *   <li>no setting taken from system properties or environment variables ({@code JOLOKIA_*}).
 * </ul>
 *
 * Unauthenticated requests get HTTP 401; forbidden ones a Jolokia error with {@code "status":403}.
 * {@code /jolokia/version} reports {@code "secured":true}, which is now always the truth.
 */
public final class JolokiaEndpoint implements AutoCloseable {
  private static final String CONTEXT = "/jolokia";
  private static final AtomicInteger AGENTS = new AtomicInteger();
  private final HttpServer http;
  private final ExecutorService executor;
  private final JolokiaServiceManager services;
  private final String url;
  private final String access;

  private JolokiaEndpoint(
      HttpServer http,
      ExecutorService executor,
      JolokiaServiceManager services,
      String url,
      String access) {
    this.http = http;
    this.executor = executor;
    this.services = services;
    this.url = url;
    this.access = access;
  }

  public static JolokiaEndpoint start(JolokiaSettings settings) {
    String where = settings.host() + ":" + settings.port();
    List<JolokiaUser> users = new ArrayList<>(settings.users());
    HttpServer http;
    try {
      if (settings.generatedLogin() != null) {
        users.add(0, JolokiaCredentials.readOrCreate(settings.generatedLogin()));
      }
      http =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Jolokia on " + where + ": " + e, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
    JolokiaServiceManager services = null;
    try {
      http.setExecutor(executor);
      StaticConfiguration config =
          new StaticConfiguration(settingsMap(), new HashMap<>(), SystemPropertyMode.NEVER);
      config.addSupportedAuthentication(SecurityDetails.AuthMethod.BASIC, RoleAuthenticator.REALM);
      services =
          JolokiaServiceManagerFactory.createJolokiaServiceManager(
              config, new SystemLoggerHandler(), new RoleRestrictor(settings.allowedOrigins()));
      services.addServices(
          new ClasspathServiceCreator(JolokiaEndpoint.class.getClassLoader(), "services"));
      services.addService(new ProxyRefusal());
      JolokiaContext context = services.start();
      InetSocketAddress bound = http.getAddress();
      String host = bound.getAddress().getHostAddress();
      String url =
          "http://"
              + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
              + ":"
              + bound.getPort()
              + CONTEXT;
      context.getAgentDetails().updateAgentParameters(url, true);
      HttpContext jolokia = http.createContext(CONTEXT, new JolokiaHttpHandler(context));
      jolokia.getFilters().add(new BrowserGuard(settings.allowedOrigins()));
      jolokia.setAuthenticator(new RoleAuthenticator(users));
      http.start();
      return new JolokiaEndpoint(http, executor, services, url, describe(settings, users));
    } catch (RuntimeException e) {
      http.stop(0);
      executor.shutdownNow();
      if (services != null) {
        services.stop();
      }
      throw e;
    }
  }

  private static Map<String, String> settingsMap() {
    Map<String, String> cfg = new HashMap<>();
    // Unique per endpoint: Jolokia names its own MBeans after it.
    cfg.put(
        ConfigKey.AGENT_ID.getKeyValue(),
        "vigil-" + ProcessHandle.current().pid() + "-" + AGENTS.incrementAndGet());
    cfg.put(ConfigKey.AGENT_CONTEXT.getKeyValue(), CONTEXT);
    cfg.put(ConfigKey.DISABLE_DETECTORS.getKeyValue(), "true");
    cfg.put(ConfigKey.DISCOVERY_ENABLED.getKeyValue(), "false");
    cfg.put(ConfigKey.INCLUDE_STACKTRACE.getKeyValue(), "false");
    cfg.put(ConfigKey.ALLOW_DNS_REVERSE_LOOKUP.getKeyValue(), "false");
    cfg.put(ConfigKey.DEBUG.getKeyValue(), "false");
    return cfg;
  }

  /** What the start-up log says about who may do what (never a password). */
  private static String describe(JolokiaSettings settings, List<JolokiaUser> users) {
    StringBuilder sb = new StringBuilder("HTTP Basic authentication required;");
    for (JolokiaUser u : users) {
      sb.append(u.role() == Role.READWRITE ? " read-write user " : " read-only user ")
          .append(u.name());
      if (settings.generatedLogin() != null && u == users.get(0)) {
        sb.append(" (generated, password in ").append(settings.generatedLogin()).append(')');
      }
      sb.append(',');
    }
    sb.setLength(sb.length() - 1);
    sb.append("; CORS: ")
        .append(
            settings.allowedOrigins().isEmpty()
                ? "no origin"
                : String.join(" ", new java.util.TreeSet<>(settings.allowedOrigins())))
        .append("; no JSONP, no proxy mode");
    return sb.toString();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "vigil-jolokia-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** e.g. {@code http://127.0.0.1:8778/jolokia} (no trailing slash). */
  public String url() {
    return url;
  }

  /** Who may log in and what browsers may do, for the start-up log; never a password. */
  public String access() {
    return access;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public String host() {
    return http.getAddress().getAddress().getHostAddress();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    services.stop();
  }

  /** Jolokia's log lines go to the JDK's System.Logger instead of stdout. */
  private static final class SystemLoggerHandler implements LogHandler {
    private final System.Logger log = System.getLogger("dev.vigil.management.jolokia");

    @Override
    public void debug(String message) {
      log.log(Level.DEBUG, message);
    }

    @Override
    public void info(String message) {
      log.log(Level.DEBUG, message);
    }

    @Override
    public void error(String message, Throwable t) {
      log.log(Level.WARNING, message, t);
    }

    @Override
    public boolean isDebug() {
      return log.isLoggable(Level.DEBUG);
    }
  }
}
