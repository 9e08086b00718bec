package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.MasterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SENTINEL subcommands' validation order, exact error texts and events. */
class CommandsTest {
  private EngineHarness started() {
    EngineHarness h = new EngineHarness();
    h.start();
    return h;
  }

  @Test
  void monitorValidatesInSentinelsOrder() {
    EngineHarness h = started();
    SentinelEngine e = h.engine;
    assertEquals("ERR Invalid quorum", e.monitor("m2", "10.0.0.5", "x", "q"));
    assertEquals("ERR Invalid port", e.monitor("m2", "10.0.0.5", "x", "2"));
    assertEquals("ERR Quorum must be 1 or greater.", e.monitor("m2", "10.0.0.5", "6379", "0"));
    assertEquals(
        "ERR Invalid IP address or hostname specified", e.monitor("m2", "db.local", "6379", "2"));
    assertEquals("ERR Invalid port number.", e.monitor("m2", "10.0.0.5", "70000", "2"));
    assertEquals("ERR Duplicate master name.", e.monitor("mymaster", "10.0.0.5", "6379", "2"));
    h.events.clear();
    assertNull(e.monitor("m2", "::1", "6379", "2"));
    assertEquals(List.of("+monitor master m2 ::1 6379 quorum 2"), h.eventTexts());
    assertEquals(2, e.state().masters().size());
    MasterState m2 = e.state().masters().get(1);
    assertEquals(30_000, m2.downAfterMs());
    assertEquals(180_000, m2.failoverTimeoutMs());
  }

  @Test
  void removeEmitsAndForgets() {
    EngineHarness h = started();
    h.connect(EngineHarness.PRIMARY);
    assertEquals("ERR No such master with that name", h.engine.remove("nope"));
    h.events.clear();
    assertNull(h.engine.remove("mymaster"));
    assertEquals(List.of("-monitor master mymaster 10.0.0.1 6379"), h.eventTexts());
    assertTrue(h.engine.state().masters().isEmpty());
    assertTrue(h.sent.get(h.sent.size() - 1) instanceof Outbound.Disconnect);
  }

  @Test
  void setAppliesLeftToRightWithEventsAndExactErrors() {
    EngineHarness h = started();
    SentinelEngine e = h.engine;
    h.events.clear();
    assertNull(
        e.set(
            "mymaster",
            List.of(
                "down-after-milliseconds",
                "1000",
                "QUORUM",
                "3",
                "auth-pass",
                "secret",
                "rename-command",
                "CONFIG",
                "MYCONFIG")));
    assertEquals(
        List.of(
            "+set master mymaster 10.0.0.1 6379 down-after-milliseconds 1000",
            "+set master mymaster 10.0.0.1 6379 QUORUM 3",
            "+set master mymaster 10.0.0.1 6379 auth-pass ******",
            "+set master mymaster 10.0.0.1 6379 rename-command CONFIG MYCONFIG"),
        h.eventTexts());
    MasterState m = e.state().masters().get(0);
    assertEquals(1000, m.downAfterMs());
    assertEquals(3, m.quorum());
    assertEquals("secret", m.authPass());
    assertEquals(Map.of("CONFIG", "MYCONFIG"), m.renamedCommands());
    assertNull(e.set("mymaster", List.of("rename-command", "config", "CONFIG")));
    assertTrue(e.state().masters().get(0).renamedCommands().isEmpty(), "renaming to itself undoes");

    assertEquals("ERR No such master with that name", e.set("x", List.of("quorum", "1")));
    assertEquals(
        "ERR Unknown option or number of arguments for SENTINEL SET 'fakeoption'",
        e.set("mymaster", List.of("fakeoption", "1")));
    assertEquals(
        "ERR Invalid argument '0' for SENTINEL SET 'parallel-syncs'",
        e.set("mymaster", List.of("parallel-syncs", "0")));
    assertEquals(
        "ERR Invalid argument '-1' for SENTINEL SET 'master-reboot-down-after-period'",
        e.set("mymaster", List.of("master-reboot-down-after-period", "-1")));
    assertEquals(
        "ERR Reconfiguration of scripts path is denied for security reasons. Check the"
            + " deny-scripts-reconfig configuration directive in your Sentinel configuration",
        e.set("mymaster", List.of("notification-script", "/bin/true")));
    // not atomic: the first pair stays applied although the second fails
    assertEquals(
        "ERR Invalid argument 'x' for SENTINEL SET 'failover-timeout'",
        e.set("mymaster", List.of("parallel-syncs", "5", "failover-timeout", "x")));
    assertEquals(5, e.state().masters().get(0).parallelSyncs());
  }

  @Test
  void setReportsASaveFailure() {
    EngineHarness h = started();
    h.storeWorks = false;
    assertEquals(
        "ERR Failed to save config file. Check server logs.",
        h.engine.set("mymaster", List.of("quorum", "1")));
    assertTrue(!h.engine.flushConfig());
  }

