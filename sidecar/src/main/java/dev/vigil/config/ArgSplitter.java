package dev.vigil.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configuration line into arguments exactly like Valkey's {@code sdssplitargs}: blanks
 * separate arguments; {@code "double quotes"} understand {@code \n \r \t \b \a \xHH} and any other
 * backslash-escaped character; {@code 'single quotes'} only understand {@code \'}; a closing quote
 * must be followed by a blank or the end of the line; a quote may start in the middle of an
 * argument ({@code ab"c d"} is one argument {@code abc d}).
 *
 * <p>{@code \xHH} escapes produce raw bytes; every argument is collected as bytes and decoded as
 * UTF-8, so an escaped multi-byte sequence yields the character it encodes.
 */
final class ArgSplitter {
  private ArgSplitter() {}

  /**
   * Returns the arguments of {@code line}, or null when its quotes are unbalanced (or a closing
   * quote is not followed by a blank), which is Sentinel's {@code Unbalanced quotes in
   * configuration line}.
   */
  static List<String> split(String line) {
    byte[] in = line.getBytes(StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>();
    int p = 0;
    while (true) {
      while (p < in.length && isCSpace(in[p])) {
        p++;
      }
      if (p >= in.length) {
        return args;
      }
      ByteArrayOutputStream current = new ByteArrayOutputStream();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        int c = p < in.length ? in[p] & 0xff : 0;
        int next = p + 1 < in.length ? in[p + 1] & 0xff : 0;
        if (inDouble) {
          if (c == '\\'
              && next == 'x'
              && p + 3 < in.length
              && isHex(in[p + 2])
              && isHex(in[p + 3])) {
            current.write(Character.digit(in[p + 2], 16) * 16 + Character.digit(in[p + 3], 16));
            p += 3;
          } else if (c == '\\' && next != 0) {
            p++;
            current.write(unescape(next));
          } else if (c == '"') {
            if (next != 0 && !isCSpace((byte) next)) {
              return null;
            }
            done = true;
          } else if (c == 0) {
            return null;
          } else {
            current.write(c);
          }
        } else if (inSingle) {
          if (c == '\\' && next == '\'') {
            p++;
            current.write('\'');
          } else if (c == '\'') {
            if (next != 0 && !isCSpace((byte) next)) {
              return null;
            }
            done = true;
          } else if (c == 0) {
            return null;
          } else {
            current.write(c);
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', 0 -> done = true;
            case '"' -> inDouble = true;
            case '\'' -> inSingle = true;
            default -> current.write(c);
          }
        }
        if (p < in.length) {
          p++;
        }
      }
      args.add(current.toString(StandardCharsets.UTF_8));
    }
  }

  private static int unescape(int c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'b' -> '\b';
      case 'a' -> 7;
      default -> c;
    };
  }

  /** C {@code isspace} in the C locale. */
  static boolean isCSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }
}
