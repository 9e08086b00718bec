package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigFile;
import dev.vigil.link.LocalValkey;
import dev.vigil.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Real scripts run by an in-process sidecar: notification arguments, PENDING-SCRIPTS of a running
 * and of a timed-out script, INFO's counters, and the path checks of SENTINEL SET.
 */
class SidecarScriptsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private LocalValkey primary;
  private Sidecar sidecar;
  private Jedis jedis;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private Path record;

  @BeforeEach
  void start() throws Exception {
    primary = LocalValkey.server();
    record = dir.resolve("events.txt");
    Path notify = script("notify.sh", "#!/bin/sh\necho \"$@\" >> '" + record + "'\n");
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(
        conf,
        "port "
            + LocalValkey.freePort()
            + "\nbind 127.0.0.1\ndir "
            + dir
            + "\nsentinel deny-scripts-reconfig no\nsentinel monitor mymaster 127.0.0.1 "
            + primary.port
            + " 2\nsentinel notification-script mymaster "
            + notify
            + "\n");
    sidecar =
        Sidecar.create(ConfigFile.load(conf), new PrintStream(log, true, StandardCharsets.UTF_8));
    sidecar.start();
    jedis = new Jedis("127.0.0.1", sidecar.port());
  }

  @AfterEach
  void stop() throws Exception {
    jedis.close();
    sidecar.close();
    primary.close();
  }

  private Path script(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private Object sentinel(String... args) {
    return jedis.sendCommand(Protocol.Command.SENTINEL, args);
  }

  private static List<Object> decode(Object reply) {
    List<Object> out = new ArrayList<>();
    for (Object o : (List<?>) reply) {
      out.add(
          o instanceof byte[] b
              ? new String(b, StandardCharsets.UTF_8)
              : o instanceof List<?> l ? decode(l) : o);
    }
    return out;
  }

  private static void await(String what, BooleanSupplier condition) {
    Await.until(what, TIMEOUT, condition);
  }

  private String recorded() {
    try {
      return Files.exists(record) ? Files.readString(record) : "";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theNotificationScriptGetsEventTypeAndMessage() throws Exception {
    String monitor = "+monitor master mymaster 127.0.0.1 " + primary.port + " quorum 2";
    await("the +monitor notification", () -> recorded().contains(monitor));
    assertEquals("OK", new String((byte[]) sentinel("SET", "mymaster", "quorum", "1")));
    String set = "+set master mymaster 127.0.0.1 " + primary.port + " quorum 1";
    await("the +set notification", () -> recorded().contains(set));
    await("an empty queue", () -> decode(sentinel("PENDING-SCRIPTS")).isEmpty());
    assertTrue(jedis.info("sentinel").contains("sentinel_scripts_queue_length:0\r\n"));
  }

  @Test
  void aSlowScriptShowsAsRunningThenIsKilledAndWaitsForItsRetry() throws Exception {
    Path slow = script("slow.sh", "#!/bin/sh\nexec sleep 30\n");
    // The start-up +monitor notification first, so the slow script is the only job.
    await("the +monitor notification", () -> recorded().contains("+monitor"));
    await("an empty queue", () -> decode(sentinel("PENDING-SCRIPTS")).isEmpty());
    assertEquals(
        "OK",
        new String(
            (byte[])
                sentinel("DEBUG", "script-max-runtime", "1500", "script-retry-delay", "60000")));
    assertEquals(
        "OK",
        new String((byte[]) sentinel("SET", "mymaster", "notification-script", slow.toString())));
    List<String> argv =
        List.of(
            slow.toString(),
            "+set",
            "master mymaster 127.0.0.1 " + primary.port + " notification-script " + slow);
    await(
        "the slow script running",
        () -> decode(sentinel("PENDING-SCRIPTS")).toString().contains("running"));
    List<Object> job =
        decode(decode(sentinel("PENDING-SCRIPTS")).get(0) instanceof List<?> l ? l : null);
    assertEquals(10, job.size(), job.toString());
    assertEquals(List.of("argv", argv, "flags", "running", "pid"), job.subList(0, 5));
    long pid = Long.parseLong((String) job.get(5));
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
    assertEquals("run-time", job.get(6));
    assertTrue(Long.parseLong((String) job.get(7)) >= 0);
    assertEquals(List.of("retry-num", "1"), job.subList(8, 10));
    assertTrue(jedis.info("sentinel").contains("sentinel_running_scripts:1\r\n"));

    await(
        "the kill after script-max-runtime",
        () -> log.toString(StandardCharsets.UTF_8).contains("-script-timeout " + slow + " " + pid));
    await(
        "the retry being scheduled",
        () -> decode(sentinel("PENDING-SCRIPTS")).toString().contains("scheduled"));
    job = decode(decode(sentinel("PENDING-SCRIPTS")).get(0) instanceof List<?> l ? l : null);
    assertEquals(
        List.of("argv", argv, "flags", "scheduled", "pid", "0", "run-delay"), job.subList(0, 7));
    long delay = Long.parseLong((String) job.get(7));
    assertTrue(delay > 50_000 && delay <= 60_000, "run-delay " + delay);
    assertEquals(List.of("retry-num", "1"), job.subList(8, 10));
    assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "killed");
    String info = jedis.info("sentinel");
    assertTrue(info.contains("sentinel_running_scripts:0\r\n"), info);
    assertTrue(info.contains("sentinel_scripts_queue_length:1\r\n"), info);
  }

  @Test
  void setChecksThatTheScriptIsExecutable() throws Exception {
    Files.writeString(dir.resolve("plain.txt"), "not a script");
    assertEquals(
        "ERR Notification script seems non existing or non executable",
        assertThrows(
                JedisDataException.class,
                () -> sentinel("SET", "mymaster", "notification-script", "plain.txt"))
            .getMessage());
    assertEquals(
        "ERR Client reconfiguration script seems non existing or non executable",
        assertThrows(
                JedisDataException.class,
                () -> sentinel("SET", "mymaster", "client-reconfig-script", "/nonexistent/x.sh"))
            .getMessage());
    // Relative to dir, as Sentinel after its chdir.
    script("rel.sh", "#!/bin/sh\nexit 0\n");
    assertEquals(
        "OK", new String((byte[]) sentinel("SET", "mymaster", "client-reconfig-script", "rel.sh")));
  }

  @Test
  void aScriptThatCannotBeExecutedIsAScriptErrorWithExitCodeTwo() throws Exception {
    Path broken = script("broken.sh", "#!/nonexistent/interpreter\n");
    assertEquals(
        "OK",
        new String((byte[]) sentinel("SET", "mymaster", "notification-script", broken.toString())));
    await(
        "-script-error",
        () -> log.toString(StandardCharsets.UTF_8).contains("-script-error " + broken + " 0 2"));
    await("an empty queue", () -> decode(sentinel("PENDING-SCRIPTS")).isEmpty());
  }
}
