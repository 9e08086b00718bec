package dev.vigil.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A reply value in RESP3 terms. The encoder lowers RESP3-only types for RESP2 connections the way
 * Valkey does (map → flat array, set/push → array, null → {@code $-1} or {@code *-1}, boolean →
 * integer, double and verbatim → bulk string).
 */
public sealed interface RespValue {

  /** {@code +text}: a status reply; the text must not contain CR or LF. */
  record SimpleString(String text) implements RespValue {
    public SimpleString {
      Objects.requireNonNull(text);
    }
  }

  /**
   * {@code -CODE message}: the full error line without the leading {@code -}, e.g. {@code "ERR
   * syntax error"}. CR/LF are replaced by spaces when encoded, as Valkey's addReplyError does.
   */
  record ErrorReply(String text) implements RespValue {
    public ErrorReply {
      Objects.requireNonNull(text);
    }
  }

  /** {@code :n}. */
  record IntegerReply(long value) implements RespValue {}

  /** {@code $len\r\nbytes}: binary-safe. */
  record BulkString(byte[] bytes) implements RespValue {
    public BulkString {
      Objects.requireNonNull(bytes);
    }

    public String utf8() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BulkString b && java.util.Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "BulkString[" + utf8() + "]";
    }
  }

  /** Null in place of a string: {@code $-1} in RESP2, {@code _} in RESP3. */
  record NullBulk() implements RespValue {}

  /** Null in place of an aggregate: {@code *-1} in RESP2, {@code _} in RESP3. */
  record NullArray() implements RespValue {}

  /** {@code *n}. */
  record ArrayReply(List<RespValue> elements) implements RespValue {
    public ArrayReply {
      elements = List.copyOf(elements);
    }
  }

  /** {@code %n} in RESP3, a flat key/value array of 2n elements in RESP2. Order is kept. */
  record MapReply(List<Entry> entries) implements RespValue {
    public MapReply {
      entries = List.copyOf(entries);
    }
  }

  /** One key/value pair of a {@link MapReply}. */
  record Entry(RespValue key, RespValue value) {
    public Entry {
      Objects.requireNonNull(key);
      Objects.requireNonNull(value);
    }
  }

  /** {@code ~n} in RESP3, an array in RESP2. */
  record SetReply(List<RespValue> elements) implements RespValue {
    public SetReply {
      elements = List.copyOf(elements);
    }
  }

  /** {@code >n} out-of-band push (pub/sub messages) in RESP3, a plain array in RESP2. */
  record PushReply(List<RespValue> elements) implements RespValue {
    public PushReply {
      elements = List.copyOf(elements);
    }
  }

  /** {@code ,d} in RESP3, a bulk string in RESP2. */
  record DoubleReply(double value) implements RespValue {}

  /** {@code #t}/{@code #f} in RESP3, {@code :1}/{@code :0} in RESP2. */
  record BooleanReply(boolean value) implements RespValue {}

  /** {@code =len\r\nfmt:text} in RESP3 (format is 3 chars, e.g. "txt"), a bulk string in RESP2. */
  record VerbatimString(String format, String text) implements RespValue {
    public VerbatimString {
      if (format.length() != 3) {
        throw new IllegalArgumentException("verbatim format must be 3 characters: " + format);
      }
      Objects.requireNonNull(text);
    }
  }
}
