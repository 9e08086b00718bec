package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.VigilOptions;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.SentinelMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.runtime.EngineLoop;
import dev.vigil.runtime.SystemClock;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real engine on the runtime's loop with the management plane as the runtime starts it: MBeans
 * show the engine's state and operations reach the engine (no transport, so no replica can be
 * promoted and the engine answers with Sentinel's error).
 */
class SidecarManagementTest {
  private final SystemClock clock = new SystemClock();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final EngineLoop<SentinelEngine> loop =
      EngineLoop.forSentinel(clock, errors::add, fatal -> false);
  private ManagementPlane plane;

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
    loop.close();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void mbeansShowTheEngineAndJolokiaReachesIt() throws Exception {
    loop.start(
        new SentinelEngine(
            new SentinelState(
                null,
                7,
                GlobalOptions.DEFAULTS,
                List.of(MasterState.monitor("mymaster", "127.0.0.1", 6399, 2))),
            EngineOptions.defaults(26399),
            clock,
            new SplittableRandom(3),
            request -> {},
            event -> {},
            state -> true));
    int jolokiaPort = freePort();
    VigilOptions vigil =
        new VigilOptions(
            jolokiaPort,
            "127.0.0.1",
            "admin",
            "pw",
            null,
            null,
            0,
            "127.0.0.1",
            null,
            null,
            0,
            "127.0.0.1",
            null,
            FailoverPacing.VIGIL,
            null,
            true,
            null);
    plane =
        SidecarManagement.start(
            java.nio.file.Path.of("unused.conf"),
            vigil,
            26399,
            loop::submit,
            clock,
            notice -> {},
            warnings::add);

    var server = ManagementFactory.getPlatformMBeanServer();
    SentinelMXBean sentinel =
        JMX.newMXBeanProxy(server, VigilObjectNames.sentinel(), SentinelMXBean.class);
    assertEquals(7, sentinel.getCurrentEpoch());
    assertEquals(40, sentinel.getMyId().length());
    assertEquals(jolokiaPort, sentinel.getJolokiaPort());
    MasterMXBean master =
        JMX.newMXBeanProxy(server, VigilObjectNames.master("mymaster"), MasterMXBean.class);
    assertEquals("127.0.0.1:6399", master.getAddress());
    assertEquals("none", master.getFailoverState());

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(plane.jolokiaUrl()))
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder().encodeToString("admin:pw".getBytes()))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name=mymaster\",\"operation\":\"failover\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertTrue(r.body().contains("NOGOODSLAVE No suitable replica to promote"), r.body());
    assertEquals(List.of(), warnings);
    assertEquals(List.of(), errors);
  }
}
