package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.ServerBinaries.Flavor;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import dev.vigil.testkit.ServerBinaries.ServerBinary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerBinariesTest {

  @Test
  void theEmbeddedBinaryForThisPlatformIsOnTheTestClassPath() {
    String resource = ServerBinaries.embeddedResourceName();
    assertNotNull(
        getClass().getClassLoader().getResource(resource),
        resource + " should come with " + ServerBinaries.EMBEDDED_JAR);
  }

  @Test
  void sentinelModePutsTheFlagAfterTheConfigFile() {
    ServerBinary server =
        new ServerBinary(Path.of("/opt/redis-server"), "test", Flavor.REDIS, "6.2.11");
    SentinelLauncher launcher = ServerBinaries.sentinelModeOf(server);
    assertEquals(
        List.of("/opt/redis-server", "/tmp/s.conf", "--sentinel"),
        launcher.command(Path.of("/tmp/s.conf")));
  }

  @Test
  void majorVersionComesFromTheReportedVersion() {
    assertEquals(8, new ServerBinary(Path.of("x"), "t", Flavor.VALKEY, "8.0.1").majorVersion());
    assertEquals(0, new ServerBinary(Path.of("x"), "t", Flavor.VALKEY, "unstable").majorVersion());
  }

  @Test
  void explicitBinariesThatDoNotExistFailClearly() {
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> ServerBinaries.of("/nonexistent/valkey"));
    assertTrue(missing.getMessage().contains("not an executable"), missing.getMessage());
    IllegalStateException notOnPath =
        assertThrows(IllegalStateException.class, () -> ServerBinaries.of("no-such-valkey-binary"));
    assertTrue(notOnPath.getMessage().contains("on PATH"), notOnPath.getMessage());
  }
}
