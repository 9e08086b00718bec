package dev.vigil.management;

import java.util.Set;
import javax.management.ObjectName;

/**
 * The JVM operations that amount to running code or writing files as the sidecar's user, which only
 * an explicitly named admin may call (remote JMX: {@code vigil jmx-admin-users}; Jolokia has no
 * admin role, so nobody calls them there). Checked by name, before the call reaches the MBean:
 *
 * <ul>
 *   <li>{@code com.sun.management:type=DiagnosticCommand}: every operation ({@code jvmtiAgentLoad}
 *       loads native code, {@code vmLog}, {@code gcHeapDump}, {@code jfrStart} and {@code
 *       compilerDirectivesAdd} read or write files)
 *   <li>{@code com.sun.management:type=HotSpotDiagnostic}: {@code dumpHeap} (writes a file), {@code
 *       setVMOption} (e.g. a heap-dump path)
 *   <li>{@code jdk.management.jfr:type=FlightRecorder}: every operation and attribute write
 *       (recordings are written to files)
 *   <li>{@code java.util.logging:type=Logging}: {@code setLoggerLevel} (silences the log)
 *   <li>on any MBean: the class-loading operations of {@code javax.management.loading.MLet} ({@code
 *       getMBeansFromURL}, {@code addURL}, {@code loadClass}, {@code setLibraryDirectory}),
 *       whatever the MBean is called
 * </ul>
 *
 * Creating or unregistering MBeans (which is how an MLet gets in) is admin-only over remote JMX as
 * a whole; see {@code jmxremote.AdminGuard}.
 */
public final class AdminOnly {
  private static final String DIAGNOSTIC_COMMAND =
      canonical("com.sun.management:type=DiagnosticCommand");
  private static final String HOTSPOT_DIAGNOSTIC =
      canonical("com.sun.management:type=HotSpotDiagnostic");
  private static final String FLIGHT_RECORDER = canonical("jdk.management.jfr:type=FlightRecorder");
  private static final String LOGGING = canonical("java.util.logging:type=Logging");
  private static final Set<String> CLASS_LOADING =
      Set.of("getMBeansFromURL", "addURL", "loadClass", "setLibraryDirectory");

  private AdminOnly() {}

  /**
   * Why calling {@code operation} (a plain name, or Jolokia's {@code name(type,...)}) on {@code
   * mbean} is admin-only, or null when it is not.
   */
  public static String operation(ObjectName mbean, String operation) {
    String op = plainName(operation);
    String name = mbean.getCanonicalName();
    if (CLASS_LOADING.contains(op)) {
      return op + " loads classes (MLet)";
    }
    if (name.equals(DIAGNOSTIC_COMMAND)) {
      return "DiagnosticCommand runs JVM diagnostic commands (agent loading, file writing)";
    }
    if (name.equals(HOTSPOT_DIAGNOSTIC) && (op.equals("dumpHeap") || op.equals("setVMOption"))) {
      return "HotSpotDiagnostic." + op + " writes files or changes the JVM";
    }
    if (name.equals(FLIGHT_RECORDER)) {
      return "FlightRecorder writes recordings to files";
    }
    if (name.equals(LOGGING) && op.equals("setLoggerLevel")) {
      return "Logging.setLoggerLevel changes what the sidecar logs";
    }
    return null;
  }

  /** Why writing {@code attribute} of {@code mbean} is admin-only, or null when it is not. */
  public static String attributeWrite(ObjectName mbean, String attribute) {
    String name = mbean.getCanonicalName();
    if (name.equals(FLIGHT_RECORDER)
        || name.equals(DIAGNOSTIC_COMMAND)
        || name.equals(HOTSPOT_DIAGNOSTIC)) {
      return "attributes of " + name + " are admin-only";
    }
    return null;
  }

  private static String plainName(String operation) {
    int paren = operation.indexOf('(');
    return paren < 0 ? operation : operation.substring(0, paren);
  }

  private static String canonical(String name) {
    try {
      return new ObjectName(name).getCanonicalName();
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalStateException(name, e);
    }
  }
}
