package dev.vigil.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import dev.vigil.testkit.TestKitExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code resolve-hostnames yes} with the primary monitored as {@code localhost}, side by side with
 * the real sentinel: with {@code announce-hostnames no} every reply shows (and the rewritten config
 * keeps) the resolved 127.0.0.1, with {@code yes} the name itself.
 */
@ExtendWith(TestKitExtension.class)
class SidecarHostnamesIT {
  private static final String MASTER = "mymaster";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @ParameterizedTest(name = "{0}, announce-hostnames {1}")
  @CsvSource({"vigil, no", "vigil, yes", "sentinel, no", "sentinel, yes"})
  void theMonitoredNameIsShownAsSentinelShowsIt(String kind, String announce) throws Exception {
    SentinelLauncher launcher =
        kind.equals("vigil") ? VigilLauncher.get() : ServerBinaries.sentinel();
    String expectedHost = announce.equals("yes") ? "localhost" : "127.0.0.1";
    try (ReplicationGroup group = ReplicationGroup.start(0);
        SentinelNode sentinel =
            SentinelNode.builder()
                .name(kind)
                .launcher(launcher)
                .monitor(
                    MASTER,
                    new HostPort("localhost", group.primary().address().port()),
                    1,
                    Duration.ofMillis(1000),
                    Duration.ofSeconds(10))
                .config("sentinel resolve-hostnames yes")
                .config("sentinel announce-hostnames " + announce)
                .startTimeout(TIMEOUT)
                .start()) {
      int port = group.primary().address().port();
      assertEquals(new HostPort(expectedHost, port), sentinel.getMasterAddr(MASTER));
      assertEquals(expectedHost, sentinel.master(MASTER).get("ip"));
      assertTrue(
          String.valueOf(sentinel.call("INFO", "sentinel"))
              .contains(",address=" + expectedHost + ":" + port + ","),
          String.valueOf(sentinel.call("INFO", "sentinel")));
      assertEquals(
          List.of("resolve-hostnames", "yes", "announce-hostnames", announce),
          sentinel.call("SENTINEL", "CONFIG", "GET", "*hostnames"));
      assertEquals("OK", String.valueOf(sentinel.call("SENTINEL", "FLUSHCONFIG")));
      String conf = Files.readString(sentinel.configFile());
      assertTrue(
          conf.contains("sentinel monitor " + MASTER + " " + expectedHost + " " + port + " 1"),
          conf);
    }
  }
}
