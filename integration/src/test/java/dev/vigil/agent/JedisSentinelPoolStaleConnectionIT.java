package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.JavaProcess;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.TestKitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Jedis's own {@code JedisSentinelPool} (3.6+, and valkey-java's copy of it) hands a connection to
 * the demoted primary out again after a failover, because its staleness check compares the shared
 * socket factory's address with itself. With the agent attached, the connections made for the old
 * primary are retired and the application gets a fresh connection to the new primary. The old
 * primary stays up ({@code SENTINEL FAILOVER}), which is when a stale connection does harm: writes
 * on it succeed and are lost.
 */
@ExtendWith(TestKitExtension.class)
class JedisSentinelPoolStaleConnectionIT {
  /** Jedis, and valkey-java's copy of the same pool. Read by {@code @FieldSource}. */
  static final List<JedisMatrix.ClientVersion> CLIENTS =
      List.of(JedisMatrix.jedis("5.2.0"), JedisMatrix.find("valkey-java", "5.5.0"));

  private static SharedTopology topology;

  @BeforeAll
  static void start() {
    topology = SharedTopology.start(SentinelBackend.valkeySentinel());
  }

  @AfterAll
  static void stop() {
    if (topology != null) {
      topology.close();
    }
  }

  private static List<String> run(JedisMatrix.ClientVersion client, boolean withAgent) {
    List<String> args = new ArrayList<>();
    args.add(client.packageName());
    args.add(SharedTopology.MASTER);
    for (HostPort sentinel : topology.sentinelAddresses()) {
      args.add(sentinel.toString());
    }
    JavaProcess.Builder builder =
        JavaProcess.builder(SentinelPoolApp.class.getName())
            .name("sentinel-pool-app-" + client.client() + (withAgent ? "-agent" : "-plain"))
            .classPath(JedisMatrix.classPath(client))
            .args(args.toArray(new String[0]));
    if (withAgent) {
      builder.jvmArgs(JedisMatrix.javaagent(topology.agentArgs("checkIntervalMs=1000")));
    }
    try (JavaProcess app = builder.start()) {
      app.waitForLine("^BORROWED", Duration.ofSeconds(30));
      SharedTopology.Failover failover = topology.manualFailover();
      KitLog.info("manual failover " + failover.oldPrimary() + " -> " + failover.newPrimary());
      app.waitForLine("^DONE", Duration.ofSeconds(30));
      List<String> lines = app.output().lines().toList();
      KitLog.info(
          client
              + " JedisSentinelPool "
              + (withAgent ? "with" : "without")
              + " the agent: "
              + lines);
      return lines;
    } finally {
      // Sentinel demotes the old primary only seconds later; do it now for the next run.
      topology.heal();
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CLIENTS")
  void plainJedisSentinelPoolHandsOutTheStaleConnection(JedisMatrix.ClientVersion client) {
    List<String> lines = run(client, false);
    assertTrue(
        lines.contains("SAME"), "expected " + client + " to reuse the stale connection: " + lines);
    assertTrue(
        lines.contains("ROLE master"),
        "the stale connection still reaches the old primary: " + lines);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CLIENTS")
  void withTheAgentTheStaleConnectionIsRetired(JedisMatrix.ClientVersion client) {
    List<String> lines = run(client, true);
    assertTrue(lines.contains("FRESH"), "expected a fresh connection: " + lines);
    assertTrue(lines.contains("ROLE master"), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("JedisSentinelPool switched")),
        "agent reports retiring the old master's connections: " + lines);
  }
}
