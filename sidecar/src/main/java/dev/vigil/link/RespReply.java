package dev.vigil.link;

import java.util.List;

/**
 * One RESP2 reply read from a Valkey node or a peer sentinel. Outgoing links never send {@code
 * HELLO 3}, so only the five RESP2 types can arrive.
 */
sealed interface RespReply {

  /** {@code +text}. */
  record Status(String text) implements RespReply {}

  /** {@code -text}, without the leading dash. */
  record Error(String text) implements RespReply {}

  /** {@code :n}. */
  record Int(long value) implements RespReply {}

  /** {@code $n}; {@code text} is null for the null bulk string {@code $-1}. */
  record Bulk(String text) implements RespReply {}

  /** {@code *n}; {@code elements} is null for the null array {@code *-1}. */
  record Array(List<RespReply> elements) implements RespReply {}

  /** A short description for error texts, e.g. {@code integer 3} or {@code array of 2}. */
  static String describe(RespReply reply) {
    if (reply instanceof Status s) {
      return "status '" + s.text() + "'";
    } else if (reply instanceof Error e) {
      return "error '" + e.text() + "'";
    } else if (reply instanceof Int i) {
      return "integer " + i.value();
    } else if (reply instanceof Bulk b) {
      return b.text() == null ? "null bulk" : "bulk string";
    }
    Array a = (Array) reply;
    return a.elements() == null ? "null array" : "array of " + a.elements().size();
  }
}
