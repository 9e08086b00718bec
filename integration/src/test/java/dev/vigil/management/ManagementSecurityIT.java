package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.testkit.Await;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestKitExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The management plane as an attacker meets it, against real sidecar JVMs: a sidecar whose config
 * names no Jolokia login (so it generates one), a read-only Jolokia user, and remote JMX with a
 * read-only, a read-write and an admin user. Anonymous control, foreign browser origins, JSONP,
 * proxy requests, MLet creation and DiagnosticCommand must all be refused; starts that would run an
 * unprotected or colliding endpoint must fail with a clear message.
 */
@ExtendWith(TestKitExtension.class)
class ManagementSecurityIT {
  private static final String MASTER = "mymaster";
  private static final String FAILOVER_PATH =
      "/exec/vigil:type=Master,name=" + MASTER + "/failover";
  private static final Duration START = Duration.ofSeconds(40);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ReplicationGroup group;
  private static SentinelNode sidecar;
  private static int jolokiaPort;
  private static int jmxPort;

  @BeforeAll
  static void start() throws IOException {
    group = ReplicationGroup.start(0);
    Path files = TempDirs.create("vigil-security-jmx");
    Path passwords = ownerOnly(files.resolve("jmx.password"), "viewer look\nops pw\nroot s3cret\n");
    Path access =
        ownerOnly(
            files.resolve("jmx.access"),
            "viewer readonly\nops readwrite create javax.management.loading.*\n"
                + "root readwrite create javax.management.loading.*\n");
    jolokiaPort = FreePorts.allocate();
    jmxPort = FreePorts.allocate();
    sidecar =
        SentinelNode.builder()
            .name("secured-sidecar")
            .launcher(ManagedSidecars.launcher())
            .monitor(MASTER, group.primary().address(), 1, Duration.ofSeconds(5), START)
            .startTimeout(START)
            // No vigil jolokia-user: the sidecar must generate its admin login.
            .config("vigil jolokia-port " + jolokiaPort)
            .config("vigil jolokia-readonly-user viewer")
            .config("vigil jolokia-readonly-password look")
            .config("vigil jmx-port " + jmxPort)
            .config("vigil jmx-password-file " + passwords)
            .config("vigil jmx-access-file " + access)
            .config("vigil jmx-admin-users root")
            .start();
    Await.until(
        "the management plane is up",
        START,
        () -> log(sidecar).contains("Remote JMX at ") && log(sidecar).contains("Jolokia agent at "),
        () -> sidecar.logTail(30));
  }

