package dev.vigil.management.jmxremote;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.TestViews.RecordingOperations;
import dev.vigil.management.mbeans.MBeanRegistry;
import dev.vigil.management.mbeans.SentinelBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connects the way JConsole does: JMXConnectorFactory over RMI with user and password. */
class RemoteJmxConnectorTest {
  @TempDir Path dir;
  private final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
  private final RecordingOperations ops = new RecordingOperations();
  private MBeanRegistry registry;
  private RemoteJmxConnector connector;

  @BeforeEach
  void start() throws Exception {
    registry =
        new MBeanRegistry(
            mbeans,
            () -> sentinel(master("m1", 6379, List.of())),
            ops,
            new SentinelBean.Ports(0, 0, 0),
            System::currentTimeMillis);
    registry.start();
    Path passwords = ownerOnly(dir.resolve("jmx.password"), "admin s3cret\nops pw\nviewer look\n");
    Path access =
        ownerOnly(
            dir.resolve("jmx.access"),
            "admin readwrite create javax.management.timer.*,javax.management.loading.* unregister\n"
                + "ops readwrite create javax.management.timer.*,javax.management.loading.* unregister\n"
                + "viewer readonly\n");
    connector =
        RemoteJmxConnector.start(
            new RemoteJmxSettings("127.0.0.1", 0, passwords, access, true, Set.of("admin")),
            mbeans);
  }

  private static Path ownerOnly(Path file, String content) throws Exception {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @AfterEach
  void stop() {
    connector.close();
    registry.close();
  }

  private JMXConnector connect(String user, String password) throws Exception {
    return JMXConnectorFactory.connect(
        connector.url(), Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
  }

  @Test
  void readWriteUserReadsAndForcesAFailover() throws Exception {
    assertTrue(connector.url().toString().contains("127.0.0.1:" + connector.port()));
    try (JMXConnector c = connect("admin", "s3cret")) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      MasterMXBean m = JMX.newMXBeanProxy(conn, VigilObjectNames.master("m1"), MasterMXBean.class);
      assertEquals("127.0.0.1:6379", m.getAddress());
      // What the JConsole tab does: pattern queries and MXBean reads.
      assertEquals(
          1, conn.queryNames(VigilObjectNames.parse(VigilObjectNames.MASTER_PATTERN), null).size());
      conn.addNotificationListener(VigilObjectNames.sentinel(), (n, h) -> {}, null, null);
      assertEquals("OK", m.failover());
    }
    assertEquals(List.of("failover m1"), ops.calls);
  }

  @Test
  void readOnlyUserReadsButIsRefusedTheOperation() throws Exception {
    try (JMXConnector c = connect("viewer", "look")) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      MasterMXBean m = JMX.newMXBeanProxy(conn, VigilObjectNames.master("m1"), MasterMXBean.class);
      assertEquals("master", m.getFlags());
      SecurityException refused = assertThrows(SecurityException.class, m::failover);
      assertTrue(refused.getMessage().contains("Access denied"), refused.getMessage());
    }
    assertEquals(List.of(), ops.calls);
  }

  @Test
  void wrongPasswordCannotConnect() {
    assertThrows(SecurityException.class, () -> connect("admin", "nope").close());
  }

  @Test
  void withoutFilesItDoesNotStartOnAnyAddressUnlessExplicitlyUnauthenticated() {
    for (String host : new String[] {"127.0.0.1", "0.0.0.0"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new RemoteJmxSettings(host, 0, null, null, true, Set.of()));
      assertTrue(e.getMessage().contains("vigil jmx-authenticate no"), e.getMessage());
    }
  }

  @Test
  void aPasswordFileOthersCanReadIsRefused() throws Exception {
    Path passwords = dir.resolve("open.password");
    Files.writeString(passwords, "admin s3cret\n");
    Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RemoteJmxConnector.start(
                    new RemoteJmxSettings("127.0.0.1", 0, passwords, dir.resolve("jmx.access")),
                    mbeans));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  private static final ObjectName MLET = name("vigil.test:type=MLet");
  private static final ObjectName TIMER = name("vigil.test:type=Timer");
  private static final ObjectName LOADER = name("vigil.test:type=LooksHarmless");

  /** Stands in for the JVM's DiagnosticCommand MBean (this MBeanServer has no platform MBeans). */
  public interface Diagnostics {
    String vmVersion();

