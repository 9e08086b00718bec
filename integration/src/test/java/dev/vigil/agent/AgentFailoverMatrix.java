package dev.vigil.agent;

import dev.vigil.agent.FailoverRun.AgentMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The agent's client matrix against one sentinel backend: for every line of {@code
 * client-matrix.txt} (Jedis 2.9 to 8.x, valkey-java) a legacy application that names its primary by
 * address, started with the real {@code -javaagent}, writes on through a SIGKILL of the primary.
 * One topology per class, shared by all runs ({@link SharedTopology#heal()} between them).
 * Subclasses choose the backend: real {@code valkey-sentinel} and {@code redis-sentinel} today,
 * Vigil's sidecars by adding one more subclass.
 */
// No TestKitExtension here: it kills processes started inside a test method, and heal() restarts
// the
// killed primary inside one, for the next run. The topology is closed in @AfterAll, the application
// JVMs by try-with-resources, and ProcessReaper's shutdown hook stays the last line of defence.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentFailoverMatrix {
  static final String AGENT_OPTIONS = "checkIntervalMs=1000";

  /** Read by {@code @FieldSource}. */
  static final java.util.List<JedisMatrix.ClientVersion> CLIENTS = JedisMatrix.ALL;

  SharedTopology topology;

  abstract SentinelBackend backend();

  @BeforeAll
  void startTopology() {
    SentinelBackend backend = backend();
    org.junit.jupiter.api.Assumptions.assumeTrue(backend != null, "sentinel backend not installed");
    topology = SharedTopology.start(backend);
  }

  @AfterAll
  void stopTopology() {
    if (topology != null) {
      topology.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CLIENTS")
  void legacyApplicationFailsOverTransparently(JedisMatrix.ClientVersion client) throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(topology, client, AgentMode.PREMAIN, false, AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }
}
