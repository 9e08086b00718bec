package dev.vigil.management.jmxremote;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
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
    Path passwords = ownerOnly(dir.resolve("jmx.password"), "admin s3cret\nviewer look\n");
    Path access = ownerOnly(dir.resolve("jmx.access"), "admin readwrite\nviewer readonly\n");
    connector =
        RemoteJmxConnector.start(new RemoteJmxSettings("127.0.0.1", 0, passwords, access), mbeans);
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
  void refusesToListenBeyondLoopbackWithoutPasswords() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RemoteJmxConnector.start(new RemoteJmxSettings("0.0.0.0", 0, null, null), mbeans));
  }
}
