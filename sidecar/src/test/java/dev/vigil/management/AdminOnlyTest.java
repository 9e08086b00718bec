package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class AdminOnlyTest {
  private static ObjectName name(String n) throws Exception {
    return new ObjectName(n);
  }

  @Test
  void codeLoadingAndFileWritingOperationsAreAdminOnly() throws Exception {
    assertNotNull(AdminOnly.operation(name("a:type=MLet,x=1"), "getMBeansFromURL"));
    assertNotNull(AdminOnly.operation(name("b:any=thing"), "addURL(java.lang.String)"));
    assertNotNull(
        AdminOnly.operation(name("com.sun.management:type=DiagnosticCommand"), "vmVersion"));
    assertNotNull(
        AdminOnly.operation(name("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap"));
    assertNotNull(
        AdminOnly.operation(
            name("com.sun.management:type=HotSpotDiagnostic"),
            "setVMOption(java.lang.String,java.lang.String)"));
    assertNotNull(
        AdminOnly.operation(name("jdk.management.jfr:type=FlightRecorder"), "startRecording"));
    assertNotNull(AdminOnly.operation(name("java.util.logging:type=Logging"), "setLoggerLevel"));
    assertNotNull(
        AdminOnly.attributeWrite(name("jdk.management.jfr:type=FlightRecorder"), "Anything"));
  }

  @Test
  void everydayOperationsAreNot() throws Exception {
    assertNull(AdminOnly.operation(name("vigil:type=Master,name=m"), "failover"));
    assertNull(
        AdminOnly.operation(name("com.sun.management:type=HotSpotDiagnostic"), "getVMOption"));
    assertNull(AdminOnly.operation(name("java.util.logging:type=Logging"), "getLoggerLevel"));
    assertNull(AdminOnly.operation(name("java.lang:type=Memory"), "gc"));
    assertNull(AdminOnly.attributeWrite(name("java.lang:type=ClassLoading"), "Verbose"));
  }
}
