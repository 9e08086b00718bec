package dev.vigil.management;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.security.auth.Subject;

/**
 * The Subject the current request runs as, for Jolokia requests and remote JMX calls alike. Jolokia
 * and the JMX connector run requests with {@code Subject.callAs} on Java 18+ (read back with {@code
 * Subject.current()}) and with {@code Subject.doAs} or an access-control context before (read back
 * through that context); this picks the matching reader once.
 */
public final class CurrentSubject {
  private static final MethodHandle CURRENT = findCurrent();

  private CurrentSubject() {}

  private static MethodHandle findCurrent() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
    } catch (ReflectiveOperationException olderThan18) {
      return null;
    }
  }

  /** Null when the caller is not authenticated. */
  public static Subject get() {
    if (CURRENT != null) {
      try {
        return (Subject) CURRENT.invoke();
      } catch (Throwable e) {
        throw new IllegalStateException("Subject.current() failed", e);
      }
    }
    return legacy();
  }

  @SuppressWarnings({"removal", "deprecation"})
  private static Subject legacy() {
    return Subject.getSubject(java.security.AccessController.getContext());
  }
}
