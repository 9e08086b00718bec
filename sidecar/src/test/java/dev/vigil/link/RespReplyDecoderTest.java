package dev.vigil.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespReplyDecoderTest {
  private static final String STREAM =
      "+PONG\r\n"
          + "-NOAUTH Authentication required.\r\n"
          + ":42\r\n"
          + "$5\r\nh\u00e9llo\r\n".replace("$5", "$6")
          + "$-1\r\n"
          + "*-1\r\n"
          + "*3\r\n:1\r\n$1\r\n*\r\n:0\r\n"
          + "*2\r\n*1\r\n+a\r\n$0\r\n\r\n";

  private static final List<RespReply> EXPECTED =
      List.of(
          new RespReply.Status("PONG"),
          new RespReply.Error("NOAUTH Authentication required."),
          new RespReply.Int(42),
          new RespReply.Bulk("h\u00e9llo"),
          new RespReply.Bulk(null),
          new RespReply.Array(null),
          new RespReply.Array(
              List.of(new RespReply.Int(1), new RespReply.Bulk("*"), new RespReply.Int(0))),
          new RespReply.Array(
              List.of(
                  new RespReply.Array(List.of(new RespReply.Status("a"))),
                  new RespReply.Bulk(""))));

  @Test
  void decodesEveryTypeInOneBuffer() {
    assertEquals(EXPECTED, decode(List.of(bytes(STREAM))));
  }

  @Test
  void decodesTheSameWhenSplitAtEveryByte() {
    byte[] all = bytes(STREAM);
    List<byte[]> pieces = new ArrayList<>();
    for (byte b : all) {
      pieces.add(new byte[] {b});
    }
    assertEquals(EXPECTED, decode(pieces));
  }

  @Test
  void waitsForTheRestOfAReply() {
    EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
    channel.writeInbound(Unpooled.wrappedBuffer(bytes("*2\r\n$3\r\nfoo\r\n")));
    assertNull(channel.readInbound());
    channel.writeInbound(Unpooled.wrappedBuffer(bytes(":7\r\n")));
    assertEquals(
        new RespReply.Array(List.of(new RespReply.Bulk("foo"), new RespReply.Int(7))),
        channel.readInbound());
  }

  @Test
  void rejectsProtocolViolations() {
    assertThrows(DecoderException.class, () -> decode(List.of(bytes("!oops\r\n"))));
    assertThrows(DecoderException.class, () -> decode(List.of(bytes(":12x\r\n"))));
    assertThrows(DecoderException.class, () -> decode(List.of(bytes("+no cr\n"))));
    assertThrows(DecoderException.class, () -> decode(List.of(bytes("$3\r\nabcde\r\n"))));
    assertThrows(
        DecoderException.class,
        () -> decode(List.of(bytes("$" + (RespReplyDecoder.MAX_BULK + 1) + "\r\n"))));
    assertThrows(DecoderException.class, () -> decode(List.of(bytes("*-2\r\n"))));
    assertThrows(
        DecoderException.class,
        () -> decode(List.of(bytes("+" + "x".repeat(RespReplyDecoder.MAX_LINE + 1)))));
    assertThrows(
        DecoderException.class,
        () -> decode(List.of(bytes("*1\r\n".repeat(RespReplyDecoder.MAX_DEPTH + 1) + ":1\r\n"))));
  }

  private static List<RespReply> decode(List<byte[]> pieces) {
    EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
    for (byte[] piece : pieces) {
      channel.writeInbound(Unpooled.wrappedBuffer(piece));
    }
    List<RespReply> out = new ArrayList<>();
    for (RespReply r; (r = channel.readInbound()) != null; ) {
      out.add(r);
    }
    channel.finishAndReleaseAll();
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
