package dev.vigil.config;

/**
 * The {@code vigil <key> <value>} lines of a rewrite: each key reuses its old line in place, is
 * appended only when not at its default, and its old lines are blanked when it is unset.
 */
final class VigilOptionLines {
  private VigilOptionLines() {}

  static void write(RewriteState rs, VigilOptions vigil) {
    for (VigilKey key : VigilKey.values()) {
      Object value = key.get(vigil);
      String option = "vigil " + key.key;
      if (value == null) {
        rs.markProcessed(option);
      } else {
        boolean force = !value.equals(key.get(VigilOptions.DEFAULTS));
        rs.rewriteLine(option, option + " " + key.format(value), force);
      }
    }
  }
}
