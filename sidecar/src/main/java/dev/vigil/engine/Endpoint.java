package dev.vigil.engine;

/**
 * Where a link goes: a data node (primary or replica, command + pub/sub connections) or a peer
 * sentinel (command connection only). Links are shared by endpoint, as Sentinel shares them by
 * runid.
 */
public record Endpoint(String host, int port, Kind kind) {
  /** What is at the other end of a link. */
  public enum Kind {
    DATA,
    SENTINEL
  }

  public static Endpoint data(String host, int port) {
    return new Endpoint(host, port, Kind.DATA);
  }

  public static Endpoint sentinel(String host, int port) {
    return new Endpoint(host, port, Kind.SENTINEL);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + kind;
  }
}
