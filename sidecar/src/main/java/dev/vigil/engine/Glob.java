package dev.vigil.engine;

/**
 * Redis' {@code stringmatchlen}: {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, and {@code \}
 * escapes, optionally case-insensitive.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String string, boolean nocase) {
    return match(pattern, 0, string, 0, nocase);
  }

  private static boolean match(String p, int pi, String s, int si, boolean nocase) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      switch (c) {
        case '*' -> {
          while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
            pi++;
          }
          if (pi + 1 == p.length()) {
            return true;
          }
          for (int k = si; k <= s.length(); k++) {
            if (match(p, pi + 1, s, k, nocase)) {
              return true;
            }
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length()) {
            return false;
          }
          si++;
        }
        case '[' -> {
          if (si >= s.length()) {
            return false;
          }
          pi++;
          boolean not = pi < p.length() && p.charAt(pi) == '^';
          if (not) {
            pi++;
          }
          boolean matched = false;
          char sc = s.charAt(si);
          while (pi < p.length() && p.charAt(pi) != ']') {
            if (p.charAt(pi) == '\\' && pi + 1 < p.length()) {
              pi++;
              if (eq(p.charAt(pi), sc, nocase)) {
                matched = true;
              }
            } else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-') {
              char start = p.charAt(pi);
              char end = p.charAt(pi + 2);
              if (start > end) {
                char t = start;
                start = end;
                end = t;
              }
              char x = sc;
              if (nocase) {
                start = Character.toLowerCase(start);
                end = Character.toLowerCase(end);
                x = Character.toLowerCase(x);
              }
              if (x >= start && x <= end) {
                matched = true;
              }
              pi += 2;
            } else if (eq(p.charAt(pi), sc, nocase)) {
              matched = true;
            }
            pi++;
          }
          if (not) {
            matched = !matched;
          }
          if (!matched) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          if (pi + 1 < p.length()) {
            pi++;
          }
          if (si >= s.length() || !eq(p.charAt(pi), s.charAt(si), nocase)) {
            return false;
          }
          si++;
        }
        default -> {
          if (si >= s.length() || !eq(c, s.charAt(si), nocase)) {
            return false;
          }
          si++;
        }
      }
      pi++;
    }
    return si == s.length();
  }

  private static boolean eq(char a, char b, boolean nocase) {
    return nocase ? Character.toLowerCase(a) == Character.toLowerCase(b) : a == b;
  }
}
