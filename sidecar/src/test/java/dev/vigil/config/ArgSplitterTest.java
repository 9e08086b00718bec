package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgSplitterTest {
  @Test
  void splitsOnBlanks() {
    assertEquals(
        List.of("sentinel", "monitor", "m", "127.0.0.1", "6379", "2"),
        ArgSplitter.split("sentinel  monitor\tm 127.0.0.1 6379 2"));
    assertEquals(List.of(), ArgSplitter.split("   "));
  }

  @Test
  void doubleQuotesUnderstandEscapes() {
    assertEquals(
        List.of("a b", "x\ny\r\t\b\u0007\\\"z"),
        ArgSplitter.split("\"a b\" \"x\\ny\\r\\t\\b\\a\\\\\\\"z\""));
    assertEquals(List.of("A-q"), ArgSplitter.split("\"\\x41-\\q\""));
    assertEquals(List.of(""), ArgSplitter.split("\"\""));
  }

  @Test
  void hexEscapesAreBytesDecodedAsUtf8() {
    assertEquals(List.of("p\u00e4ss"), ArgSplitter.split("\"p\\xc3\\xa4ss\""));
    assertEquals(List.of("\u00e4"), ArgSplitter.split("\u00e4"));
  }

  @Test
  void singleQuotesOnlyUnderstandEscapedQuote() {
    assertEquals(List.of("it's \\n"), ArgSplitter.split("'it\\'s \\n'"));
  }

  @Test
  void quoteMayStartInsideAnArgument() {
    assertEquals(List.of("abc d", "e"), ArgSplitter.split("ab\"c d\" e"));
  }

  @Test
  void unbalancedQuotesAreRefused() {
    assertNull(ArgSplitter.split("requirepass \"abc"));
    assertNull(ArgSplitter.split("requirepass 'abc"));
    assertNull(ArgSplitter.split("requirepass \"abc\"def"));
    assertNull(ArgSplitter.split("requirepass 'abc'def"));
  }

  @Test
  void reprIsReadBackUnchanged() {
    for (String s :
        List.of(
            "plain",
            "",
            "sp ace",
            "q\"uote",
            "back\\slash",
            "tab\tnl\n",
            "\u00e4\u20ac",
            "ctl\u0001\u007f",
            "'single'")) {
      assertEquals(List.of(s), ArgSplitter.split(Repr.quote(s)), s);
    }
    assertEquals("\"a\\\"b\\\\c\\n\\x01\\xc3\\xa4\"", Repr.quote("a\"b\\c\n\u0001\u00e4"));
  }
}
