package dev.vigil.management.view;

/** {@code ip:port} as Sentinel prints it; IPv6 addresses go in brackets so the port stays clear. */
public final class Addresses {
  private Addresses() {}

  public static String format(String ip, int port) {
    return (ip.indexOf(':') >= 0 && !ip.startsWith("[") ? "[" + ip + "]" : ip) + ":" + port;
  }
}
