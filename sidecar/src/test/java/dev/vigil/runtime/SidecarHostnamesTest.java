package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigFile;
import dev.vigil.link.LocalValkey;
import dev.vigil.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code resolve-hostnames yes} over real sockets: a whole sidecar whose name resolution the test
 * controls, monitoring real {@code valkey-server}s on loopback addresses. A name that does not
 * resolve is accepted (shown as ip {@code ""}) and retried once per ping period; once it resolves
 * the sidecar connects; when it later resolves to another address (the node came back on {@code
 * 127.0.0.2}), the next reconnection goes there.
 */
class SidecarHostnamesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  /** The DNS of this test: name → IP, absent while the name does not resolve. */
  private static final class TestDns implements Function<String, String> {
    final Map<String, String> records = new ConcurrentHashMap<>();
    final List<Long> lookupsNanos = new CopyOnWriteArrayList<>();

    @Override
    public String apply(String host) {
      if (host.equals("db.vigil.test")) {
        lookupsNanos.add(System.nanoTime());
      }
      return records.get(host);
    }
  }

  @Test
  void aNameIsResolvedAgainAtEveryReconnection() throws Exception {
    int port = portFreeOn("127.0.0.1", "127.0.0.2");
    TestDns dns = new TestDns();
    try (LocalValkey first = LocalValkey.server("127.0.0.1", port)) {
      Sidecar sidecar = start(dns, port);
      try (Jedis jedis = new Jedis("127.0.0.1", sidecar.port())) {
        // The run id in INFO tells which node answers; ask for INFO more often than every 10 s.
        jedis.sendCommand(
            redis.clients.jedis.Protocol.Command.SENTINEL, "DEBUG", "info-period", "500");
        // Unresolvable at start: accepted with ip "", as valkey-sentinel shows it.
        Map<String, String> master = jedis.sentinelMaster("mymaster");
        assertEquals("", master.get("ip"), master.toString());
        assertTrue(master.get("flags").contains("disconnected"), master.toString());
        assertEquals(List.of("", "" + port), jedis.sentinelGetMasterAddrByName("mymaster"));

        // Retried at every reconnection attempt, and no more often than the ping period allows.
        long since = System.nanoTime();
        int before = dns.lookupsNanos.size();
        await("three more look-ups", () -> dns.lookupsNanos.size() >= before + 3);
        long elapsedMs = (System.nanoTime() - since) / 1_000_000;
        int lookups = dns.lookupsNanos.size() - before;
        assertTrue(
            lookups <= elapsedMs / 1000 + 2,
            lookups + " look-ups in " + elapsedMs + " ms: reconnection is not throttled");

        // The name appears: the sidecar connects to the node.
        dns.records.put("db.vigil.test", "127.0.0.1");
        String firstRunid = runid(first);
        await(
            "the sidecar connected to 127.0.0.1 (INFO from the first node)",
            () -> firstRunid.equals(field(jedis, "runid")));
        assertEquals("127.0.0.1", field(jedis, "ip"));

        // The node comes back on another address under the same name.
        try (LocalValkey second = LocalValkey.server("127.0.0.2", port)) {
          dns.records.put("db.vigil.test", "127.0.0.2");
          first.kill();
          String secondRunid = runid(second);
          await(
              "the sidecar reconnected to 127.0.0.2 (INFO from the second node)",
              () -> secondRunid.equals(field(jedis, "runid")));
          assertEquals("127.0.0.2", field(jedis, "ip"));
          assertEquals(
              List.of("127.0.0.2", "" + port), jedis.sentinelGetMasterAddrByName("mymaster"));
          String clients = second.call("CLIENT", "LIST");
          assertTrue(clients.contains("-cmd"), clients);
          // Flushed at start while the name did not resolve: the name, not Sentinel's "" (which
          // valkey-sentinel 8.0.1 cannot load again).
          String conf = Files.readString(dir.resolve("sentinel.conf"));
          assertTrue(conf.contains("sentinel monitor mymaster db.vigil.test " + port + " 1"), conf);
        }
      } finally {
        sidecar.close();
      }
    }
  }

  private Sidecar start(TestDns dns, int primaryPort) throws Exception {
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(
        conf,
        "port "
            + LocalValkey.freePort()
            + "\nbind 127.0.0.1\nsentinel resolve-hostnames yes\n"
            + "sentinel monitor mymaster db.vigil.test "
            + primaryPort
            + " 1\n"
            // Long enough that the moves below never make the primary S_DOWN (no failover).
            + "sentinel down-after-milliseconds mymaster 60000\n");
    Sidecar sidecar =
        Sidecar.create(
            ConfigFile.load(conf), new PrintStream(logBytes, true, StandardCharsets.UTF_8), dns);
    sidecar.start();
    return sidecar;
  }

  private static String field(Jedis jedis, String name) {
    return jedis.sentinelMaster("mymaster").get(name);
  }

  private static String runid(LocalValkey node) throws IOException {
    String info = node.call("INFO", "server");
    int at = info.indexOf("run_id:");
    assertTrue(at >= 0, info);
    return info.substring(at + 7, at + 47);
  }

  /** A port free on every one of {@code hosts} (loopback addresses). */
  private static int portFreeOn(String... hosts) throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = LocalValkey.freePort();
      if (bindable(hosts, port)) {
        return port;
      }
    }
    throw new IllegalStateException("no port free on all of " + List.of(hosts));
  }

  private static boolean bindable(String[] hosts, int port) {
    for (String host : hosts) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private void await(String what, Supplier<Boolean> condition) {
    Await.until(what, TIMEOUT, condition::get, () -> logBytes.toString(StandardCharsets.UTF_8));
  }
}
