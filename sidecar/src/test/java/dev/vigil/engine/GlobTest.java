package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void matchesLikeRedis() {
    assertTrue(Glob.matches("*", "mymaster", false));
    assertTrue(Glob.matches("my*", "mymaster", false));
    assertTrue(Glob.matches("m?master", "mymaster", false));
    assertTrue(Glob.matches("[lm]ymaster", "mymaster", false));
    assertTrue(Glob.matches("[^a]ymaster", "mymaster", false));
    assertTrue(Glob.matches("[a-n]ymaster", "mymaster", false));
    assertTrue(Glob.matches("my\\*", "my*", false));
    assertFalse(Glob.matches("MY*", "mymaster", false));
    assertTrue(Glob.matches("ANNOUNCE-*", "announce-ip", true));
    assertFalse(Glob.matches("my?", "mymaster", false));
    assertFalse(Glob.matches("", "x", false));
  }
}
