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

  // equals and hashCode written out: a record's generated ones are bootstrapped through
  // java.lang.runtime.ObjectMethods on first use, and the first such bootstrap in the process spins
  // ~50 method-handle classes (~100 ms of start-up on the 2-core build machine); the engine keys
  // its links by endpoint from its first step on.
  @Override
  public boolean equals(Object o) {
    return o instanceof Endpoint e && port == e.port && kind == e.kind && host.equals(e.host);
  }

  @Override
  public int hashCode() {
    return (host.hashCode() * 31 + port) * 31 + kind.hashCode();
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + kind;
  }
}
