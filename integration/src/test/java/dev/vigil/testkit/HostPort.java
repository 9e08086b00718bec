package dev.vigil.testkit;

/** A TCP address as servers and sentinels report it: {@code host:port}. */
public record HostPort(String host, int port) {
  public static final String LOOPBACK = "127.0.0.1";

  public static HostPort loopback(int port) {
    return new HostPort(LOOPBACK, port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
