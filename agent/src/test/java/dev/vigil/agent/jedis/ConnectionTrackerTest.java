package dev.vigil.agent.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.HostPort;
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
}
