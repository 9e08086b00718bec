package dev.vigil.config;

import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.state.HostPort;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects {@code vigil <key> <value>} lines into {@link VigilOptions}; the last line wins. */
final class VigilDirectives {
  private final Map<VigilKey, Object> values = new EnumMap<>(VigilKey.class);

  VigilDirectives() {
    for (VigilKey key : VigilKey.values()) {
      values.put(key, key.get(VigilOptions.DEFAULTS));
    }
  }

  /** Applies one line's arguments (after {@code vigil}); returns the error text or null. */
  String apply(List<String> args) {
    if (args.isEmpty()) {
      return "Missing vigil option name.";
    }
    VigilKey key = VigilKey.byName(args.get(0));
    if (key == null && args.get(0).equalsIgnoreCase("fast-failover")) {
      return "vigil fast-failover is now vigil failover-pacing: use vigil failover-pacing vigil"
          + " (was yes) or vigil failover-pacing sentinel (was no).";
    }
    if (key == null) {
      return "Unknown vigil option '" + args.get(0) + "'.";
    }
    if (args.size() != 2) {
      return "Wrong number of arguments for vigil " + key.key + ": expected one value.";
    }
    try {
      values.put(key, key.parse(args.get(1)));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return null;
  }

  /** Checks that belong to the whole file; returns the error text or null. */
  String validate() {
    String pair = pair(VigilKey.JOLOKIA_USER, VigilKey.JOLOKIA_PASSWORD);
    if (pair == null) {
      pair = pair(VigilKey.JOLOKIA_READONLY_USER, VigilKey.JOLOKIA_READONLY_PASSWORD);
    }
    return pair != null ? pair : remoteJmxAuthentication();
  }

  /** Remote JMX never starts without its password and access files, unless explicitly told. */
  private String remoteJmxAuthentication() {
    if ((Integer) values.get(VigilKey.JMX_PORT) == 0) {
      return null;
    }
    boolean files =
        values.get(VigilKey.JMX_PASSWORD_FILE) != null
            || values.get(VigilKey.JMX_ACCESS_FILE) != null;
    if (!(Boolean) values.get(VigilKey.JMX_AUTHENTICATE)) {
      return files
          ? "vigil jmx-authenticate no contradicts vigil jmx-password-file/jmx-access-file."
          : null;
    }
    if (values.get(VigilKey.JMX_PASSWORD_FILE) == null
        || values.get(VigilKey.JMX_ACCESS_FILE) == null) {
      return "vigil jmx-port needs vigil jmx-password-file and vigil jmx-access-file"
          + " (or vigil jmx-authenticate no to let anyone who reaches the port in).";
    }
    return null;
  }

  private String pair(VigilKey user, VigilKey password) {
    if ((values.get(user) == null) != (values.get(password) == null)) {
      return "vigil " + user.key + " and vigil " + password.key + " must be set together.";
    }
    return null;
  }

  VigilOptions toOptions() {
    return new VigilOptions(
        (Integer) values.get(VigilKey.JOLOKIA_PORT),
        (String) values.get(VigilKey.JOLOKIA_HOST),
        (String) values.get(VigilKey.JOLOKIA_USER),
        (String) values.get(VigilKey.JOLOKIA_PASSWORD),
        (String) values.get(VigilKey.JOLOKIA_READONLY_USER),
        (String) values.get(VigilKey.JOLOKIA_READONLY_PASSWORD),
        (Integer) values.get(VigilKey.JMX_PORT),
        (String) values.get(VigilKey.JMX_HOST),
        (String) values.get(VigilKey.JMX_PASSWORD_FILE),
        (String) values.get(VigilKey.JMX_ACCESS_FILE),
        (Integer) values.get(VigilKey.HTTP_PORT),
        (String) values.get(VigilKey.HTTP_HOST),
        (HostPort) values.get(VigilKey.NODE),
        (FailoverPacing) values.get(VigilKey.FAILOVER_PACING),
        (String) values.get(VigilKey.JOLOKIA_ALLOW_ORIGIN),
        (Boolean) values.get(VigilKey.JMX_AUTHENTICATE),
        (String) values.get(VigilKey.JMX_ADMIN_USERS),
        (Boolean) values.get(VigilKey.FENCING),
        (Long) values.get(VigilKey.FENCE_AFTER));
  }
}
