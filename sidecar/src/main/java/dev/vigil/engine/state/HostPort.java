package dev.vigil.engine.state;

/** A host (IP literal or hostname) and port. */
public record HostPort(String host, int port) {
  /** Sentinel's instance key: {@code ip:port}, IPv6 bracketed. */
  public String key() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return key();
  }
}
