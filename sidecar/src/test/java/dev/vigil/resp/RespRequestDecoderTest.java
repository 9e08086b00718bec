package dev.vigil.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RespRequestDecoderTest {

  private final AtomicBoolean authRequired = new AtomicBoolean(false);

  private EmbeddedChannel channel(RespLimits limits) {
    return new EmbeddedChannel(new RespRequestDecoder(limits, authRequired::get));
  }

  /** Feeds the input in chunks of the given size, returning everything decoded. */
  private List<Object> feed(String input, int chunk, RespLimits limits) {
    EmbeddedChannel ch = channel(limits);
    byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < bytes.length; i += chunk) {
      int n = Math.min(chunk, bytes.length - i);
      ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, n));
    }
    List<Object> out = new ArrayList<>();
    Object o;
    while ((o = ch.readInbound()) != null) {
      out.add(o);
    }
    ch.finishAndReleaseAll();
    return out;
  }

  private List<Object> feedAllWays(String input) {
    List<Object> whole = feed(input, Integer.MAX_VALUE, RespLimits.VALKEY_DEFAULTS);
    for (int chunk = 1; chunk <= 7; chunk++) {
      assertEquals(
          describe(whole),
          describe(feed(input, chunk, RespLimits.VALKEY_DEFAULTS)),
          "split in chunks of " + chunk);
    }
    return whole;
  }

  private static List<String> describe(List<Object> decoded) {
    List<String> out = new ArrayList<>();
    for (Object o : decoded) {
      if (o instanceof RespInbound.Request r) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < r.argc(); i++) {
          a.add(r.arg(i));
        }
        out.add((r.inline() ? "inline" : "multibulk") + a);
      } else {
        out.add(o.toString());
      }
    }
    return out;
  }

  @Test
  void multibulkRequestsArePipelinedAndSurviveAnySplit() {
    List<Object> out =
        feedAllWays(
            "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n*3\r\n$1\r\nx\r\n$0\r\n\r\n$1\r\ny\r\n");
    assertEquals(
        List.of("multibulk[PING]", "multibulk[ECHO, a\r\nb]", "multibulk[x, , y]"), describe(out));
  }

  @Test
  void inlineCommandsWithQuotesAndBareNewlines() {
    List<Object> out = feedAllWays("PING\r\nPING \"a b\" c\n  SET 'it\\'s' \"\\x41\\n\"\r\n\r\n\n");
    assertEquals(
        List.of("inline[PING]", "inline[PING, a b, c]", "inline[SET, it's, A\n]"), describe(out));
  }

  @Test
  void emptyMultibulksAreSkipped() {
    assertEquals(List.of("inline[PING]"), describe(feedAllWays("*0\r\n*-1\r\nPING\r\n")));
  }

  @Test
  void bytesAfterABulkPayloadAreSkippedUnchecked() {
    // Valkey skips the two bytes after a payload without checking they are CRLF.
    assertEquals(List.of("multibulk[PING]"), describe(feedAllWays("*1\r\n$4\r\nPINGxx")));
  }

  @Test
  void unbalancedQuotesInInline() {
    assertEquals(
        List.of(
            "inline[PING]", "ProtocolError[message=Protocol error: unbalanced quotes in request]"),
        describe(feedAllWays("PING\r\nPING \"unbalanced\r\nPING\r\n")));
    assertEquals(
        List.of("ProtocolError[message=Protocol error: unbalanced quotes in request]"),
        describe(feedAllWays("SET \"a\"b\r\n")));
  }

  @Test
  void expectedDollar() {
    assertEquals(
        List.of("multibulk[PING]", "ProtocolError[message=Protocol error: expected '$', got 'P']"),
        describe(feedAllWays("*1\r\n$4\r\nPING\r\n*1\r\nPING\r\n*1\r\n$4\r\nPING\r\n")));
  }

  @Test
  void invalidBulkLengths() {
    for (String bad : List.of("$536870913", "$-5", "$abc", "$+4", "$04", "$")) {
      assertEquals(
          List.of("ProtocolError[message=Protocol error: invalid bulk length]"),
          describe(feedAllWays("*1\r\n" + bad + "\r\n")),
          bad);
    }
  }

  @Test
  void oversizedBulkIsRejectedFromItsHeaderAlone() {
    RespLimits small = RespLimits.VALKEY_DEFAULTS.withMaxBulkLength(10);
    List<Object> out = feed("*1\r\n$11\r\n", 1, small);
    assertEquals(
        List.of("ProtocolError[message=Protocol error: invalid bulk length]"), describe(out));
    assertEquals(1, describe(feed("*1\r\n$10\r\n0123456789\r\n", 3, small)).size());
  }

  @Test
  void invalidMultibulkLength() {
    for (String bad : List.of("*9999999999", "*abc", "*-2x", "*2147483648")) {
      assertEquals(
          List.of("ProtocolError[message=Protocol error: invalid multibulk length]"),
          describe(feedAllWays(bad + "\r\n")),
          bad);
    }
  }

  @Test
  void unauthenticatedLimitsApplyOnlyWhileAuthIsRequired() {
    authRequired.set(true);
    assertEquals(
        List.of("ProtocolError[message=Protocol error: unauthenticated multibulk length]"),
        describe(feed("*11\r\n", 100, RespLimits.VALKEY_DEFAULTS)));
    assertEquals(
        List.of("ProtocolError[message=Protocol error: unauthenticated bulk length]"),
        describe(feed("*2\r\n$4\r\nAUTH\r\n$16385\r\n", 100, RespLimits.VALKEY_DEFAULTS)));
    assertEquals(
        1, feed("*10\r\n" + "$1\r\na\r\n".repeat(10), 5, RespLimits.VALKEY_DEFAULTS).size());
    authRequired.set(false);
    assertEquals(
        1, feed("*11\r\n" + "$1\r\na\r\n".repeat(11), 5, RespLimits.VALKEY_DEFAULTS).size());
  }

  @Test
  void tooBigInlineAndHeaderStrings() {
    String big = "A".repeat(64 * 1024 + 1);
    assertEquals(
        List.of("ProtocolError[message=Protocol error: too big inline request]"),
        describe(feed(big, 4096, RespLimits.VALKEY_DEFAULTS)));
    assertEquals(
        List.of("ProtocolError[message=Protocol error: too big mbulk count string]"),
        describe(feed("*" + "1".repeat(64 * 1024 + 1), 4096, RespLimits.VALKEY_DEFAULTS)));
    assertEquals(
        List.of("ProtocolError[message=Protocol error: too big bulk count string]"),
        describe(feed("*1\r\n$" + "1".repeat(64 * 1024 + 1), 4096, RespLimits.VALKEY_DEFAULTS)));
  }

  @Test
  void everythingAfterAProtocolErrorIsDropped() {
    EmbeddedChannel ch = channel(RespLimits.VALKEY_DEFAULTS);
    ch.writeInbound(Unpooled.copiedBuffer("*x\r\n", StandardCharsets.US_ASCII));
    assertTrue(ch.readInbound() instanceof RespInbound.ProtocolError);
    assertFalse(ch.writeInbound(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.US_ASCII)));
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void inlineSplitterEdgeCases() {
    assertEquals(List.of(), strings(InlineSplitter.split("   ".getBytes())));
    assertEquals(List.of("a", "", "b"), strings(InlineSplitter.split("a \"\" b".getBytes())));
    assertEquals(List.of("x\ty"), strings(InlineSplitter.split("\"x\\ty\"".getBytes())));
    assertNull(InlineSplitter.split("'abc".getBytes()));
    assertNull(InlineSplitter.split("'abc'd".getBytes()));
  }

  private static List<String> strings(List<byte[]> parts) {
    List<String> out = new ArrayList<>();
    for (byte[] p : parts) {
      out.add(new String(p, StandardCharsets.ISO_8859_1));
    }
    return out;
  }
}
