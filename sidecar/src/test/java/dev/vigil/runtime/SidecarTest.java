package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigFile;
import dev.vigil.link.LocalValkey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/** A whole sidecar in this JVM, against a real valkey-server, spoken to by Jedis. */
class SidecarTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  private Sidecar start(int primaryPort, String... extra) throws Exception {
    Path conf = dir.resolve("sentinel.conf");
    StringBuilder text =
        new StringBuilder(
            "port "
                + LocalValkey.freePort()
                + "\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 "
                + primaryPort
                + " 1\nsentinel down-after-milliseconds mymaster 1000\n");
    for (String line : extra) {
      text.append(line).append('\n');
    }
    Files.writeString(conf, text);
    Sidecar sidecar =
        Sidecar.create(
            ConfigFile.load(conf), new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    long begin = System.nanoTime();
    sidecar.start();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    System.out.println("sidecar accepting connections " + ms + " ms after start()");
    return sidecar;
  }

  @Test
  void servesSentinelCommandsAndShutsDownCleanly() throws Exception {
    try (LocalValkey primary = LocalValkey.server()) {
      Sidecar sidecar = start(primary.port);
      try (Jedis jedis = new Jedis("127.0.0.1", sidecar.port())) {
        assertEquals(
            List.of("127.0.0.1", "" + primary.port), jedis.sentinelGetMasterAddrByName("mymaster"));
        assertNull(jedis.sentinelGetMasterAddrByName("nosuch"));
        String myid = jedis.sentinelMyId();
        assertEquals(40, myid.length());
        assertTrue(
            Files.readString(dir.resolve("sentinel.conf")).contains("sentinel myid " + myid));
        List<?> role = (List<?>) jedis.sendCommand(Protocol.Command.ROLE);
        assertEquals("sentinel", text(role.get(0)));
        assertEquals(
            List.of("mymaster"), ((List<?>) role.get(1)).stream().map(SidecarTest::text).toList());
        String info = jedis.info("sentinel");
        assertTrue(
            info.contains(
                "master0:name=mymaster,status=ok,address=127.0.0.1:"
                    + primary.port
                    + ",slaves=0,sentinels=1"),
            info);
        assertEquals("OK", jedis.sentinelSet("mymaster", java.util.Map.of("quorum", "1")));
        JedisDataException noSuch =
            assertThrows(JedisDataException.class, () -> jedis.sentinelFailover("nosuch"));
        assertEquals("ERR No such master with that name", noSuch.getMessage());
        assertEquals("OK", text(jedis.sendCommand(Protocol.Command.SENTINEL, "FLUSHCONFIG")));
      }
      sidecar.close();
      assertEquals(0, sidecar.exitRequested().get(1, TimeUnit.SECONDS));
      assertEquals(Sidecar.State.CLOSED, sidecar.state());
      assertTrue(log().contains("# Sentinel is now ready to exit, bye bye..."), log());
      assertTrue(log().contains("# +monitor master mymaster 127.0.0.1 " + primary.port), log());
      sidecar.close(); // idempotent
    }
  }

