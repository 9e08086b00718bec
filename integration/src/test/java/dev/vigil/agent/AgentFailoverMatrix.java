package dev.vigil.agent;

import dev.vigil.agent.FailoverRun.AgentMode;
import dev.vigil.testkit.TestKitExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The agent's version matrix against one sentinel backend: for every supported Jedis line a legacy
 * application that names its primary by address, started with the real {@code -javaagent}, writes
 * on through a SIGKILL of the primary. One topology per class, shared by all runs ({@link
 * SharedTopology#heal()} between them). Subclasses choose the backend: real {@code valkey-sentinel}
 * and {@code redis-sentinel} today, Vigil's sidecars by adding one more subclass.
 */
@ExtendWith(TestKitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentFailoverMatrix {
  static final String AGENT_OPTIONS = "checkIntervalMs=1000";

  /** Read by {@code @FieldSource}. */
  static final java.util.List<String> VERSIONS = JedisMatrix.VERSIONS;

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

  @ParameterizedTest(name = "Jedis {0}")
  @FieldSource("VERSIONS")
  void legacyApplicationFailsOverTransparently(String version) throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(topology, version, AgentMode.PREMAIN, false, AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }
}
