package dev.vigil.resp;

import static dev.vigil.resp.Resp.array;
import static dev.vigil.resp.Resp.bulk;
import static dev.vigil.resp.Resp.entry;
import static dev.vigil.resp.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespEncoderTest {

  private static String encode(RespValue value, RespProtocol protocol) {
    EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
    RespProtocol.set(ch, protocol);
    ch.writeOutbound(value);
    StringBuilder sb = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      sb.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    ch.finishAndReleaseAll();
    return sb.toString();
  }

  private static void both(RespValue v, String resp2, String resp3) {
    assertEquals(resp2, encode(v, RespProtocol.RESP2), "RESP2");
    assertEquals(resp3, encode(v, RespProtocol.RESP3), "RESP3");
  }

  @Test
  void scalars() {
    both(Resp.OK, "+OK\r\n", "+OK\r\n");
    both(integer(-7), ":-7\r\n", ":-7\r\n");
    both(bulk("hé"), "$3\r\nhé\r\n", "$3\r\nhé\r\n");
    both(bulk(""), "$0\r\n\r\n", "$0\r\n\r\n");
    both(new RespValue.DoubleReply(1.5), "$3\r\n1.5\r\n", ",1.5\r\n");
    both(new RespValue.DoubleReply(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
    both(new RespValue.BooleanReply(true), ":1\r\n", "#t\r\n");
    both(new RespValue.VerbatimString("txt", "hi"), "$2\r\nhi\r\n", "=6\r\ntxt:hi\r\n");
  }

  @Test
  void nullsFollowTheProtocol() {
    both(Resp.NULL_BULK, "$-1\r\n", "_\r\n");
    both(Resp.NULL_ARRAY, "*-1\r\n", "_\r\n");
  }

  @Test
  void errorsGetValkeyPrefixAndStayOnOneLine() {
    both(Resp.error("syntax error"), "-ERR syntax error\r\n", "-ERR syntax error\r\n");
    both(Resp.error("-NOPROTO x"), "-NOPROTO x\r\n", "-NOPROTO x\r\n");
    both(Resp.error("bad\r\nthing"), "-ERR bad  thing\r\n", "-ERR bad  thing\r\n");
  }

  @Test
  void aggregatesLowerToArraysInResp2() {
    RespValue map =
        Resp.map(List.of(entry("proto", integer(3)), entry("modules", Resp.EMPTY_ARRAY)));
    both(
        map,
        "*4\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n",
        "%2\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
    both(
        new RespValue.SetReply(List.of(Resp.status("fast"))), "*1\r\n+fast\r\n", "~1\r\n+fast\r\n");
    both(
        new RespValue.PushReply(List.of(bulk("message"), bulk("c"), bulk("m"))),
        "*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n",
        ">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n");
    both(array(array(), Resp.NULL_BULK), "*2\r\n*0\r\n$-1\r\n", "*2\r\n*0\r\n_\r\n");
  }

  @Test
  void readerRoundTripsWhatTheWriterWrites() {
    RespValue v =
        array(
            Resp.map(List.of(entry("a", new RespValue.SetReply(List.of(integer(1)))))),
            new RespValue.PushReply(List.of(bulk("x"))),
            Resp.error("E"),
            new RespValue.BooleanReply(false),
            Resp.NULL_BULK);
    String wire = encode(v, RespProtocol.RESP3);
    List<RespValue> back = RespReader.readAll(wire.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(v), back);
  }
}
