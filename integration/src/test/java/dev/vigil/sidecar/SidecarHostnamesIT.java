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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code resolve-hostnames yes} with the primary monitored as {@code localhost}, side by side with
 * the real sentinel: with {@code announce-hostnames no} every reply shows (and the rewritten config
 * keeps) the resolved 127.0.0.1, with {@code yes} the name itself. A name that does not resolve is
 * accepted and shown with ip {@code ""}, by both. And a name whose address changes is resolved
 * again at every reconnection, by both, without touching the machine's resolver configuration:
 * Vigil's JVM reads a hosts file of its own ({@code jdk.net.hosts.file}, through {@code
 * InetAddress}); the real sentinel resolves through {@code /etc/hosts}, so it runs in a private
 * mount namespace where a test file is bind-mounted there (needs root; skipped otherwise).
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vigil", "sentinel"})
  void aNameThatAppearsAndThenChangesItsAddressIsFollowed(String kind) throws Exception {
    Path dir = TempDirs.create("vigil-hosts");
    Path hosts = dir.resolve("hosts");
    SentinelLauncher launcher;
    String base;
    if (kind.equals("vigil")) {
      Assumptions.assumeTrue(VigilLauncher.isVigil(), "a JVM-only hosts file: Vigil only");
      base = "";
      // No caching of answers: the test changes the name between two reconnections.
      Path security = dir.resolve("security.properties");
      Files.writeString(security, "networkaddress.cache.negative.ttl=0\n");
      launcher =
          VigilLauncher.vigilWithJvmOptions(
              "'-Djdk.net.hosts.file="
                  + hosts
                  + "' -Dsun.net.inetaddr.ttl=0 '-Djava.security.properties="
                  + security
                  + "'");
    } else {
      Assumptions.assumeTrue(
          privateMountNamespaceWorks(),
          "the real sentinel resolves through /etc/hosts; replacing it for that process alone"
              + " needs a private mount namespace (unshare, root)");
      base = Files.readString(Path.of("/etc/hosts"));
      launcher = withPrivateEtcHosts(ServerBinaries.sentinel(), hosts, dir);
    }
    Files.writeString(hosts, base + "# " + NAME + " does not resolve yet\n");
    try (ValkeyNode node = ValkeyNode.start();
        SentinelNode sentinel =
            SentinelNode.builder()
                .name(kind + "-hosts")
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
      rewriteInPlace(hosts, base + "127.0.0.2 " + NAME + "\n");
      Await.until(
          kind + " resolved " + NAME + " to 127.0.0.2",
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
      rewriteInPlace(hosts, base + "127.0.0.1 " + NAME + "\n");
      String runid = node.info("server").get("run_id");
      Await.until(
          kind + " connected to the node at 127.0.0.1 and read its INFO",
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

  /**
   * Rewrites the file keeping its inode (the real sentinel sees it through a bind mount, which a
   * rename would leave pointing at the old file). A reader catching it half-written finds no answer
   * and keeps the last address, so the next attempt simply resolves again.
   */
  private static void rewriteInPlace(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  /**
   * {@code sentinel} with {@code hosts} as its {@code /etc/hosts}, in a mount namespace of its own:
   * nothing outside that process sees the change. {@code unshare} and {@code exec} keep the PID, so
   * the kit stops the sentinel by PID as usual.
   */
  private static SentinelLauncher withPrivateEtcHosts(
      SentinelLauncher sentinel, Path hosts, Path dir) throws IOException {
    Path script = dir.resolve("sentinel-private-hosts");
    Files.writeString(
        script,
        "#!/bin/sh\nexec unshare --mount --propagation private sh -c"
            + " 'mount --bind \"$0\" /etc/hosts && exec \"$@\"' '"
            + hosts
            + "' '"
            + sentinel.path()
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new SentinelLauncher(
        script, sentinel.argsAfterConfig(), sentinel.origin() + " with a private /etc/hosts");
  }

  private static boolean privateMountNamespaceWorks() {
    try {
      Process p =
          new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
