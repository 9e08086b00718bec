package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TILT on wall clock jumps and on stalls of the owning thread. */
class TiltTest {
  @Test
  void detectorRules() {
    TiltDetector t = new TiltDetector();
    assertFalse(t.check(0, 1_000_000, 2_000), "first step only records");
    assertFalse(t.check(100, 1_000_100, 2_000));
    assertTrue(t.check(200, 1_000_050, 2_000), "wall clock went back");
    assertTrue(t.check(300, 1_003_000, 2_000), "wall clock jumped forward > trigger");
    assertTrue(t.check(2_400, 1_005_100, 2_000), "thread stalled > trigger");
    assertFalse(t.check(2_500, 1_005_200, 2_000));
    assertEquals(3, t.totalTilts);
    assertFalse(t.maybeExit(2_400 + 29_999, 30_000));
    assertTrue(t.maybeExit(2_400 + 30_000, 30_000));
    assertFalse(t.tilt);
  }

  @Test
  void engineEntersAndLeavesTiltWithSentinelsEvents() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.advance(500);
    h.clock.jumpWall(5_000);
    h.advance(100);
    assertEquals(List.of("+tilt #tilt mode entered"), h.eventTexts(e -> e.type().contains("tilt")));
    assertTrue(h.engine.snapshot().tilt());
    // no SDOWN during TILT although the primary never answers
    h.advance(29_000);
    assertEquals(0, h.count("+sdown"));
    h.advance(1_100);
    assertEquals(
        List.of("+tilt #tilt mode entered", "-tilt #tilt mode exited"),
        h.eventTexts(e -> e.type().contains("tilt")));
    assertEquals(1, h.count("+sdown"), "evaluated again after TILT");
    assertEquals(1, h.engine.snapshot().totalTilts());
  }

  @Test
  void aStalledThreadCountsAsTilt() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.clock.advance(2_500); // poll requested within 100 ms, called 2.5 s later
    h.engine.poll(h.clock.monotonicMs());
    assertEquals(1, h.count("+tilt"));
  }

  @Test
  void pollNeverAsksForMoreThanTheHeartbeat() {
    EngineHarness h = new EngineHarness();
    h.start();
    long now = h.clock.monotonicMs();
    long next = h.engine.poll(now);
    assertTrue(next > now && next <= now + SentinelEngine.HEARTBEAT_MS, "deadline " + (next - now));
  }
}
