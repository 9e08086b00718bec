package dev.vigil.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments exactly like Valkey's {@code sdssplitargs}: blanks
 * separate arguments; "double quotes" understand {@code \xHH \n \r \t \b \a} and {@code \<c>};
 * 'single quotes' understand only {@code \'}; a closing quote must be followed by a blank or the
 * end of the line.
 */
final class InlineSplitter {
  private InlineSplitter() {}

  /** The arguments, or null when quotes are unbalanced. */
  static List<byte[]> split(byte[] line) {
    List<byte[]> args = new ArrayList<>();
    int p = 0;
    int n = line.length;
    while (true) {
      while (p < n && isSpace(line[p])) {
        p++;
      }
      if (p >= n) {
        return args;
      }
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      ByteArrayOutputStream current = new ByteArrayOutputStream();
      while (!done) {
        boolean atEnd = p >= n;
        byte c = atEnd ? 0 : line[p];
        if (inDouble) {
          if (atEnd) {
            return null;
          } else if (c == '\\'
              && p + 3 < n
              && line[p + 1] == 'x'
              && isHex(line[p + 2])
              && isHex(line[p + 3])) {
            current.write(hex(line[p + 2]) * 16 + hex(line[p + 3]));
            p += 3;
          } else if (c == '\\' && p + 1 < n) {
            p++;
            byte e = line[p];
            current.write(
                switch (e) {
                  case 'n' -> '\n';
                  case 'r' -> '\r';
                  case 't' -> '\t';
                  case 'b' -> '\b';
                  case 'a' -> 7;
                  default -> e;
                });
          } else if (c == '"') {
            if (p + 1 < n && !isSpace(line[p + 1])) {
              return null;
            }
            done = true;
          } else {
            current.write(c);
          }
        } else if (inSingle) {
          if (atEnd) {
            return null;
          } else if (c == '\\' && p + 1 < n && line[p + 1] == '\'') {
            p++;
            current.write('\'');
          } else if (c == '\'') {
            if (p + 1 < n && !isSpace(line[p + 1])) {
              return null;
            }
            done = true;
          } else {
            current.write(c);
          }
        } else {
          if (atEnd) {
            done = true;
          } else {
            switch (c) {
              case ' ', '\n', '\r', '\t', 0 -> done = true;
              case '"' -> inDouble = true;
              case '\'' -> inSingle = true;
              default -> current.write(c);
            }
          }
        }
        if (p < n) {
          p++;
        }
      }
      args.add(current.toByteArray());
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
