package dev.vigil.config;

import java.nio.charset.StandardCharsets;

/**
 * Valkey's {@code sdscatrepr}: a double-quoted representation that {@link ArgSplitter} reads back
 * to the same string. Used where Sentinel quotes values in the rewritten file ({@code dir}, {@code
 * logfile}, {@code requirepass}, {@code sentinel announce-ip}, ...).
 */
final class Repr {
  private Repr() {}

  static String quote(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 7 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else {
            out.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * The value as is when it reads back unchanged as one argument (what Valkey 8 writes for every
   * value), else {@link #quote quoted} (what Valkey 9 does): empty values and values with blanks,
   * quotes or control characters would otherwise not survive a reload.
   */
  static String rawOrQuoted(String value) {
    if (value.isEmpty()) {
      return quote(value);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '"' || c == '\'') {
        return quote(value);
      }
    }
    return value;
  }
}