  @Test
  void shutdownCommandAsksForExitZero() throws Exception {
    try (LocalValkey primary = LocalValkey.server()) {
      // Relative paths are relative to "dir", by default the working directory: use an absolute
      // one.
      Sidecar sidecar = start(primary.port, "pidfile " + dir.resolve("vigil.pid"));
      assertEquals(
          ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve("vigil.pid")));
      try (Jedis jedis = new Jedis("127.0.0.1", sidecar.port())) {
        try {
          jedis.shutdown();
        } catch (RuntimeException connectionClosed) {
          // SHUTDOWN closes the connection
        }
        assertEquals(0, sidecar.exitRequested().get(5, TimeUnit.SECONDS));
      } finally {
        sidecar.close();
      }
      assertFalse(Files.exists(dir.resolve("vigil.pid")), "pid file removed at shutdown");
    }
  }

  @Test
  void simulatedCrashAfterElectionAsksForExit99() throws Exception {
    LocalValkey primary = LocalValkey.server();
    Sidecar sidecar = start(primary.port);
    try (Jedis jedis = new Jedis("127.0.0.1", sidecar.port())) {
      assertEquals(
          "OK",
          text(
              jedis.sendCommand(
                  Protocol.Command.SENTINEL, "SIMULATE-FAILURE", "crash-after-election")));
      assertTrue(jedis.info("sentinel").contains("sentinel_simulate_failure_flags:1"));
      // Alone with quorum 1, this sidecar wins the election as soon as the primary is down.
      primary.kill();
      assertEquals(99, sidecar.exitRequested().get(20, TimeUnit.SECONDS));
      assertTrue(log().contains("# Sentinel CRASH because of SENTINEL simulate-failure"), log());
      assertFalse(log().contains("bye bye"));
    } finally {
      sidecar.close();
      primary.close();
    }
  }

  @Test
  void instanceRepliesHaveValkeySentinelsFieldsInOrder() throws Exception {
    try (LocalValkey primary = LocalValkey.server();
        LocalValkey replica = LocalValkey.server("replicaof 127.0.0.1 " + primary.port)) {
      Sidecar sidecar = start(primary.port);
      try (LocalValkey reference = LocalValkey.sentinel(primary.port);
          Jedis vigil = new Jedis("127.0.0.1", sidecar.port());
          Jedis valkey = new Jedis("127.0.0.1", reference.port)) {
        awaitReplicaKnown(vigil);
        awaitReplicaKnown(valkey);
        assertEquals(
            keys(valkey.sentinelMaster("mymaster")), keys(vigil.sentinelMaster("mymaster")));
        Map<String, String> master = vigil.sentinelMaster("mymaster");
        assertEquals("master", master.get("flags"));
        assertEquals("1", master.get("num-slaves"));
        assertEquals("" + primary.port, master.get("port"));
        assertEquals(
            keys(valkey.sentinelReplicas("mymaster").get(0)),
            keys(vigil.sentinelReplicas("mymaster").get(0)));
        Map<String, String> r = vigil.sentinelReplicas("mymaster").get(0);
        assertEquals("127.0.0.1:" + replica.port, r.get("name"));
        assertEquals("slave", r.get("flags"));
        assertEquals("" + primary.port, r.get("master-port"));
        // The two sentinels find each other through hellos.
        Await.until(() -> vigil.sentinelSentinels("mymaster").size() == 1);
        Await.until(() -> valkey.sentinelSentinels("mymaster").size() == 1);
        assertEquals(
            keys(valkey.sentinelSentinels("mymaster").get(0)),
            keys(vigil.sentinelSentinels("mymaster").get(0)));
        assertEquals(
            vigil.sentinelMyId(), valkey.sentinelSentinels("mymaster").get(0).get("runid"));
        assertEquals(1, vigil.sentinelMasters().size());
      } finally {
        sidecar.close();
      }
    }
  }

  private static void awaitReplicaKnown(Jedis sentinel) throws InterruptedException {
    Await.until(
        () -> {
          List<Map<String, String>> replicas = sentinel.sentinelReplicas("mymaster");
          return replicas.size() == 1 && "ok".equals(replicas.get(0).get("master-link-status"));
        });
  }

  private static List<String> keys(Map<String, String> fields) {
    return List.copyOf(fields.keySet());
  }

  /** Polls a condition for up to 15 s. */
  static final class Await {
    interface Check {
      boolean holds() throws Exception;
    }

    static void until(Check check) {
      dev.vigil.testkit.Await.until(
          "the condition",
          java.time.Duration.ofSeconds(15),
          () -> {
            try {
              return check.holds();
            } catch (Exception notYet) {
              throw new IllegalStateException(notYet);
            }
          });
    }
  }

  static String text(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  @Test
  void bindMapsValkeyWildcards() {
    assertEquals(List.of("0.0.0.0"), Sidecar.bindAddresses(List.of("*", "-::*")));
    assertEquals(List.of("127.0.0.1", "::1"), Sidecar.bindAddresses(List.of("127.0.0.1", "::1")));
    assertEquals(List.of("0.0.0.0", "::"), Sidecar.bindAddresses(List.of("*", "::*")));
  }
}
