package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  /** Equal to every other instance: an identity map must still tell them apart. */
  private static final class AlwaysEqual {
    @Override
    public boolean equals(Object o) {
      return o instanceof AlwaysEqual;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void keysByIdentityNotEquality() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    AlwaysEqual a = new AlwaysEqual();
    AlwaysEqual b = new AlwaysEqual();
    map.put(a, "a");
    assertTrue(map.containsKey(a));
    assertFalse(map.containsKey(b));
    map.put(b, "b");
    assertEquals(2, map.size());
    assertEquals("a", map.get(a));
    assertEquals("b", map.remove(b));
    assertEquals(1, map.size());
  }

  @Test
  void doesNotKeepKeysAlive() throws InterruptedException {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    map.put(new Object(), "garbage");
    Object kept = new Object();
    map.put(kept, "kept");
    long deadline = System.currentTimeMillis() + 10_000;
    while (map.size() > 1 && System.currentTimeMillis() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(1, map.size());
    assertEquals("kept", map.get(kept));
  }
}
