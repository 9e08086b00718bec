package dev.vigil.jmx.agent;

/** ObjectName value quoting shared by the agent's beans. */
final class ObjectNames {
  private ObjectNames() {}

  /** Quotes a key property value when it contains a character ObjectName reserves. */
  static String quoteIfNeeded(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n') {
        return javax.management.ObjectName.quote(value);
      }
    }
    return value;
  }
}
