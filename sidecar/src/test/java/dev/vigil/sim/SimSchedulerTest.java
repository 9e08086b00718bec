package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimSchedulerTest {
  @Test
  void runsTasksByTimeThenBySchedulingOrder() {
    SimScheduler s = new SimScheduler(1);
    List<String> order = new ArrayList<>();
    s.at(20, () -> order.add("b@20"));
    s.at(10, () -> order.add("a@10"));
    s.at(20, () -> order.add("c@20"));
    s.at(10, () -> s.after(0, () -> order.add("d@10-nested")));
    s.runUntil(100);
    assertEquals(List.of("a@10", "d@10-nested", "b@20", "c@20"), order);
    assertEquals(100, s.nowMs());
  }

  @Test
  void runUntilLeavesLaterTasksQueuedAndNeverGoesBack() {
    SimScheduler s = new SimScheduler(1);
    List<Long> seen = new ArrayList<>();
    s.at(50, () -> seen.add(s.nowMs()));
    s.at(150, () -> seen.add(s.nowMs()));
    s.runUntil(100);
    assertEquals(List.of(50L), seen);
    assertEquals(100, s.nowMs());
    s.at(10, () -> seen.add(s.nowMs())); // in the past: clamped to now
    s.runUntil(200);
    assertEquals(List.of(50L, 100L, 150L), seen);
  }

  @Test
  void sameSeedSameRandomnessDifferentSeedDifferent() {
    assertEquals(draws(42), draws(42));
    assertNotEquals(draws(42), draws(43));
  }

  @Test
  void manualClockJumpsWallTimeButNotMonotonicTime() {
    SimScheduler s = new SimScheduler(7);
    long[] wall = {1_000_000};
    SimClock clock = new SimClock(s, 5_000, wall);
    s.runUntil(300);
    assertEquals(5_300, clock.monotonicMs());
    assertEquals(1_000_300, clock.wallMs());
    wall[0] -= 60_000;
    assertEquals(5_300, clock.monotonicMs());
    assertEquals(940_300, clock.wallMs());
    assertEquals(300, clock.toSchedulerTime(clock.monotonicMs()));
  }

  private static List<Long> draws(long seed) {
    SimScheduler s = new SimScheduler(seed);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(s.between(0, 1_000_000));
    }
    return out;
  }
}
