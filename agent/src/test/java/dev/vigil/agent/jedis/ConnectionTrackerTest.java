package dev.vigil.agent.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.HostPort;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Switch generations per factory, with real (never connected) Jedis objects. */
class ConnectionTrackerTest {
  private final ConnectionTracker tracker = new ConnectionTracker(true);
  private final Object factory = new Object();

  @Test
  void retiresEverythingMadeBeforeTheSwitchAndNothingAfter() {
    Jedis before = new Jedis("127.0.0.1", 16379);
    tracker.made(factory, new DefaultPooledObject<>(before), tracker.epoch(factory));
    assertEquals(1, tracker.tracked(factory));

    tracker.retireAll(factory, new HostPort("127.0.0.1", 16380));
    assertTrue(before.getConnection().isBroken());
    assertEquals(0, tracker.tracked(factory));

    Jedis after = new Jedis("127.0.0.1", 16380);
    tracker.made(factory, new DefaultPooledObject<>(after), tracker.epoch(factory));
    assertFalse(after.getConnection().isBroken());
    assertEquals(1, tracker.tracked(factory));
  }

  @Test
  void aConnectionWhoseMakingRacedWithTheSwitchIsRetiredAtOnce() {
    long epochWhenMakingStarted = tracker.epoch(factory);
    tracker.retireAll(factory, new HostPort("127.0.0.1", 16380));
    Jedis raced = new Jedis("127.0.0.1", 16379);
    tracker.made(factory, new DefaultPooledObject<>(raced), epochWhenMakingStarted);
    assertTrue(raced.getConnection().isBroken());
    assertEquals(0, tracker.tracked(factory));
  }

  @Test
  void factoriesAreIndependent() {
    Object other = new Object();
    Jedis mine = new Jedis("127.0.0.1", 16379);
    Jedis theirs = new Jedis("127.0.0.1", 16379);
    tracker.made(factory, new DefaultPooledObject<>(mine), 0);
    tracker.made(other, new DefaultPooledObject<>(theirs), 0);
    tracker.retireAll(factory, null);
    assertTrue(mine.getConnection().isBroken());
    assertFalse(theirs.getConnection().isBroken());
  }

  /**
   * JedisSentinelPool has a listener per sentinel; the one that loses the race must not return (and
   * publish the new master) before the winner has marked the old connections broken.
   */
  @Test
  void aSecondReporterOfTheSameSwitchReturnsOnlyAfterTheFirstRetiredEverything() throws Exception {
    Jedis stale = new Jedis("127.0.0.1", 16379);
    tracker.made(factory, new DefaultPooledObject<>(stale), tracker.epoch(factory));
    HostPort next = new HostPort("127.0.0.1", 16380);
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch letFirstGoOn = new CountDownLatch(1);
    Iterable<Object> slowHeld =
        () -> {
          firstInside.countDown();
          await(letFirstGoOn);
          return Collections.emptyIterator();
        };
    AtomicInteger firstResult = new AtomicInteger(Integer.MIN_VALUE);
    Thread first = new Thread(() -> firstResult.set(tracker.switchOnce(factory, next, slowHeld)));
    first.start();
    await(firstInside);

    AtomicInteger secondResult = new AtomicInteger(Integer.MIN_VALUE);
    AtomicBoolean staleBrokenWhenSecondReturned = new AtomicBoolean();
    Thread second =
        new Thread(
            () -> {
              secondResult.set(tracker.switchOnce(factory, next, Collections.emptyList()));
              staleBrokenWhenSecondReturned.set(stale.getConnection().isBroken());
            });
    second.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (second.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
      Thread.yield();
    }
    assertEquals(Thread.State.BLOCKED, second.getState(), "second reporter waits for the first");

    letFirstGoOn.countDown();
    first.join(10_000);
    second.join(10_000);
    // Never connected, so nothing was open to count: 0, not -1 (which means "already switched").
    assertEquals(0, firstResult.get(), "the first reporter does the switch");
    assertEquals(-1, secondResult.get(), "the second sees the switch done");
    assertTrue(staleBrokenWhenSecondReturned.get(), "broken before the second reporter returned");
  }

  @Test
  void switchingToTheSameTargetAgainRetiresNothing() {
    HostPort next = new HostPort("127.0.0.1", 16380);
    Jedis held = new Jedis("127.0.0.1", 16379);
    assertEquals(
        0,
        tracker.switchOnce(
            factory, next, Collections.singletonList(new DefaultPooledObject<>(held))));
    assertTrue(held.getConnection().isBroken());
    Jedis made = new Jedis("127.0.0.1", 16380);
    tracker.made(factory, new DefaultPooledObject<>(made), tracker.epoch(factory));
    assertEquals(-1, tracker.switchOnce(factory, next, Collections.emptyList()));
    assertFalse(made.getConnection().isBroken());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
