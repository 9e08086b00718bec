package dev.vigil.resp;

import dev.vigil.resp.RespValue.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses RESP2/RESP3 replies from a byte array into {@link RespValue}s. Used to load the command
 * metadata resources (captured from a real sentinel in RESP3) and by tests that act as a client.
 * Not a server-side request parser (see {@link RespRequestDecoder}).
 */
public final class RespReader {
  private final byte[] data;
  private int pos;

  public RespReader(byte[] data) {
    this.data = data;
  }

  public boolean hasMore() {
    return pos < data.length;
  }

  public int position() {
    return pos;
  }

  /** Reads one complete value, or throws {@link IllegalArgumentException} on malformed input. */
  public RespValue read() {
    byte type = data[pos++];
    String line = readLine();
    switch (type) {
      case '+':
        return new RespValue.SimpleString(line);
      case '-':
        return new RespValue.ErrorReply(line);
      case ':':
        return new RespValue.IntegerReply(Long.parseLong(line));
      case '_':
        return Resp.NULL_BULK;
      case ',':
        return new RespValue.DoubleReply(parseDouble(line));
      case '#':
        return new RespValue.BooleanReply(line.equals("t"));
      case '$':
        {
          int len = Integer.parseInt(line);
          if (len < 0) {
            return Resp.NULL_BULK;
          }
          byte[] bytes = readBytes(len);
          return new RespValue.BulkString(bytes);
        }
      case '=':
        {
          String s = new String(readBytes(Integer.parseInt(line)), StandardCharsets.UTF_8);
          return new RespValue.VerbatimString(s.substring(0, 3), s.substring(4));
        }
      case '*':
      case '~':
      case '>':
        {
          int n = Integer.parseInt(line);
          if (n < 0) {
            return Resp.NULL_ARRAY;
          }
          List<RespValue> elements = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            elements.add(read());
          }
          return type == '*'
              ? new RespValue.ArrayReply(elements)
              : type == '~' ? new RespValue.SetReply(elements) : new RespValue.PushReply(elements);
        }
      case '%':
        {
          int n = Integer.parseInt(line);
          List<Entry> entries = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            RespValue k = read();
            entries.add(new Entry(k, read()));
          }
          return new RespValue.MapReply(entries);
        }
      default:
        throw new IllegalArgumentException(
            "unknown RESP type '" + (char) type + "' at " + (pos - line.length() - 3));
    }
  }

  /** Reads every value in the input. */
  public static List<RespValue> readAll(byte[] data) {
    RespReader r = new RespReader(data);
    List<RespValue> out = new ArrayList<>();
    while (r.hasMore()) {
      out.add(r.read());
    }
    return out;
  }

  private static double parseDouble(String s) {
    return switch (s) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  private byte[] readBytes(int len) {
    if (pos + len + 2 > data.length) {
      throw new IllegalArgumentException("truncated bulk");
    }
    byte[] b = new byte[len];
    System.arraycopy(data, pos, b, 0, len);
    pos += len + 2;
    return b;
  }

  private String readLine() {
    int start = pos;
    while (pos + 1 < data.length && !(data[pos] == '\r' && data[pos + 1] == '\n')) {
      pos++;
    }
    if (pos + 1 >= data.length) {
      throw new IllegalArgumentException("truncated line");
    }
    String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
    pos += 2;
    return s;
  }
}
