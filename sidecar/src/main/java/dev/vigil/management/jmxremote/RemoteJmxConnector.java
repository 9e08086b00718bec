package dev.vigil.management.jmxremote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * The JMX/RMI connector JConsole connects to remotely ({@code jconsole host:port}). The RMI
 * registry and the connector share one port bound to the configured address, so one firewall hole
 * suffices. Authentication and authorisation are the JDK's own: the connector server reads the
 * standard password and access files ({@code readonly} / {@code readwrite}), exactly like {@code
 * -Dcom.sun.management.jmxremote.password.file}. On top of them {@link AdminGuard} keeps MBean
 * creation and the code-loading and file-writing JVM operations for the configured admins, and a
 * deserialization filter admits only JMX's own types as call arguments.
 *
 * <p>Without password and access files the connector does not start, on any address, unless the
 * settings say {@code authenticate=false} ({@code vigil jmx-authenticate no}).
 */
public final class RemoteJmxConnector implements AutoCloseable {
  static final String ARGUMENT_TYPES =
      "java.lang.*;java.math.BigInteger;java.math.BigDecimal;java.util.*;java.rmi.MarshalledObject;"
          // Subject: the (always empty) delegation arrays of addNotificationListeners.
          + "javax.management.**;javax.security.auth.Subject;!*";
  private final Registry registry;
  private final JMXConnectorServer server;
  private final JMXServiceURL url;
  private final int port;

  private RemoteJmxConnector(
      Registry registry, JMXConnectorServer server, JMXServiceURL url, int port) {
    this.registry = registry;
    this.server = server;
    this.url = url;
    this.port = port;
  }

  public static RemoteJmxConnector start(RemoteJmxSettings settings, MBeanServer mbeans) {
    try {
      InetAddress bind = InetAddress.getByName(settings.host());
      for (var file : new java.nio.file.Path[] {settings.passwordFile(), settings.accessFile()}) {
        if (file != null && !Files.isReadable(file)) {
          throw new IllegalArgumentException("cannot read JMX file " + file);
        }
      }
      if (settings.passwordFile() != null) {
        requireOwnerOnly(settings.passwordFile());
      }
      int port = settings.port() == 0 ? freePort(bind) : settings.port();
      // RMI stubs carry a host name; without this they would name an address we do not listen on.
      if (System.getProperty("java.rmi.server.hostname") == null && !bind.isAnyLocalAddress()) {
        System.setProperty("java.rmi.server.hostname", bind.getHostAddress());
      }
      BoundServerSocketFactory sockets = new BoundServerSocketFactory(bind);
      Registry registry = LocateRegistry.createRegistry(port, null, sockets);
      String host = hostForUrl(bind);
      JMXServiceURL url =
          new JMXServiceURL(
              "service:jmx:rmi://"
                  + host
                  + ":"
                  + port
                  + "/jndi/rmi://"
                  + host
                  + ":"
                  + port
                  + "/jmxrmi");
      Map<String, Object> env = new HashMap<>();
      env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
      // Only accept the credential type JConsole sends (String[]{user, password}).
      env.put(
          "jmx.remote.rmi.server.credential.types",
          new String[] {String[].class.getName(), String.class.getName()});
      // Arguments of remote calls are deserialized before any access check: plain values and
      // JMX's own types only, so no gadget chain of a library on the class path can be sent.
      env.put("jmx.remote.rmi.server.serial.filter.pattern", ARGUMENT_TYPES);
      if (settings.authenticate()) {
        env.put("jmx.remote.x.password.file", settings.passwordFile().toString());
        env.put("jmx.remote.x.access.file", settings.accessFile().toString());
      }
      JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbeans);
      server.setMBeanServerForwarder(AdminGuard.forAdmins(settings.adminUsers()));
      try {
        server.start();
      } catch (IOException | RuntimeException e) {
        UnicastRemoteObject.unexportObject(registry, true);
        throw e;
      }
      return new RemoteJmxConnector(registry, server, url, port);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start remote JMX on " + settings.host() + ":" + settings.port() + ": " + e, e);
    }
  }

  /** As the JDK's own agent insists: a password file others can read is refused. */
  private static void requireOwnerOnly(java.nio.file.Path file) throws IOException {
    var posix =
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class);
    if (posix == null) {
      return;
    }
    var mode = posix.readAttributes().permissions();
    for (var p : mode) {
      if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
        throw new IllegalArgumentException(
            "JMX password file "
                + file
                + " may be read by others ("
                + java.nio.file.attribute.PosixFilePermissions.toString(mode)
                + "): chmod 600 it");
      }
    }
  }

  /** {@code service:jmx:rmi://host:port/jndi/rmi://host:port/jmxrmi}. */
  public JMXServiceURL url() {
    return url;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      // Clients are gone either way; nothing more to release.
    }
    try {
      UnicastRemoteObject.unexportObject(registry, true);
    } catch (NoSuchObjectException e) {
      // Already unexported.
    }
  }

  private static int freePort(InetAddress bind) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, bind)) {
      return s.getLocalPort();
    }
  }

  private static String hostForUrl(InetAddress bind) {
    String h = bind.getHostAddress();
    return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
  }

  /**
   * Listens only on one address. A record, so equal factories let RMI share one port between the
   * registry and the connector.
   */
  private record BoundServerSocketFactory(InetAddress bind) implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(bind, port), 50);
      return s;
    }
  }
}
