package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §9: the notification script runs for every WARNING event that concerns a primary. */
class NotificationScriptTest {
  private static final String P1 = EngineHarness.PEER1;
  private final List<List<String>> scripts = new ArrayList<>();

  private EngineHarness harness(String notificationScript) {
    MasterState m = EngineHarness.master(2, 5_000);
    MasterState withScript =
        new MasterState(
            m.name(),
            m.host(),
            m.port(),
            m.quorum(),
            m.downAfterMs(),
            m.failoverTimeoutMs(),
            m.parallelSyncs(),
            notificationScript,
            null,
            null,
            null,
            0,
            0,
            0,
            List.of(),
            List.of(),
            java.util.Map.of());
    GlobalOptions scriptsAllowed = new GlobalOptions(null, 0, false, null, null, false, false);
    EngineHarness h =
        new EngineHarness(
            new SentinelState(EngineHarness.MYID, 0, scriptsAllowed, List.of(withScript)), true);
    h.engine.setScriptRunner(scripts::add);
    return h;
  }

  private List<String> scriptEvents() {
    List<String> out = new ArrayList<>();
    for (List<String> argv : scripts) {
      assertEquals(3, argv.size(), argv.toString());
      assertEquals("/n.sh", argv.get(0));
      out.add(argv.get(1) + " " + argv.get(2));
    }
    return out;
  }

  @Test
  void warningEventsOfThePrimaryAndItsSentinelsRunTheScriptWithTypeAndMessage() {
    EngineHarness h = harness("/n.sh");
    h.start();
    assertEquals(List.of("+monitor master mymaster 10.0.0.1 6379 quorum 2"), scriptEvents());
    scripts.clear();
    h.events.clear();
    h.engine.processHello(EngineHarness.hello(P1, 26380, 3, "10.0.0.3", 6381, 3));
    List<String> warnings =
        h.eventTexts(e -> e.level() == SentinelEvent.Level.WARNING && e.masterName() != null);
    assertEquals(warnings, scriptEvents(), "exactly the WARNING events, in order");
    assertTrue(
        scriptEvents()
            .contains(
                "+config-update-from sentinel " + P1 + " 10.0.0.20 26380 @ mymaster 10.0.0.1 6379"),
        scriptEvents().toString());
    assertTrue(
        scriptEvents().contains("+switch-master mymaster 10.0.0.1 6379 10.0.0.3 6381"),
        scriptEvents().toString());
    assertTrue(scriptEvents().contains("+new-epoch 3"), scriptEvents().toString());
    assertTrue(
        h.eventTexts().stream().anyMatch(t -> t.startsWith("+sentinel ")),
        "NOTICE events happened but ran nothing: " + h.eventTexts());
  }

  @Test
  void eventsWithoutAnInstanceRunNothing() {
    EngineHarness h = harness("/n.sh");
    h.start();
    scripts.clear();
    h.clock.jumpWall(-10_000);
    h.advance(100);
    assertTrue(h.eventTexts().contains("+tilt #tilt mode entered"), h.eventTexts().toString());
    assertEquals(List.of(), scripts);
  }

  @Test
  void setAddsAndClearsTheScriptAtOnce() {
    EngineHarness h = harness(null);
    h.start();
    assertEquals(List.of(), scripts);
    assertEquals(null, h.engine.set("mymaster", List.of("notification-script", "/n.sh")));
    assertEquals(
        List.of("+set master mymaster 10.0.0.1 6379 notification-script /n.sh"), scriptEvents());
    scripts.clear();
    assertEquals(null, h.engine.set("mymaster", List.of("notification-script", "")));
    assertEquals(List.of(), scripts, "the +set that clears it runs nothing");
  }
}
