package dev.vigil.management.jolokia;

import com.sun.net.httpserver.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import org.jolokia.core.api.LogHandler;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;

/**
 * The Jolokia JVM agent started inside the sidecar: JSON over HTTP for read, list, search and exec
 * on the platform MBeanServer, with {@link RoleAuthenticator} in front and {@link RoleRestrictor}
 * deciding what each role may do. Unauthenticated requests get HTTP 401; forbidden ones a Jolokia
 * error with {@code "status":403}.
 */
public final class JolokiaEndpoint implements AutoCloseable {
  private final JolokiaServer server;

  private JolokiaEndpoint(JolokiaServer server) {
    this.server = server;
  }

  public static JolokiaEndpoint start(JolokiaSettings settings) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put("host", settings.host());
    cfg.put("port", Integer.toString(settings.port()));
    cfg.put("agentContext", "/jolokia");
    cfg.put("restrictorClass", RoleRestrictor.class.getName());
    cfg.put("disableDetectors", "true");
    cfg.put("discoveryEnabled", "false");
    cfg.put("includeStackTrace", "false");
    cfg.put("executor", "fixed");
    cfg.put("threadNr", "2");
    cfg.put("threadNamePrefix", "vigil-jolokia-");
    RoleAuthenticator authenticator = new RoleAuthenticator(settings.users());
    try {
      JolokiaServer server =
          new JolokiaServer(new Config(cfg, authenticator), new SystemLoggerHandler());
      server.start();
      return new JolokiaEndpoint(server);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start Jolokia on " + settings.host() + ":" + settings.port() + ": " + e, e);
    }
  }

  /** e.g. {@code http://127.0.0.1:8778/jolokia} (no trailing slash). */
  public String url() {
    return server.getUrl();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Jolokia's configuration with our authenticator in place of its single-user one. */
  private static final class Config extends JolokiaServerConfig {
    private final Authenticator authenticator;

    Config(Map<String, String> cfg, Authenticator authenticator) {
      super(cfg);
      this.authenticator = authenticator;
    }

    @Override
    public Authenticator getAuthenticator() {
      return authenticator;
    }
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
