package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/** Reply shapes of the SENTINEL subcommands, through Jedis against an in-process sidecar. */
class SentinelCommandsTest {
  @TempDir static Path dir;
  static LocalValkey primary;
  static Sidecar sidecar;
  static Jedis jedis;

  @BeforeAll
  static void start() throws Exception {
    primary = LocalValkey.server();
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(
        conf,
        "port "
            + LocalValkey.freePort()
            + "\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 "
            + primary.port
            + " 2\n");
    sidecar =
        Sidecar.create(
            ConfigFile.load(conf),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    sidecar.start();
    jedis = new Jedis("127.0.0.1", sidecar.port());
  }

  @AfterAll
  static void stop() throws Exception {
    jedis.close();
    sidecar.close();
    primary.close();
  }

  private static Object sentinel(String... args) {
    return jedis.sendCommand(Protocol.Command.SENTINEL, args);
  }

  private static String text(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  private static List<String> texts(Object reply) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) reply) {
      out.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o));
    }
    return out;
  }

  private static String error(String... args) {
    return assertThrows(JedisDataException.class, () -> sentinel(args)).getMessage();
  }

  @Test
  void helpListsEverySubcommand() {
    List<String> help = texts(sentinel("HELP"));
    assertEquals("SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help.get(0));
    assertEquals("    Print this help.", help.get(help.size() - 1));
    assertEquals(SentinelCommands.HELP, help);
  }

  @Test
  void addressByNameAndItsAlias() {
    assertEquals(
        List.of("127.0.0.1", "" + primary.port),
        texts(sentinel("GET-PRIMARY-ADDR-BY-NAME", "mymaster")));
    assertNull(sentinel("get-master-addr-by-name", "nosuch"));
  }

  @Test
  void isMasterDownByAddrAnswersIntegerBulkInteger() {
    List<?> reply =
        (List<?>) sentinel("is-master-down-by-addr", "127.0.0.1", "" + primary.port, "0", "*");
    assertEquals(0L, reply.get(0));
    assertEquals("*", text(reply.get(1)));
    assertEquals(0L, reply.get(2));
    assertEquals(
        "ERR value is not an integer or out of range",
        error("is-master-down-by-addr", "127.0.0.1", "63x", "0", "*"));
    assertEquals(
        "ERR value is not an integer or out of range",
        error("IS-PRIMARY-DOWN-BY-ADDR", "127.0.0.1", "6379", "01", "*"));
  }

  @Test
  void debugShowsThirteenTimingsAsBulkNumbers() {
    List<String> debug = texts(sentinel("DEBUG"));
    assertEquals(26, debug.size());
    assertEquals(List.of("INFO-PERIOD", "10000", "PING-PERIOD", "1000"), debug.subList(0, 4));
    assertEquals("SCRIPT-RETRY-DELAY", debug.get(24));
    assertEquals(
        "ERR Unknown option or number of arguments for SENTINEL DEBUG 'bogus'",
        error("DEBUG", "bogus", "1"));
  }

  @Test
  void simulateFailureHelpAndFlags() {
    assertEquals(
        List.of("crash-after-election", "crash-after-promotion"),
        texts(sentinel("SIMULATE-FAILURE", "HELP")));
    assertEquals("ERR Unknown failure simulation specified", error("SIMULATE-FAILURE", "bogus"));
    assertEquals("OK", text(sentinel("SIMULATE-FAILURE", "crash-after-promotion")));
    assertTrue(jedis.info("sentinel").contains("sentinel_simulate_failure_flags:2"));
    // help after a flag keeps the flag set before it, as Sentinel does
    texts(sentinel("SIMULATE-FAILURE", "crash-after-election", "help"));
    assertTrue(jedis.info("sentinel").contains("sentinel_simulate_failure_flags:1"));
    // help alone resets the flags (no crash for the other tests of this class)
    texts(sentinel("SIMULATE-FAILURE", "help"));
    assertTrue(jedis.info("sentinel").contains("sentinel_simulate_failure_flags:0"));
  }

  @Test
  void configGetAndSet() {
    assertEquals(
        List.of("resolve-hostnames", "no", "announce-hostnames", "no"),
        texts(sentinel("CONFIG", "GET", "*hostnames")));
    assertEquals("OK", text(sentinel("CONFIG", "SET", "loglevel", "warning")));
    assertEquals(List.of("loglevel", "warning"), texts(sentinel("CONFIG", "GET", "loglevel")));
    assertEquals("OK", text(sentinel("CONFIG", "SET", "loglevel", "notice")));
    assertTrue(
        error("CONFIG", "bogus", "x")
            .startsWith("ERR Only SENTINEL CONFIG GET <param> [<param> <param> ...] / SET"));
  }

  @Test
  void monitorRemoveResetAndQuorum() {
    assertEquals("OK", text(sentinel("MONITOR", "other", "127.0.0.1", "1", "1")));
    List<?> role = (List<?>) jedis.sendCommand(Protocol.Command.ROLE);
    assertEquals(List.of("mymaster", "other"), texts(role.get(1)));
    assertTrue(jedis.info("sentinel").contains("sentinel_masters:2"));
    assertEquals("ERR Duplicate master name.", error("MONITOR", "other", "127.0.0.1", "1", "1"));
    assertEquals(1L, sentinel("RESET", "oth*"));
    assertEquals("OK", text(sentinel("REMOVE", "other")));
    assertEquals("ERR No such master with that name", error("REMOVE", "other"));
    assertEquals(
        // Alone, quorum 2 cannot be reached; the majority of 1 can.
        "NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified"
            + " quorum for this master",
        error("CKQUORUM", "mymaster"));
  }

  @Test
  void infoCachePendingScriptsMyidFlushconfig() {
    List<?> cache = (List<?>) sentinel("INFO-CACHE", "mymaster", "nosuch");
    assertEquals(2, cache.size());
    assertEquals("mymaster", text(cache.get(0)));
    List<?> entry = (List<?>) ((List<?>) cache.get(1)).get(0);
    assertTrue(entry.get(0) instanceof Long);
    assertEquals(List.of(), sentinel("PENDING-SCRIPTS"));
    assertEquals(40, text(sentinel("MYID")).length());
    assertEquals("OK", text(sentinel("FLUSHCONFIG")));
  }

  @Test
  void masterReplyIsAFlatArrayInResp2() {
    List<String> master = texts(sentinel("MASTER", "mymaster"));
    assertEquals(List.of("name", "mymaster", "ip", "127.0.0.1", "port"), master.subList(0, 5));
    assertEquals("num-other-sentinels", master.get(32));
    assertEquals("ERR No such master with that name", error("MASTER", "nosuch"));
    assertEquals(List.of(), sentinel("SENTINELS", "mymaster"));
  }

  @Test
  void parsesIntegersLikeValkey() {
    assertEquals(12L, SentinelCommands.parseLong("12"));
    assertEquals(-3L, SentinelCommands.parseLong("-3"));
    assertEquals(0L, SentinelCommands.parseLong("0"));
    assertNull(SentinelCommands.parseLong("+1"));
    assertNull(SentinelCommands.parseLong("01"));
    assertNull(SentinelCommands.parseLong(" 1"));
    assertNull(SentinelCommands.parseLong("-"));
    assertNull(SentinelCommands.parseLong("99999999999999999999"));
  }
}
