package dev.vigil.config;

/**
 * The server lines of a rewrite (Valkey's generic config rewrite, for the options Vigil models).
 */
final class ServerOptionLines {
  private ServerOptionLines() {}

  static void write(RewriteState rs, ServerOptions s) {
    rs.rewriteLine("port", "port " + s.port(), s.port() != 6379);
    if (s.bind().equals(ServerOptions.DEFAULT_BIND)) {
      rs.markProcessed("bind");
    } else {
      String addresses = s.bind().isEmpty() ? "\"\"" : String.join(" ", s.bind());
      rs.rewriteLine("bind", "bind " + addresses, true);
    }
    rs.rewriteLine("dir", "dir " + Repr.quote(s.dir()), true);
    rs.rewriteLine(
        "protected-mode", "protected-mode " + yesNo(s.protectedMode()), !s.protectedMode());
    rs.rewriteLine("daemonize", "daemonize " + yesNo(s.daemonize()), s.daemonize());
    optionalString(rs, "pidfile", s.pidfile());
    rs.rewriteLine("logfile", "logfile " + Repr.quote(s.logfile()), !s.logfile().isEmpty());
    rs.rewriteLine("loglevel", "loglevel " + s.loglevel(), !s.loglevel().equals("notice"));
    optionalString(rs, "requirepass", s.requirepass());
    rs.rewriteLine("aclfile", "aclfile " + Repr.quote(s.aclfile()), !s.aclfile().isEmpty());
    rs.markProcessed("save");
  }

  private static void optionalString(RewriteState rs, String option, String value) {
    if (value == null) {
      rs.markProcessed(option);
    } else {
      rs.rewriteLine(option, option + " " + Repr.quote(value), true);
    }
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