  @AfterAll
  static void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
    if (group != null) {
      group.close();
    }
  }

  private static Path ownerOnly(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static String log(SentinelNode node) {
    try {
      return Files.readString(node.logFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static Path credentialsFile() {
    return sidecar.configFile().resolveSibling("sentinel.conf.credentials");
  }

  private static String generatedPassword() throws IOException {
    for (String line : Files.readAllLines(credentialsFile())) {
      if (line.startsWith("password ")) {
        return line.substring("password ".length());
      }
    }
    throw new AssertionError("no password line in " + credentialsFile());
  }

  private static HttpResponse<String> jolokia(
      String method, String path, String login, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jolokiaPort + "/jolokia" + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    if (login != null) {
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int jolokiaStatus(HttpResponse<String> r) {
    return new Jolokia.Reply(r.statusCode(), r.body()).status();
  }

  private static String admin() throws IOException {
    return "admin:" + generatedPassword();
  }

  @Test
  void withNoUsersConfiguredAnonymousExecAndWriteAreRefusedAndNothingFailsOver() throws Exception {
    int port = FreePorts.allocate();
    // A plain config: no vigil jolokia-user, no read-only user.
    SentinelNode plain =
        SentinelNode.builder()
            .name("plain-sidecar")
            .launcher(ManagedSidecars.launcher())
            .monitor(MASTER, group.primary().address(), 1, Duration.ofSeconds(5), START)
            .startTimeout(START)
            .config("vigil jolokia-port " + port)
            .start();
    try {
      Await.until(
          "Jolokia is up",
          START,
          () -> log(plain).contains("Jolokia agent at "),
          () -> plain.logTail(20));
      String base = "http://127.0.0.1:" + port + "/jolokia";
      String exec =
          "{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name="
              + MASTER
              + "\",\"operation\":\"failover\"}";
      String write =
          "{\"type\":\"write\",\"mbean\":\"java.lang:type=ClassLoading\","
              + "\"attribute\":\"Verbose\",\"value\":true}";
      assertEquals(401, send("GET", base + FAILOVER_PATH, null, null).statusCode());
      assertEquals(401, send("POST", base, null, exec).statusCode());
      assertEquals(401, send("POST", base, null, write).statusCode());
      assertEquals(401, send("POST", base, "admin:admin", exec).statusCode());
      Map<String, String> master = plain.master(MASTER);
      assertEquals("0", master.get("config-epoch"), "no failover happened: " + master);
      assertFalse(master.get("flags").contains("failover"), master.toString());
    } finally {
      plain.close();
    }
  }

  private static HttpResponse<String> send(String method, String url, String login, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (login != null) {
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theGeneratedLoginIsOwnerOnlyWorksAndIsNeverLogged() throws Exception {
    Path file = credentialsFile();
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "" + file);
    String password = generatedPassword();
    assertTrue(password.length() >= 32, password);
    HttpResponse<String> version = jolokia("GET", "/version", admin(), null, Map.of());
    assertEquals(200, jolokiaStatus(version), version.body());
    assertTrue(version.body().contains("\"secured\":true"), version.body());
    String log = log(sidecar);
    assertTrue(log.contains("password in " + file), log);
    assertFalse(log.contains(password), "the password must never be logged");
  }

  @Test
  void aForeignOriginGetsNoCredentialedCorsGrantAndJsonpIsRefused() throws Exception {
    HttpResponse<String> evil =
        jolokia("GET", "/version", admin(), null, Map.of("Origin", "http://evil.example"));
    assertEquals(403, evil.statusCode(), evil.body());
    assertTrue(evil.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "" + evil);
    assertTrue(evil.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "" + evil);
    HttpResponse<String> preflight =
        jolokia(
            "OPTIONS",
            "",
            null,
            null,
            Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "POST"));
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

    HttpResponse<String> jsonp =
        jolokia(
            "GET",
            "/read/vigil:type=Master,name=" + MASTER + "/Flags?callback=steal",
            admin(),
            null,
            Map.of());
    assertEquals(403, jsonp.statusCode(), jsonp.body());
    assertFalse(jsonp.body().startsWith("steal("), jsonp.body());
  }

  @Test
  void aProxyRequestIsRefused() throws Exception {
    int closed = FreePorts.allocate();
    String proxied =
        "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\","
            + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:"
            + closed
            + "/jmxrmi\"}}";
    for (String login : List.of(admin(), "viewer:look")) {
      HttpResponse<String> r = jolokia("POST", "", login, proxied, Map.of());
      assertEquals(403, jolokiaStatus(r), r.body());
      assertTrue(r.body().contains("proxy"), r.body());
    }
  }

  @Test
  void theReadOnlyJolokiaUserReadsButNeverExecutesOrWrites() throws Exception {
    HttpResponse<String> read =
        jolokia(
            "GET",
            "/read/vigil:type=Master,name=" + MASTER + "/Flags",
            "viewer:look",
            null,
            Map.of());
    assertEquals(200, jolokiaStatus(read), read.body());
    assertEquals(403, jolokiaStatus(jolokia("GET", FAILOVER_PATH, "viewer:look", null, Map.of())));
    HttpResponse<String> write =
        jolokia(
            "POST",
            "",
            "viewer:look",
            "{\"type\":\"write\",\"mbean\":\"java.lang:type=ClassLoading\","
                + "\"attribute\":\"Verbose\",\"value\":true}",
            Map.of());
    assertEquals(403, jolokiaStatus(write), write.body());
  }

  @Test
  void codeLoadingOverJolokiaIsRefusedEvenToTheAdmin() throws Exception {
    for (String call :
        List.of(
            "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmVersion\"}",
            "{\"type\":\"exec\",\"mbean\":\"javax.management.loading:type=MLet\","
                + "\"operation\":\"getMBeansFromURL(java.lang.String)\","
                + "\"arguments\":[\"http://127.0.0.1:1/x.mlet\"]}")) {
      HttpResponse<String> r = jolokia("POST", "", admin(), call, Map.of());
      assertEquals(403, jolokiaStatus(r), r.body());
    }
  }

  private static JMXConnector jmx(String user, String password) throws IOException {
    return JMXConnectorFactory.connect(
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
        Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
  }

  private static final ObjectName DIAGNOSTIC =
      VigilObjectNames.parse("com.sun.management:type=DiagnosticCommand");
  private static final ObjectName MLET = VigilObjectNames.parse("vigil.attack:type=MLet");

  @Test
  void overRemoteJmxOnlyTheAdminRunsDiagnosticCommandsAndNobodyCreatesAnMLet() throws Exception {
    for (String[] login : new String[][] {{"viewer", "look"}, {"ops", "pw"}, {"root", "s3cret"}}) {
      try (JMXConnector c = jmx(login[0], login[1])) {
        MBeanServerConnection conn = c.getMBeanServerConnection();
        assertThrows(
            SecurityException.class,
            () -> conn.createMBean("javax.management.loading.MLet", MLET),
            login[0] + " created an MLet");
        assertFalse(conn.isRegistered(MLET));
        if (!login[0].equals("root")) {
          assertThrows(
              SecurityException.class,
              () -> conn.invoke(DIAGNOSTIC, "vmVersion", new Object[0], new String[0]),
              login[0] + " ran a diagnostic command");
        }
      }
    }
    try (JMXConnector c = jmx("root", "s3cret")) {
      Object version =
          c.getMBeanServerConnection()
              .invoke(DIAGNOSTIC, "vmVersion", new Object[0], new String[0]);
      assertTrue(String.valueOf(version).contains("JDK"), String.valueOf(version));
    }
  }

  @Test
  void theReadOnlyJmxUserReadsButNeverExecutesOrWrites() throws Exception {
    ObjectName master = VigilObjectNames.master(MASTER);
    try (JMXConnector c = jmx("viewer", "look")) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      assertEquals("master", conn.getAttribute(master, "Flags"));
      assertThrows(
          SecurityException.class,
          () -> conn.invoke(master, "failover", new Object[0], new String[0]));
      assertThrows(
          SecurityException.class,
          () ->
              conn.setAttribute(
                  VigilObjectNames.parse("java.lang:type=ClassLoading"),
                  new javax.management.Attribute("Verbose", true)));
    }
  }

  /** Runs the sidecar on {@code config} and returns its output once it exits (it must). */
  private static String failedStart(String name, String config) throws Exception {
    Path dir = TempDirs.create("vigil-security-" + name);
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, config);
    ManagedProcess p =
        ManagedProcess.start(
            name,
            ManagedSidecars.launcher().command(conf),
            dir,
            dir.resolve("output.log"),
            Map.of());
    try {
      assertTrue(p.waitFor(START), name + " did not exit:\n" + p.outputTail(30));
      String out = Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8);
      assertEquals(1, p.exitCode(), out);
      return out;
    } finally {
      p.kill9();
    }
  }

  private static String monitorLines(int port) {
    return "port "
        + port
        + "\nbind 127.0.0.1\nsentinel monitor "
        + MASTER
        + " 127.0.0.1 "
        + group.primary().address().port()
        + " 1\n";
  }

  @Test
  void remoteJmxWithoutPasswordFilesRefusesToStartWithAClearMessage() throws Exception {
    String out =
        failedStart(
            "jmx-no-files",
            monitorLines(FreePorts.allocate()) + "vigil jmx-port " + FreePorts.allocate() + "\n");
    assertTrue(
        out.contains("vigil jmx-port needs vigil jmx-password-file and vigil jmx-access-file"),
        out);
  }

  @Test
  void anExplicitlyUnauthenticatedJmxStillRefusesMLetCreation() throws Exception {
    int port = FreePorts.allocate();
    SentinelNode open =
        SentinelNode.builder()
            .name("open-jmx-sidecar")
            .launcher(ManagedSidecars.launcher())
            .monitor(MASTER, group.primary().address(), 1, Duration.ofSeconds(5), START)
            .startTimeout(START)
            .config("vigil jolokia-port 0")
            .config("vigil jmx-port " + port)
            .config("vigil jmx-authenticate no")
            .start();
    try {
      Await.until(
          "remote JMX is up",
          START,
          () -> log(open).contains("NO AUTHENTICATION"),
          () -> open.logTail(20));
      try (JMXConnector c =
          JMXConnectorFactory.connect(
              new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"))) {
        MBeanServerConnection conn = c.getMBeanServerConnection();
        assertThrows(
            SecurityException.class, () -> conn.createMBean("javax.management.loading.MLet", MLET));
        assertFalse(conn.isRegistered(MLET));
        assertThrows(
            SecurityException.class,
            () -> conn.invoke(DIAGNOSTIC, "vmVersion", new Object[0], new String[0]));
      }
    } finally {
      open.close();
    }
  }

  @Test
  void theDefaultJolokiaPortFollowsTheSentinelPortAndAConfiguredCollisionFailsTheStart()
      throws Exception {
    // A Sentinel port whose derived Jolokia port (8778 + port - 26379) is free as well.
    int sentinelPort;
    int derived;
    do {
      sentinelPort = FreePorts.allocate();
      derived = 8778 + sentinelPort - 26379;
    } while (derived < 1024 || derived > 65535 || !FreePorts.isBindable(derived));
    Path dir = TempDirs.create("vigil-security-derived");
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, monitorLines(sentinelPort));
    ManagedProcess first =
        ManagedProcess.start(
            "derived-port",
            ManagedSidecars.launcher().command(conf),
            dir,
            dir.resolve("output.log"),
            Map.of());
    try {
      String url = "Jolokia agent at http://127.0.0.1:" + derived + "/jolokia";
      Await.until(
          "Jolokia on the derived port " + derived,
          START,
          () -> read(dir.resolve("output.log")).contains(url),
          () -> first.outputTail(30));
      String out =
          failedStart(
              "jolokia-collision",
              monitorLines(FreePorts.allocate()) + "vigil jolokia-port " + derived + "\n");
      assertTrue(
          out.contains("Could not start Jolokia on 127.0.0.1:" + derived + " (vigil jolokia-port)"),
          out);
      assertTrue(first.isAlive(), "the first sidecar keeps running");
    } finally {
      first.terminate(Duration.ofSeconds(10));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
