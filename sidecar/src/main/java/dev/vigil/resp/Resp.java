package dev.vigil.resp;

import dev.vigil.resp.RespValue.ArrayReply;
import dev.vigil.resp.RespValue.BulkString;
import dev.vigil.resp.RespValue.Entry;
import dev.vigil.resp.RespValue.ErrorReply;
import dev.vigil.resp.RespValue.IntegerReply;
import dev.vigil.resp.RespValue.MapReply;
import dev.vigil.resp.RespValue.NullArray;
import dev.vigil.resp.RespValue.NullBulk;
import dev.vigil.resp.RespValue.SimpleString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Short factory methods for reply values, named after Valkey's addReply* helpers. */
public final class Resp {
  public static final SimpleString OK = new SimpleString("OK");
  public static final SimpleString PONG = new SimpleString("PONG");
  public static final NullBulk NULL_BULK = new NullBulk();
  public static final NullArray NULL_ARRAY = new NullArray();
  public static final ArrayReply EMPTY_ARRAY = new ArrayReply(List.of());

  private Resp() {}

  public static SimpleString status(String text) {
    return new SimpleString(text);
  }

  /**
   * An error reply as Valkey's addReplyError builds it: a message starting with {@code -} is sent
   * verbatim (custom error code), otherwise {@code ERR } is prefixed.
   */
  public static ErrorReply error(String message) {
    return new ErrorReply(message.startsWith("-") ? message.substring(1) : "ERR " + message);
  }

  public static IntegerReply integer(long value) {
    return new IntegerReply(value);
  }

  public static BulkString bulk(String text) {
    return new BulkString(text.getBytes(StandardCharsets.UTF_8));
  }

  public static BulkString bulk(byte[] bytes) {
    return new BulkString(bytes);
  }

  /** A number sent as a bulk string, as Valkey's addReplyBulkLongLong does. */
  public static BulkString bulk(long number) {
    return bulk(Long.toString(number));
  }

  public static ArrayReply array(RespValue... elements) {
    return new ArrayReply(List.of(elements));
  }

  public static ArrayReply array(List<? extends RespValue> elements) {
    return new ArrayReply(new ArrayList<>(elements));
  }

  public static ArrayReply bulkArray(Collection<String> texts) {
    List<RespValue> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(bulk(t));
    }
    return new ArrayReply(out);
  }

  public static Entry entry(String key, RespValue value) {
    return new Entry(bulk(key), value);
  }

  public static MapReply map(List<Entry> entries) {
    return new MapReply(entries);
  }
}
