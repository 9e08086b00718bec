package dev.vigil.management.jmxremote;

import dev.vigil.management.AdminOnly;
import dev.vigil.management.CurrentSubject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * Sits between remote JMX clients and the MBeanServer and refuses, to everyone but the configured
 * admins ({@code vigil jmx-admin-users}), what would run code or write files as the sidecar's user:
 * creating and unregistering MBeans (an MLet is how remote code gets loaded), and every {@link
 * AdminOnly} operation or attribute write. Refusals are {@link SecurityException}s, as the JDK's
 * access-file check throws. It runs in addition to that check, never instead: an admin still needs
 * {@code readwrite} (and {@code create ...} to create MBeans) in the access file.
 *
 * <p>Unauthenticated callers ({@code vigil jmx-authenticate no}) are never admins.
 */
final class AdminGuard implements InvocationHandler {
  private final Set<String> admins;
  private MBeanServer target;

  private AdminGuard(Set<String> admins) {
    this.admins = Set.copyOf(admins);
  }

  static MBeanServerForwarder forAdmins(Set<String> admins) {
    return (MBeanServerForwarder)
        Proxy.newProxyInstance(
            AdminGuard.class.getClassLoader(),
            new Class<?>[] {MBeanServerForwarder.class},
            new AdminGuard(admins));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "AdminGuard" + admins;
      };
    }
    switch (method.getName()) {
      case "getMBeanServer" -> {
        if (args == null || args.length == 0) {
          return target;
        }
      }
      case "setMBeanServer" -> {
        if (args != null && args.length == 1) {
          if (target != null) {
            throw new IllegalArgumentException("MBeanServer already set");
          }
          target = (MBeanServer) args[0];
          return null;
        }
      }
      default -> {}
    }
    String refusal = refusal(method.getName(), args);
    if (refusal != null && !isAdmin()) {
      throw new SecurityException("Access denied: " + refusal + " (admin only)");
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Why this MBeanServer call is admin-only, or null. */
  static String refusal(String method, Object[] args) {
    switch (method) {
      case "createMBean", "registerMBean", "instantiate" -> {
        return "creating MBeans";
      }
      case "unregisterMBean" -> {
        return "unregistering MBeans";
      }
      case "invoke" -> {
        return AdminOnly.operation((ObjectName) args[0], (String) args[1]);
      }
      case "setAttribute" -> {
        return AdminOnly.attributeWrite((ObjectName) args[0], ((Attribute) args[1]).getName());
      }
      case "setAttributes" -> {
        for (Attribute a : ((AttributeList) args[1]).asList()) {
          String why = AdminOnly.attributeWrite((ObjectName) args[0], a.getName());
          if (why != null) {
            return why;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private boolean isAdmin() {
    Subject subject = CurrentSubject.get();
    if (subject == null) {
      return false;
    }
    for (JMXPrincipal p : subject.getPrincipals(JMXPrincipal.class)) {
      if (admins.contains(p.getName())) {
        return true;
      }
    }
    return false;
  }
}
