package dev.vigil.config;

/**
 * The C library number parsing Sentinel uses for its directives, reproduced because Sentinel does
 * not validate numbers strictly: {@code atoi("12abc")} is 12 and {@code atoi("abc")} is 0.
 */
final class CNumbers {
  private CNumbers() {}

  /** glibc {@code atoi}: {@code (int) strtol(s, NULL, 10)}. */
  static int atoi(String s) {
    return (int) strtol(s);
  }

  /** {@code strtol(s, NULL, 10)} with a 64-bit long: clamps on overflow. */
  static long strtol(String s) {
    int i = skipSpaces(s);
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long value = 0;
    boolean overflow = false;
    for (; i < s.length() && isDigit(s.charAt(i)); i++) {
      int d = s.charAt(i) - '0';
      if (!overflow) {
        if (value > (Long.MAX_VALUE - d) / 10) {
          overflow = true;
        } else {
          value = value * 10 + d;
        }
      }
    }
    if (overflow) {
      return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return negative ? -value : value;
  }

  /**
   * {@code strtoull(s, NULL, 10)}: the result is an unsigned 64-bit value held in a long (compare
   * with {@link Long#compareUnsigned}, print with {@link Long#toUnsignedString}); a minus sign
   * negates in unsigned arithmetic; overflow gives {@code ULLONG_MAX}.
   */
  static long strtoull(String s) {
    int i = skipSpaces(s);
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long value = 0;
    for (; i < s.length() && isDigit(s.charAt(i)); i++) {
      int d = s.charAt(i) - '0';
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
        return -1L; // ULLONG_MAX, and strtoull ignores the sign on overflow
      }
      value = value * 10 + d;
    }
    return negative ? -value : value;
  }

  private static int skipSpaces(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