  @Test
  void configSetValidatesEverythingFirst() {
    EngineHarness h = started();
    SentinelEngine e = h.engine;
    assertEquals(
        "ERR Invalid argument 'bogus' to SENTINEL CONFIG SET", e.configSet(List.of("bogus", "1")));
    assertEquals(
        "ERR Duplicate argument 'announce-port' to SENTINEL CONFIG SET",
        e.configSet(List.of("announce-port", "1", "announce-port", "2")));
    assertEquals("ERR Missing argument 'announce-ip' value", e.configSet(List.of("announce-ip")));
    assertEquals(
        "ERR Invalid value 'maybe' to SENTINEL CONFIG SET 'resolve-hostnames'",
        e.configSet(List.of("announce-port", "7", "resolve-hostnames", "maybe")));
    assertEquals(0, e.state().globals().announcePort(), "nothing applied on a validation error");
    assertNull(
        e.configSet(List.of("announce-ip", "", "announce-port", "26999", "loglevel", "verbose")));
    assertEquals("", e.state().globals().announceIp(), "an empty announce-ip is stored as given");
    assertEquals(
        Map.of("announce-hostnames", "no", "announce-ip", "", "announce-port", "26999"),
        e.configGet(List.of("announce-*")));
    // per pattern in Sentinel's fixed order, each name once
    assertEquals(
        List.of(
            "loglevel",
            "resolve-hostnames",
            "announce-hostnames",
            "announce-ip",
            "announce-port",
            "sentinel-user",
            "sentinel-pass"),
        List.copyOf(e.configGet(List.of("loglevel", "*")).keySet()));
    assertEquals("verbose", e.configGet(List.of("LOGLEVEL")).get("loglevel"));
  }

  @Test
  void debugOverridesTimingsAndListsThemInOrder() {
    EngineHarness h = started();
    SentinelEngine e = h.engine;
    assertNull(e.debug(List.of("ping-period", "50", "INFO-PERIOD", "300")));
    Map<String, Long> values = e.debug();
    assertEquals(13, values.size());
    assertEquals("INFO-PERIOD", values.keySet().iterator().next());
    assertEquals(300L, values.get("INFO-PERIOD"));
    assertEquals(50L, values.get("PING-PERIOD"));
    assertEquals(
        "ERR Unknown option or number of arguments for SENTINEL DEBUG 'nope'",
        e.debug(List.of("nope", "1")));
    assertEquals(
        "ERR Invalid argument '0' for SENTINEL DEBUG 'tilt-period'",
        e.debug(List.of("ask-period", "70", "tilt-period", "0")));
    assertEquals(70L, e.debug().get("ASK-PERIOD"), "pairs before the bad one stay applied");
  }

  @Test
  void ckquorumCountsUsableSentinels() {
    EngineHarness h = new EngineHarness(EngineHarness.master(3, 5_000), true);
    h.start();
    assertEquals(
        new SentinelEngine.CommandReply(
            true,
            "NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified"
                + " quorum for this master"),
        h.engine.ckquorum("mymaster"));
    h.addPeers();
    assertEquals(
        new SentinelEngine.CommandReply(
            false, "OK 3 usable Sentinels. Quorum and failover authorization can be reached"),
        h.engine.ckquorum("mymaster"));
    assertEquals(
        new SentinelEngine.CommandReply(true, "ERR No such master with that name"),
        h.engine.ckquorum("x"));
  }

  @Test
  void resetForgetsReplicasAndSentinelsOfMatchingMasters() {
    EngineHarness h = FailoverStateMachineTest.healthy();
    assertEquals(2, h.engine.snapshot().master("mymaster").numSlaves());
    assertEquals(0, h.engine.reset("other*"));
    h.events.clear();
    assertEquals(1, h.engine.reset("my*"));
    assertEquals(List.of("+reset-master master mymaster 10.0.0.1 6379"), h.eventTexts());
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertEquals(0, m.numSlaves());
    assertEquals(0, m.numOtherSentinels());
  }

  @Test
  void simulateFailureFlags() {
    EngineHarness h = started();
    assertNull(h.engine.simulateFailure(List.of("crash-after-election", "CRASH-AFTER-PROMOTION")));
    assertEquals(3, h.engine.snapshot().simulateFailureFlags());
    assertEquals(
        "ERR Unknown failure simulation specified", h.engine.simulateFailure(List.of("boom")));
    assertEquals(0, h.engine.snapshot().simulateFailureFlags(), "reset first");
  }

  @Test
  void infoCacheReturnsRawInfoAndAges() {
    EngineHarness h = FailoverStateMachineTest.healthy();
    h.clock.advance(40);
    Map<String, List<SentinelEngine.InfoCacheEntry>> cache =
        h.engine.infoCache(List.of("mymaster", "unknown"));
    assertEquals(List.of("mymaster"), List.copyOf(cache.keySet()));
    List<SentinelEngine.InfoCacheEntry> entries = cache.get("mymaster");
    assertEquals(3, entries.size());
    assertTrue(entries.get(0).info().contains("role:master"));
    assertEquals(40, entries.get(0).ageMs());
  }
}
