package dev.vigil.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code resolve-hostnames yes} with the primary monitored as {@code localhost}, side by side with
 * the real sentinel: with {@code announce-hostnames no} every reply shows (and the rewritten config
 * keeps) the resolved 127.0.0.1, with {@code yes} the name itself. A name that does not resolve is
 * accepted and shown with ip {@code ""}, by both. And a name whose address changes is resolved
 * again at every reconnection: Vigil only, because changing a name for the real sentinel needs the
 * system's resolver configuration ({@code /etc/hosts}, DNS), which a test on a shared machine must
 * not touch; Vigil's JVM is given a hosts file of its own ({@code jdk.net.hosts.file}), which its
 * resolver ({@code InetAddress}) then reads instead of the system's.
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

  /** RFC 6761: never resolves through DNS, so only the test's hosts file can make it resolve. */
  private static final String NAME = "db.vigil.invalid";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vigil", "sentinel"})
  void anUnresolvableNameIsAcceptedAndShownWithAnEmptyIp(String kind) {
    SentinelLauncher launcher =
        kind.equals("vigil") ? VigilLauncher.get() : ServerBinaries.sentinel();
    int port = FreePorts.allocate();
    try (SentinelNode sentinel =
        SentinelNode.builder()
            .name(kind)
            .launcher(launcher)
            .monitor(MASTER, new HostPort(NAME, port), 1, Duration.ofSeconds(60), TIMEOUT)
            .config("sentinel resolve-hostnames yes")
            .startTimeout(TIMEOUT)
            .start()) {
      Map<String, String> master = sentinel.master(MASTER);
      assertEquals("", master.get("ip"), master.toString());
      assertEquals("master,disconnected", master.get("flags"), master.toString());
      assertEquals(new HostPort("", port), sentinel.getMasterAddr(MASTER));
      // Reconnection attempts (one per second) go on; the sentinel keeps serving meanwhile.
      Await.until(
          "two reconnection periods without an answer",
          TIMEOUT,
          () -> Long.parseLong(sentinel.master(MASTER).get("last-ping-sent")) >= 2_500,
          () -> sentinel.logTail(20));
      assertEquals("", sentinel.master(MASTER).get("ip"));
      assertTrue(sentinel.ping(Duration.ofSeconds(2)));
    }
  }

  @Test
  void aNameThatAppearsAndThenChangesItsAddressIsFollowed() throws Exception {
    Assumptions.assumeTrue(VigilLauncher.isVigil(), "a JVM-only hosts file: Vigil only");
    Path dir = TempDirs.create("vigil-hosts");
    Path hosts = dir.resolve("hosts");
    writeAtomically(hosts, "# " + NAME + " does not resolve yet\n");
    // No caching of answers: the test changes the name between two reconnections.
    Path security = dir.resolve("security.properties");
    Files.writeString(security, "networkaddress.cache.negative.ttl=0\n");
    SentinelLauncher launcher =
        VigilLauncher.vigilWithJvmOptions(
            "'-Djdk.net.hosts.file="
                + hosts
                + "' -Dsun.net.inetaddr.ttl=0 '-Djava.security.properties="
                + security
                + "'");
    try (ValkeyNode node = ValkeyNode.start();
        SentinelNode sentinel =
            SentinelNode.builder()
                .name("vigil-hosts")
                .launcher(launcher)
                // Long down-after: the moves below never start a failover.
                .monitor(
                    MASTER, new HostPort(NAME, node.port()), 1, Duration.ofSeconds(60), TIMEOUT)
                .config("sentinel resolve-hostnames yes")
                .startTimeout(TIMEOUT)
                .start()) {
      assertEquals("", sentinel.master(MASTER).get("ip"));
      assertTrue(
          bindable("127.0.0.2", node.port()), "nothing may listen on 127.0.0.2:" + node.port());

      // The name appears, at an address where nothing listens: shown, connections refused.
      writeAtomically(hosts, "127.0.0.2 " + NAME + "\n");
      Await.until(
          "the sidecar resolved " + NAME + " to 127.0.0.2",
          TIMEOUT,
          () -> "127.0.0.2".equals(sentinel.master(MASTER).get("ip")),
          () -> sentinel.logTail(20));
      // Between two attempts (a refused connection is reported at once; the next attempt comes
      // a ping-period later) the link shows disconnected, and no INFO ever arrived.
      Await.until(
          "the refused connection reported",
          TIMEOUT,
          () -> "master,disconnected".equals(sentinel.master(MASTER).get("flags")));
      assertEquals("", sentinel.master(MASTER).get("runid"));

      // The name moves to the node's address: the next reconnection reaches the node.
      writeAtomically(hosts, "127.0.0.1 " + NAME + "\n");
      String runid = node.info("server").get("run_id");
      Await.until(
          "the sidecar connected to the node at 127.0.0.1 and read its INFO",
          TIMEOUT,
          () -> runid.equals(sentinel.master(MASTER).get("runid")),
          () -> sentinel.logTail(20));
      Map<String, String> master = sentinel.master(MASTER);
      assertEquals("127.0.0.1", master.get("ip"));
      assertEquals("master", master.get("flags"), master.toString());
      assertEquals(new HostPort("127.0.0.1", node.port()), sentinel.getMasterAddr(MASTER));
      String myid = String.valueOf(sentinel.call("SENTINEL", "MYID"));
      String clients = node.callString("CLIENT", "LIST");
      assertTrue(clients.contains("name=sentinel-" + myid.substring(0, 8) + "-cmd"), clients);
    } finally {
      TempDirs.delete(dir);
    }
  }

  /** The JDK reads the hosts file at every look-up: never let it see a half-written one. */
  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean bindable(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