    String jvmtiAgentLoad(String library);

    String getMBeansFromURL(String url);
  }

  private static final class FakeDiagnostics implements Diagnostics {
    @Override
    public String vmVersion() {
      return "fake 1.0";
    }

    @Override
    public String jvmtiAgentLoad(String library) {
      return "loaded " + library;
    }

    @Override
    public String getMBeansFromURL(String url) {
      return "loaded " + url;
    }
  }

  private void registerFakes() throws Exception {
    var fake = new javax.management.StandardMBean(new FakeDiagnostics(), Diagnostics.class);
    mbeans.registerMBean(fake, DIAGNOSTIC);
    mbeans.registerMBean(
        new javax.management.StandardMBean(new FakeDiagnostics(), Diagnostics.class), LOADER);
  }

  private static final ObjectName DIAGNOSTIC = name("com.sun.management:type=DiagnosticCommand");

  private static ObjectName name(String n) {
    try {
      return new ObjectName(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyAnAdminCreatesAnMLetOrRunsDiagnosticCommands() throws Exception {
    registerFakes();
    try (JMXConnector c = connect("ops", "pw")) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      assertThrows(
          SecurityException.class, () -> conn.createMBean("javax.management.loading.MLet", MLET));
      // Allowed by the access file ("create javax.management.timer.*"), refused as admin-only.
      SecurityException create =
          assertThrows(
              SecurityException.class,
              () -> conn.createMBean("javax.management.timer.Timer", TIMER));
      assertTrue(create.getMessage().contains("admin only"), create.getMessage());
      SecurityException diagnostic =
          assertThrows(
              SecurityException.class,
              () ->
                  conn.invoke(
                      DIAGNOSTIC,
                      "jvmtiAgentLoad",
                      new Object[] {"/x.so"},
                      new String[] {String.class.getName()}));
      assertTrue(diagnostic.getMessage().contains("admin only"), diagnostic.getMessage());
      assertThrows(
          SecurityException.class,
          () ->
              conn.invoke(
                  LOADER,
                  "getMBeansFromURL",
                  new Object[] {"http://x/"},
                  new String[] {String.class.getName()}));
      assertFalse(conn.isRegistered(MLET));
      assertFalse(conn.isRegistered(TIMER));
    }
    try (JMXConnector c = connect("admin", "s3cret")) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      // The JDK's own access-file check refuses class-loader MBeans even to admins.
      assertThrows(
          SecurityException.class, () -> conn.createMBean("javax.management.loading.MLet", MLET));
      conn.createMBean("javax.management.timer.Timer", TIMER);
      assertTrue(conn.isRegistered(TIMER));
      conn.unregisterMBean(TIMER);
      assertEquals("fake 1.0", conn.invoke(DIAGNOSTIC, "vmVersion", new Object[0], null));
    }
  }

  @Test
  void theReadOnlyUserNeverWritesOrExecutes() throws Exception {
    try (JMXConnector c = connect("viewer", "look")) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      ObjectName master = VigilObjectNames.master("m1");
      assertEquals("master", conn.getAttribute(master, "Flags"));
      assertThrows(
          SecurityException.class, () -> conn.invoke(master, "failover", new Object[0], null));
      assertThrows(
          SecurityException.class, () -> conn.createMBean("javax.management.loading.MLet", MLET));
      assertThrows(
          SecurityException.class,
          () -> conn.setAttribute(master, new javax.management.Attribute("Quorum", 1)));
    }
    assertEquals(List.of(), ops.calls);
  }

  @Test
  void anExplicitlyUnauthenticatedConnectorLetsAnyoneReadButNobodyLoadCode() throws Exception {
    registerFakes();
    try (RemoteJmxConnector open =
            RemoteJmxConnector.start(
                new RemoteJmxSettings("127.0.0.1", 0, null, null, false, Set.of("admin")), mbeans);
        JMXConnector c = JMXConnectorFactory.connect(open.url())) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      assertEquals("master", conn.getAttribute(VigilObjectNames.master("m1"), "Flags"));
      assertThrows(
          SecurityException.class, () -> conn.createMBean("javax.management.loading.MLet", MLET));
      assertThrows(
          SecurityException.class, () -> conn.invoke(DIAGNOSTIC, "vmVersion", new Object[0], null));
    }
  }
}
