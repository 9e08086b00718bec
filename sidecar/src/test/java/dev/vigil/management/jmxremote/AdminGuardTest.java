package dev.vigil.management.jmxremote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivilegedExceptionAction;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

/** The forwarder alone, with the Subject the JMX connector would run the call as. */
class AdminGuardTest {
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final MBeanServerForwarder guard = AdminGuard.forAdmins(Set.of("root"));
  private final ObjectName timer = new ObjectName("t:type=Timer");

  AdminGuardTest() throws Exception {
    guard.setMBeanServer(server);
  }

  @SuppressWarnings("removal")
  private static <T> T as(String user, PrivilegedExceptionAction<T> action) throws Exception {
    Subject subject =
        user == null ? null : new Subject(true, Set.of(new JMXPrincipal(user)), Set.of(), Set.of());
    try {
      return Subject.doAs(subject, action);
    } catch (java.security.PrivilegedActionException e) {
      throw e.getException();
    }
  }

  @Test
  void onlyANamedAdminCreatesOrUnregistersMBeans() throws Exception {
    for (String user : new String[] {null, "ops"}) {
      SecurityException e =
          assertThrows(
              SecurityException.class,
              () -> as(user, () -> guard.createMBean("javax.management.timer.Timer", timer)));
      assertTrue(e.getMessage().contains("creating MBeans (admin only)"), e.getMessage());
    }
    as("root", () -> guard.createMBean("javax.management.timer.Timer", timer));
    assertThrows(
        SecurityException.class,
        () ->
            as(
                "ops",
                () -> {
                  guard.unregisterMBean(timer);
                  return null;
                }));
    as(
        "root",
        () -> {
          guard.unregisterMBean(timer);
          return null;
        });
  }

  @Test
  void everythingElsePassesThrough() throws Exception {
    assertEquals(server.getMBeanCount(), as("ops", guard::getMBeanCount));
    assertEquals(server, guard.getMBeanServer());
    assertEquals(null, AdminGuard.refusal("getAttribute", new Object[] {timer, "X"}));
    assertEquals("creating MBeans", AdminGuard.refusal("createMBean", new Object[] {"a.B", timer}));
  }
}
