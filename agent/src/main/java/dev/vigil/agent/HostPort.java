package dev.vigil.agent;

import java.util.Locale;

/** An immutable {@code host:port} pair, the agent's own (Jedis's HostAndPort varies by version). */
public final class HostPort {
  private final String host;
  private final int port;

  public HostPort(String host, int port) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range 1-65535: " + port);
    }
    this.host = host;
    this.port = port;
  }

  /** Parses {@code host:port} (IPv6 literals as {@code [::1]:6379} or with the last colon). */
  public static HostPort parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException("expected host:port but got '" + text + "'");
    }
    String host = trimmed.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(trimmed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected host:port but got '" + text + "'");
    }
    return new HostPort(host, port);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HostPort)) {
      return false;
    }
    HostPort other = (HostPort) o;
    return port == other.port
        && host.toLowerCase(Locale.ROOT).equals(other.host.toLowerCase(Locale.ROOT));
  }

  @Override
  public int hashCode() {
    return host.toLowerCase(Locale.ROOT).hashCode() * 31 + port;
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
