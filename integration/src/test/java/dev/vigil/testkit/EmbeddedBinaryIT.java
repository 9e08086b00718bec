package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.ServerBinaries.ServerBinary;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fallback binary from the embedded-redis jar, as server and in --sentinel mode. */
@ExtendWith(TestKitExtension.class)
class EmbeddedBinaryIT {

  @Test
  void embeddedBinaryIsExtractedAndServes() {
    ServerBinary embedded = ServerBinaries.embedded();
    assertTrue(Files.isExecutable(embedded.path()));
    assertEquals(ServerBinaries.Flavor.REDIS, embedded.flavor());
    assertTrue(embedded.version().startsWith("6.2."), embedded.toString());

    try (ValkeyNode node = ValkeyNode.builder().name("embedded").binary(embedded).start()) {
      assertEquals("PONG", node.callString("PING"));
      assertEquals(embedded.version(), node.info("server").get("redis_version"));
      assertEquals(
          node.pid(),
          ProcessHandle.of(node.pid()).orElseThrow().pid(),
          "the node is the process the kit started");
    }
  }

  @Test
  void embeddedBinaryRunsAsSentinel() {
    ServerBinary embedded = ServerBinaries.embedded();
    try (ValkeyNode node = ValkeyNode.builder().name("embedded").binary(embedded).start();
        SentinelNode sentinel =
            SentinelNode.builder()
                .name("embedded-sentinel")
                .launcher(ServerBinaries.sentinelModeOf(embedded))
                .monitor("m", node.address(), 1)
                .start()) {
      assertEquals("sentinel", ((List<?>) sentinel.call("ROLE")).get(0));
      assertEquals(node.address(), sentinel.getMasterAddr("m"));
      sentinel.waitForMasterAddr("m", node.address(), Duration.ofSeconds(5));
      assertTrue(sentinel.master("m").get("flags").contains("master"));
    }
  }
}
