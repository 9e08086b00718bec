package dev.vigil.resp;

import dev.vigil.resp.RespValue.ArrayReply;
import dev.vigil.resp.RespValue.BooleanReply;
import dev.vigil.resp.RespValue.BulkString;
import dev.vigil.resp.RespValue.DoubleReply;
import dev.vigil.resp.RespValue.Entry;
import dev.vigil.resp.RespValue.ErrorReply;
import dev.vigil.resp.RespValue.IntegerReply;
import dev.vigil.resp.RespValue.MapReply;
import dev.vigil.resp.RespValue.NullArray;
import dev.vigil.resp.RespValue.NullBulk;
import dev.vigil.resp.RespValue.PushReply;
import dev.vigil.resp.RespValue.SetReply;
import dev.vigil.resp.RespValue.SimpleString;
import dev.vigil.resp.RespValue.VerbatimString;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Serializes a {@link RespValue} for a RESP2 or RESP3 connection. Stateless. */
public final class RespWriter {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] RESP3_NULL = "_\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESP2_NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESP2_NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);

  private RespWriter() {}

  public static void write(RespValue value, RespProtocol protocol, ByteBuf out) {
    boolean resp3 = protocol == RespProtocol.RESP3;
    if (value instanceof SimpleString s) {
      line(out, '+', s.text());
    } else if (value instanceof ErrorReply e) {
      line(out, '-', sanitizeErrorText(e.text()));
    } else if (value instanceof IntegerReply i) {
      line(out, ':', Long.toString(i.value()));
    } else if (value instanceof BulkString b) {
      bulk(out, b.bytes());
    } else if (value instanceof NullBulk) {
      out.writeBytes(resp3 ? RESP3_NULL : RESP2_NULL_BULK);
    } else if (value instanceof NullArray) {
      out.writeBytes(resp3 ? RESP3_NULL : RESP2_NULL_ARRAY);
    } else if (value instanceof ArrayReply a) {
      aggregate(out, '*', a.elements(), protocol);
    } else if (value instanceof SetReply s) {
      aggregate(out, resp3 ? '~' : '*', s.elements(), protocol);
    } else if (value instanceof PushReply p) {
      aggregate(out, resp3 ? '>' : '*', p.elements(), protocol);
    } else if (value instanceof MapReply m) {
      map(out, m.entries(), protocol);
    } else if (value instanceof DoubleReply d) {
      String text = formatDouble(d.value());
      if (resp3) {
        line(out, ',', text);
      } else {
        bulk(out, text.getBytes(StandardCharsets.US_ASCII));
      }
    } else if (value instanceof BooleanReply b) {
      if (resp3) {
        line(out, '#', b.value() ? "t" : "f");
      } else {
        line(out, ':', b.value() ? "1" : "0");
      }
    } else if (value instanceof VerbatimString v) {
      byte[] text = v.text().getBytes(StandardCharsets.UTF_8);
      if (resp3) {
        byte[] fmt = (v.format() + ":").getBytes(StandardCharsets.US_ASCII);
        line(out, '=', Integer.toString(fmt.length + text.length));
        out.writeBytes(fmt);
        out.writeBytes(text);
        out.writeBytes(CRLF);
      } else {
        bulk(out, text);
      }
    } else {
      throw new IllegalArgumentException("unknown reply type " + value);
    }
  }

  /** Valkey's addReplyError turns CR and LF into spaces so an error stays one line. */
  static String sanitizeErrorText(String text) {
    return text.indexOf('\r') < 0 && text.indexOf('\n') < 0
        ? text
        : text.replace('\r', ' ').replace('\n', ' ');
  }

  private static void map(ByteBuf out, List<Entry> entries, RespProtocol protocol) {
    if (protocol == RespProtocol.RESP3) {
      line(out, '%', Integer.toString(entries.size()));
    } else {
      line(out, '*', Integer.toString(entries.size() * 2));
    }
    for (Entry e : entries) {
      write(e.key(), protocol, out);
      write(e.value(), protocol, out);
    }
  }

  private static void aggregate(
      ByteBuf out, char type, List<RespValue> elements, RespProtocol protocol) {
    line(out, type, Integer.toString(elements.size()));
    for (RespValue e : elements) {
      write(e, protocol, out);
    }
  }

  private static void bulk(ByteBuf out, byte[] bytes) {
    line(out, '$', Integer.toString(bytes.length));
    out.writeBytes(bytes);
    out.writeBytes(CRLF);
  }

  private static void line(ByteBuf out, char type, String text) {
    out.writeByte(type);
    out.writeCharSequence(text, StandardCharsets.UTF_8);
    out.writeBytes(CRLF);
  }

  /** Like Valkey's addReplyDouble: "inf"/"-inf"/"nan", integral values without a fraction. */
  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e17) {
      return Long.toString((long) d);
    }
    // Shortest round-trip digits, never in exponent notation (Valkey prints 0.0001, not 1.0E-4).
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
