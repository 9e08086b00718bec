package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.agent.FailoverRun.AgentMode;
import dev.vigil.testkit.TestKitExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's acceptance test: a legacy application that names its primary by address keeps writing
 * through a failover on every supported Jedis line, with the real {@code -javaagent} jar, real
 * servers and real sentinels (each backend in its own run); the same application without the agent
 * is shown to fail; dynamic attach works the same way; {@code WAIT 1} loses nothing.
 */
@ExtendWith(TestKitExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentFailoverIT {
  private static final String AGENT_OPTIONS = "checkIntervalMs=1000";
  private static SharedTopology topology;

  static List<SentinelBackend> backends() {
    List<SentinelBackend> backends = new ArrayList<>();
    backends.add(SentinelBackend.valkeySentinel());
    SentinelBackend redis = SentinelBackend.redisSentinel();
    if (redis != null) {
      backends.add(redis);
    }
    return backends;
  }

  static List<Arguments> matrix() {
    List<Arguments> runs = new ArrayList<>();
    for (SentinelBackend backend : backends()) {
      for (String version : JedisMatrix.VERSIONS) {
        runs.add(Arguments.of(backend, version));
      }
    }
    return runs;
  }

  /** One shared topology at a time; switching backend replaces it. */
  private static SharedTopology topology(SentinelBackend backend) {
    if (topology != null && !topology.backend().name().equals(backend.name())) {
      topology.close();
      topology = null;
    }
    if (topology == null) {
      topology = SharedTopology.start(backend);
    }
    return topology;
  }

  @AfterAll
  static void stopTopology() {
    if (topology != null) {
      topology.close();
      topology = null;
    }
  }

  @Test
  @Order(1)
  void withoutTheAgentTheSameApplicationFails() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology(SentinelBackend.valkeySentinel()),
            "8.0.2",
            AgentMode.NONE,
            false,
            AGENT_OPTIONS);
    assertThrows(AssertionError.class, run::assertFailoverTransparent, run.summary());
  }

  @Test
  @Order(2)
  void dynamicAttachIntoARunningApplication() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology(SentinelBackend.valkeySentinel()),
            "5.2.0",
            AgentMode.ATTACH,
            false,
            AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }

  @Test
  @Order(3)
  void writesConfirmedWithWaitOneAreNeverLost() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology(SentinelBackend.valkeySentinel()),
            "3.10.0",
            AgentMode.PREMAIN,
            true,
            AGENT_OPTIONS);
    run.assertFailoverTransparent();
    assertEquals(0, run.lostBeforeSwitch, run.summary());
  }

  @ParameterizedTest(name = "{0}, Jedis {1}")
  @MethodSource("matrix")
  @Order(4)
  void legacyApplicationFailsOverTransparently(SentinelBackend backend, String version)
      throws Exception {
    assumeTrue(backend != null);
    FailoverRun run =
        FailoverRun.killPrimary(
            topology(backend), version, AgentMode.PREMAIN, false, AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }
}
