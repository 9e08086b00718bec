package dev.vigil.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits file content into lines and joins them back, as Valkey's loader and rewriter do. */
final class ConfigText {
  private ConfigText() {}

  /**
   * {@code sdssplitlen(content, "\n")}: a trailing newline yields a last empty line; an empty file
   * has no lines at all.
   */
  static List<String> split(String content) {
    if (content.isEmpty()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(Arrays.asList(content.split("\n", -1)));
  }

  /** Every line followed by {@code \n} ({@code rewriteConfigGetContentFromState}). */
  static String join(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** {@code sdstrim(line, " \t\r\n")}. */
  static String trim(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && isTrimmed(line.charAt(start))) {
      start++;
    }
    while (end > start && isTrimmed(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(start, end);
  }

  private static boolean isTrimmed(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
