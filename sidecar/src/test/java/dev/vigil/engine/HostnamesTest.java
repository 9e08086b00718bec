package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec §12: with {@code resolve-hostnames yes} a host name stands for its resolved IP everywhere
 * unless {@code announce-hostnames yes}, in which case the name itself is shown and announced.
 */
class HostnamesTest {
  private static final Map<String, String> DNS =
      Map.of("db.example", "10.0.0.1", "replica.example", "10.0.0.5", "peer.example", "10.0.0.21");

  private static EngineHarness harness(boolean announceHostnames) {
    MasterState m = EngineHarness.master(2, 5_000);
    MasterState byName =
        new MasterState(
            m.name(),
            "db.example",
            m.port(),
            m.quorum(),
            m.downAfterMs(),
            m.failoverTimeoutMs(),
            m.parallelSyncs(),
            null,
            null,
            null,
            null,
            0,
            0,
            0,
            List.of(),
            List.of(),
            Map.of());
    GlobalOptions globals = new GlobalOptions(null, 0, true, null, null, true, announceHostnames);
    EngineHarness h =
        new EngineHarness(
            new SentinelState(EngineHarness.MYID, 0, globals, List.of(byName)), true, DNS::get);
    h.start();
    return h;
  }

  @Test
  void resolvedAddressesAreShownAndAnnouncedWhenHostnamesAreNotAnnounced() {
    EngineHarness h = harness(false);
    assertEquals(List.of("+monitor master mymaster 10.0.0.1 6379 quorum 2"), h.eventTexts());
    assertEquals(new HostPort("10.0.0.1", 6379), h.engine.masterAddress("mymaster"));
    assertEquals("10.0.0.1", h.engine.snapshot().master("mymaster").ip());
    assertEquals("10.0.0.1", h.engine.state().masters().get(0).host(), "the rewritten config");
    h.connect(EngineHarness.PRIMARY);
    h.events.clear();
    // A replica announcing itself by name (replica-announce-ip) is kept under its IP.
    h.info(
        EngineHarness.PRIMARY,
        EngineHarness.primaryInfo(
            EngineHarness.runid('1'), "ip=replica.example,port=6380,state=online,offset=1,lag=0"));
    assertEquals(
        List.of("+slave slave 10.0.0.5:6380 10.0.0.5 6380 @ mymaster 10.0.0.1 6379"),
        h.eventTexts());
    // A hello naming the primary by name names the same primary: no switch.
    h.events.clear();
    h.engine.processHello(
        "peer.example,26380," + EngineHarness.PEER1 + ",0,mymaster,db.example,6379,1");
    assertTrue(
        h.eventTexts().stream().noneMatch(e -> e.startsWith("+switch-master")),
        h.eventTexts().toString());
    assertEquals(
        List.of(
            "+sentinel sentinel "
                + EngineHarness.PEER1
                + " 10.0.0.21 26380 @ mymaster 10.0.0.1 6379"),
        h.eventTexts());
  }

  @Test
  void aPeerAskingByNameFindsThePrimaryKeptByIp() {
    EngineHarness h = harness(false);
    SentinelEngine.IsDownAnswer byName =
        h.engine.isMasterDownByAddr("db.example", 6379, 1, EngineHarness.PEER1);
    assertEquals(EngineHarness.PEER1, byName.leader(), "found, so it voted");
    assertEquals(1, byName.leaderEpoch());
    SentinelEngine.IsDownAnswer unknown =
        h.engine.isMasterDownByAddr("replica.example", 6379, 2, EngineHarness.PEER1);
    assertEquals("*", unknown.leader(), "another address: no such primary, no vote");
  }

  @Test
  void namesAreKeptWhenHostnamesAreAnnounced() {
    EngineHarness h = harness(true);
    assertEquals(List.of("+monitor master mymaster db.example 6379 quorum 2"), h.eventTexts());
    assertEquals(new HostPort("db.example", 6379), h.engine.masterAddress("mymaster"));
    assertEquals("db.example", h.engine.state().masters().get(0).host());
    assertTrue(
        h.sent.stream().anyMatch(o -> o.endpoint().equals(Endpoint.data("db.example", 6379))),
        "the transport connects by name (and resolves on every connection)");
  }

  @Test
  void monitorResolvesHostNames() {
    EngineHarness h = harness(false);
    assertEquals(
        "ERR Invalid IP address or hostname specified",
        h.engine.monitor("other", "nowhere.example", "6390", "1"));
    assertEquals(null, h.engine.monitor("other", "replica.example", "6390", "1"));
    assertEquals(new HostPort("10.0.0.5", 6390), h.engine.masterAddress("other"));
  }
}
