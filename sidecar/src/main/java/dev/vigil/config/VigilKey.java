package dev.vigil.config;

import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.state.HostPort;
import java.util.Locale;
import java.util.function.Function;

/**
 * One {@code vigil <key> <value>} setting: its name, value kind and place in {@link VigilOptions}.
 */
enum VigilKey {
  JOLOKIA_PORT("jolokia-port", Kind.PORT, VigilOptions::jolokiaPort),
  JOLOKIA_HOST("jolokia-host", Kind.HOST, VigilOptions::jolokiaHost),
  JOLOKIA_USER("jolokia-user", Kind.STRING, VigilOptions::jolokiaUser),
  JOLOKIA_PASSWORD("jolokia-password", Kind.STRING, VigilOptions::jolokiaPassword),
  JOLOKIA_READONLY_USER("jolokia-readonly-user", Kind.STRING, VigilOptions::jolokiaReadonlyUser),
  JOLOKIA_READONLY_PASSWORD(
      "jolokia-readonly-password", Kind.STRING, VigilOptions::jolokiaReadonlyPassword),
  JMX_PORT("jmx-port", Kind.PORT, VigilOptions::jmxPort),
  JMX_HOST("jmx-host", Kind.HOST, VigilOptions::jmxHost),
  JMX_PASSWORD_FILE("jmx-password-file", Kind.STRING, VigilOptions::jmxPasswordFile),
  JMX_ACCESS_FILE("jmx-access-file", Kind.STRING, VigilOptions::jmxAccessFile),
  HTTP_PORT("http-port", Kind.PORT, VigilOptions::httpPort),
  HTTP_HOST("http-host", Kind.HOST, VigilOptions::httpHost),
  NODE("node", Kind.NODE, VigilOptions::node),
  FAILOVER_PACING("failover-pacing", Kind.PACING, VigilOptions::failoverPacing),
  // Management security (docs/security.md).
  JOLOKIA_ALLOW_ORIGIN("jolokia-allow-origin", Kind.STRING, VigilOptions::jolokiaAllowOrigin),
  JMX_AUTHENTICATE("jmx-authenticate", Kind.YES_NO, VigilOptions::jmxAuthenticate),
  JMX_ADMIN_USERS("jmx-admin-users", Kind.STRING, VigilOptions::jmxAdminUsers),
  // Self-fencing (docs/fencing.md).
  FENCING("fencing", Kind.YES_NO, VigilOptions::fencing),
  FENCE_AFTER("fence-after-milliseconds", Kind.MILLIS, VigilOptions::fenceAfterMs);

  enum Kind {
    PORT,
    HOST,
    STRING,
    NODE,
    YES_NO,
    PACING,
    MILLIS
  }

  final String key;
  final Kind kind;
  private final Function<VigilOptions, Object> getter;

  VigilKey(String key, Kind kind, Function<VigilOptions, Object> getter) {
    this.key = key;
    this.kind = kind;
    this.getter = getter;
  }

  Object get(VigilOptions options) {
    return getter.apply(options);
  }

  static VigilKey byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (VigilKey k : values()) {
      if (k.key.equals(lower)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Parses a value; throws IllegalArgumentException with the error text if it is not valid. An
   * empty string unsets a string setting.
   */
  Object parse(String value) {
    switch (kind) {
      case PORT -> {
        Long port = ServerDirectives.parseStrictLong(value);
        if (port == null || port < 0 || port > 65535) {
          throw new IllegalArgumentException(
              "Invalid port '" + value + "' for vigil " + key + ": must be 0..65535.");
        }
        return port.intValue();
      }
      case YES_NO -> {
        Boolean yes = ServerDirectives.yesNo(value);
        if (yes == null) {
          throw new IllegalArgumentException("Please specify yes or no for vigil " + key + ".");
        }
        return yes;
      }
      case NODE -> {
        return parseNode(value);
      }
      case PACING -> {
        FailoverPacing pacing = FailoverPacing.byConfigName(value);
        if (pacing == null) {
          throw new IllegalArgumentException(
              "Please specify vigil or sentinel for vigil " + key + ".");
        }
        return pacing;
      }
      case MILLIS -> {
        Long ms = ServerDirectives.parseStrictLong(value);
        if (ms == null || ms < 0) {
          throw new IllegalArgumentException(
              "Invalid milliseconds '" + value + "' for vigil " + key + ": must be >= 0.");
        }
        return ms;
      }
      case HOST -> {
        if (value.isEmpty()) {
          throw new IllegalArgumentException("vigil " + key + " needs a non-empty address.");
        }
        return value;
      }
      default -> {
        return value.isEmpty() ? null : value;
      }
    }
  }

  private HostPort parseNode(String value) {
    String host;
    String port;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
        throw badNode(value);
      }
      host = value.substring(1, close);
      port = value.substring(close + 2);
    } else {
      int colon = value.lastIndexOf(':');
      if (colon <= 0 || value.indexOf(':') != colon) {
        throw badNode(value);
      }
      host = value.substring(0, colon);
      port = value.substring(colon + 1);
    }
    Long p = ServerDirectives.parseStrictLong(port);
    if (host.isEmpty() || p == null || p < 1 || p > 65535) {
      throw badNode(value);
    }
    String literal = IpLiteral.normalize(host);
    return new HostPort(literal != null ? literal : host, p.intValue());
  }

  private IllegalArgumentException badNode(String value) {
    return new IllegalArgumentException(
        "Invalid node '" + value + "' for vigil node: use <host>:<port> ([<ipv6>]:<port>).");
  }

  /** The value as written back in the file. */
  String format(Object value) {
    return switch (kind) {
      case PORT, MILLIS -> value.toString();
      case YES_NO -> ((Boolean) value) ? "yes" : "no";
      case PACING -> ((FailoverPacing) value).configName();
      case NODE -> ((HostPort) value).key();
      case HOST, STRING -> Repr.quote((String) value);
    };
  }
}
