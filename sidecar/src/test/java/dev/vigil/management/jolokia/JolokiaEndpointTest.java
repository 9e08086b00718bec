package dev.vigil.management.jolokia;

import static dev.vigil.management.TestViews.master;
import static dev.vigil.management.TestViews.replica;
import static dev.vigil.management.TestViews.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.management.TestViews.RecordingOperations;
import dev.vigil.management.mbeans.MBeanRegistry;
import dev.vigil.management.mbeans.SentinelBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real Jolokia over real HTTP, as curl would use it, against MBeans built from a fixed view. */
class JolokiaEndpointTest {
  private static final String FAILOVER =
      "{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name=m1\",\"operation\":\"failover\"}";
  private static final String READ_FLAGS =
      "{\"type\":\"read\",\"mbean\":\"vigil:type=Master,name=m1\",\"attribute\":\"Flags\"}";

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
                    new JolokiaUser("viewer", "look", Role.READONLY))));
    http = new JolokiaHttp(jolokia.url());
  }

  @AfterEach
  void stop() {
    jolokia.close();
    registry.close();
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
}
