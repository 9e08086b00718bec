package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.HostPort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Peer discovery, address changes, epoch adoption and config updates from hellos. */
class HelloProcessingTest {
  static final String P1 = EngineHarness.PEER1;

  @Test
  void discoversAPeerOnceAndPersistsIt() {
    EngineHarness h = new EngineHarness();
    h.start();
    int saves = h.saves.size();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 0, "10.0.0.1", 6379, 0));
    h.engine.processHello(EngineHarness.hello(P1, 26380, 0, "10.0.0.1", 6379, 0));
    assertEquals(
        List.of("+sentinel sentinel " + P1 + " 10.0.0.20 26380 @ mymaster 10.0.0.1 6379"),
        h.eventTexts(e -> e.type().startsWith("+sentinel")));
    assertEquals(saves + 1, h.saves.size());
    assertEquals(P1, h.engine.state().masters().get(0).knownSentinels().get(0).runid());
    assertEquals(1, h.sent(Outbound.Connect.class, EngineHarness.peer(26380)).size());
  }

  @Test
  void ignoresMalformedOrUnknownMastersAndOwnEcho() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.engine.processHello("garbage");
    h.engine.processHello("10.0.0.20,26380," + P1 + ",0,other,10.0.0.1,6379,0");
    h.engine.handle(
        new Inbound.HelloMessage(
            EngineHarness.PRIMARY,
            EngineHarness.hello(EngineHarness.MYID, 26379, 0, "10.0.0.1", 6379, 0)));
    assertEquals(0, h.count("+sentinel"));
  }

  @Test
  void aPeerThatMovedIsSwitchedNotDuplicated() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 0, "10.0.0.1", 6379, 0));
    h.engine.processHello(EngineHarness.hello(P1, 26390, 0, "10.0.0.1", 6379, 0));
    assertEquals(
        List.of(
            "+sentinel sentinel " + P1 + " 10.0.0.20 26380 @ mymaster 10.0.0.1 6379",
            "+sentinel-address-switch master mymaster 10.0.0.1 6379 ip 10.0.0.20 port 26390 for "
                + P1),
        h.eventTexts(e -> e.type().startsWith("+sentinel")));
    assertEquals(1, h.engine.snapshot().master("mymaster").numOtherSentinels());
    assertEquals(26390, h.engine.snapshot().master("mymaster").sentinels().get(0).port());
  }

  @Test
  void aNewRunidAtAKnownAddressReplacesTheOldOne() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 0, "10.0.0.1", 6379, 0));
    String other = "f".repeat(40);
    h.engine.processHello(EngineHarness.hello(other, 26380, 0, "10.0.0.1", 6379, 0));
    assertEquals(1, h.count("+sentinel-invalid-addr"));
    assertEquals(other, h.engine.snapshot().master("mymaster").sentinels().get(0).runid());
  }

  @Test
  void adoptsAGreaterCurrentEpoch() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 7, "10.0.0.1", 6379, 0));
    assertEquals(List.of("+new-epoch 7"), h.eventTexts(e -> e.type().equals("+new-epoch")));
    assertEquals(7, h.engine.state().currentEpoch());
    assertEquals(
        "mymaster",
        h.events.stream()
            .filter(e -> e.type().equals("+new-epoch"))
            .findFirst()
            .get()
            .masterName());
  }

  @Test
  void aGreaterConfigEpochSwitchesTheMaster() {
    dev.vigil.engine.state.GlobalOptions scriptsAllowed =
        new dev.vigil.engine.state.GlobalOptions(null, 0, false, null, null, false, false);
    EngineHarness h =
        new EngineHarness(
            new dev.vigil.engine.state.SentinelState(
                EngineHarness.MYID, 0, scriptsAllowed, List.of(EngineHarness.master(2, 5_000))),
            true);
    List<List<String>> scripts = new java.util.ArrayList<>();
    h.engine.setScriptRunner(scripts::add);
    h.start();
    assertEquals(null, h.engine.set("mymaster", List.of("client-reconfig-script", "/bin/true")));
    h.engine.processHello(EngineHarness.hello(P1, 26380, 3, "10.0.0.1", 6379, 0));
    h.events.clear();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 3, "10.0.0.3", 6381, 3));
    assertEquals(
        List.of(
            "+config-update-from sentinel " + P1 + " 10.0.0.20 26380 @ mymaster 10.0.0.1 6379",
            "+switch-master mymaster 10.0.0.1 6379 10.0.0.3 6381",
            "+slave slave 10.0.0.1:6379 10.0.0.1 6379 @ mymaster 10.0.0.3 6381"),
        h.eventTexts());
    assertEquals(new HostPort("10.0.0.3", 6381), h.engine.masterAddress("mymaster"));
    assertEquals(3, h.engine.state().masters().get(0).configEpoch());
    assertEquals(
        List.of(
            List.of(
                "/bin/true",
                "mymaster",
                "observer",
                "start",
                "10.0.0.1",
                "6379",
                "10.0.0.3",
                "6381")),
        scripts);
    assertEquals(1, h.engine.snapshot().master("mymaster").numOtherSentinels(), "peers are kept");
    // an equal or older config epoch changes nothing
    h.events.clear();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 3, "10.0.0.1", 6379, 3));
    assertTrue(h.eventTexts().isEmpty(), h.eventTexts().toString());
  }

  @Test
  void anInfoOfTheOldAddressAnsweredAfterTheSwitchIsIgnored() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.connect(EngineHarness.PRIMARY);
    Outbound.Info pending = h.last(Outbound.Info.class, EngineHarness.PRIMARY);
    h.engine.processHello(EngineHarness.hello(P1, 26380, 3, "10.0.0.3", 6381, 3));
    h.events.clear();
    h.engine.handle(
        new Inbound.InfoReply(
            EngineHarness.PRIMARY,
            pending.id(),
            EngineHarness.primaryInfo(
                EngineHarness.runid('1'), "ip=10.0.0.3,port=6381,state=online,offset=1,lag=0")));
    assertTrue(h.eventTexts().isEmpty(), h.eventTexts().toString());
    assertEquals(1, h.engine.snapshot().master("mymaster").numSlaves(), "only the old primary");
  }
}
