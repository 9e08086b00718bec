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
      Sidecar sidecar = start(primary.port);
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
