package dev.vigil.server;

import java.nio.charset.StandardCharsets;

/**
 * Valkey's {@code stringmatchlen}: glob matching with {@code * ? [abc] [^a] [a-z]} and {@code \}
 * escapes, on bytes. Used for pattern subscriptions, ACL channel rules and COMMAND LIST FILTERBY.
 */
public final class GlobMatcher {
  private GlobMatcher() {}

  public static boolean matches(String pattern, String subject, boolean noCase) {
    return matches(
        pattern.getBytes(StandardCharsets.UTF_8), subject.getBytes(StandardCharsets.UTF_8), noCase);
  }

  public static boolean matches(byte[] pattern, byte[] subject, boolean noCase) {
    return match(pattern, 0, subject, 0, noCase, new boolean[1]);
  }

  private static boolean match(
      byte[] pat, int p, byte[] str, int s, boolean noCase, boolean[] skipLongerMatches) {
    int pl = pat.length;
    int sl = str.length;
    while (p < pl && s < sl) {
      switch (pat[p]) {
        case '*':
          while (p + 1 < pl && pat[p + 1] == '*') {
            p++;
          }
          if (p + 1 == pl) {
            return true;
          }
          while (s < sl) {
            if (match(pat, p + 1, str, s, noCase, skipLongerMatches)) {
              return true;
            }
            if (skipLongerMatches[0]) {
              return false;
            }
            s++;
          }
          // No tail of the subject matches the rest of the pattern; a longer prefix won't either.
          skipLongerMatches[0] = true;
          return false;
        case '?':
          s++;
          break;
        case '[':
          {
            p++;
            boolean not = p < pl && pat[p] == '^';
            if (not) {
              p++;
            }
            boolean matched = false;
            while (true) {
              if (p < pl && pat[p] == '\\' && pl - p >= 2) {
                p++;
                if (pat[p] == str[s]) {
                  matched = true;
                }
              } else if (p >= pl) {
                p--;
                break;
              } else if (pat[p] == ']') {
                break;
              } else if (pl - p >= 3 && pat[p + 1] == '-') {
                int start = pat[p] & 0xff;
                int end = pat[p + 2] & 0xff;
                int c = str[s] & 0xff;
                if (start > end) {
                  int t = start;
                  start = end;
                  end = t;
                }
                if (noCase) {
                  start = lower(start);
                  end = lower(end);
                  c = lower(c);
                }
                p += 2;
                if (c >= start && c <= end) {
                  matched = true;
                }
              } else if (same(pat[p], str[s], noCase)) {
                matched = true;
              }
              p++;
            }
            if (not) {
              matched = !matched;
            }
            if (!matched) {
              return false;
            }
            s++;
            break;
          }
        case '\\':
          if (pl - p >= 2) {
            p++;
          }
          if (!same(pat[p], str[s], noCase)) {
            return false;
          }
          s++;
          break;
        default:
          if (!same(pat[p], str[s], noCase)) {
            return false;
          }
          s++;
          break;
      }
      p++;
      if (s == sl) {
        while (p < pl && pat[p] == '*') {
          p++;
        }
        break;
      }
    }
    return p >= pl && s == sl;
  }

  private static boolean same(byte a, byte b, boolean noCase) {
    return noCase ? lower(a & 0xff) == lower(b & 0xff) : a == b;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
