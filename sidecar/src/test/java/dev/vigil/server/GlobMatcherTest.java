package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobMatcherTest {
  private static boolean m(String p, String s) {
    return GlobMatcher.matches(p, s, false);
  }

  @Test
  void starsAndQuestionMarks() {
    assertTrue(m("*", "+switch-master"));
    assertTrue(m("+s*", "+sdown"));
    assertFalse(m("+s*", "-sdown"));
    assertTrue(m("h?llo", "hello"));
    assertFalse(m("h?llo", "hllo"));
    assertTrue(m("a**b", "axxb"));
    assertTrue(m("*master*", "+switch-master"));
    assertFalse(m("*", ""), "Valkey's stringmatchlen never matches an empty subject");
  }

  @Test
  void classesRangesNegationAndEscapes() {
    assertTrue(m("h[ae]llo", "hallo"));
    assertFalse(m("h[ae]llo", "hillo"));
    assertTrue(m("h[^e]llo", "hallo"));
    assertFalse(m("h[^e]llo", "hello"));
    assertTrue(m("h[a-c]llo", "hbllo"));
    assertTrue(m("h[c-a]llo", "hbllo"), "reversed ranges are swapped");
    assertTrue(m("a\\*b", "a*b"));
    assertFalse(m("a\\*b", "axb"));
    assertTrue(m("[\\]]", "]"));
  }

  @Test
  void caseFolding() {
    assertTrue(GlobMatcher.matches("CL*", "client|list", true));
    assertFalse(GlobMatcher.matches("CL*", "client|list", false));
  }
}
