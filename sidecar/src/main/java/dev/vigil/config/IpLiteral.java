package dev.vigil.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises IP address literals without ever asking DNS, and normalises them the way Sentinel's
 * {@code anetResolve(..., ANET_IP_ONLY)} + {@code inet_ntop} does (IPv6 compressed, lower case).
 *
 * <p>IPv4 is accepted only in strict dotted-quad form without leading zeros: glibc would read
 * {@code 010.0.0.1} as octal 8.0.0.1 and {@code 127.1} as 127.0.0.1, which is more surprising than
 * useful in a failover configuration, so those are refused as "not an IP literal".
 */
public final class IpLiteral {
  private IpLiteral() {}

  /** The normalised literal, or null if {@code host} is not an IP literal. */
  static String normalize(String host) {
    if (isDottedQuad(host)) {
      return host;
    }
    if (host.indexOf(':') >= 0 && isIpv6Charset(host)) {
      try {
        // A string containing ':' and starting with a hex digit or ':' is parsed as an IPv6
        // literal by the JDK and never looked up; the charset check above guarantees both.
        InetAddress address = InetAddress.getByName(host);
        if (address instanceof Inet6Address v6 && v6.getScopeId() == 0) {
          return compress(v6.getAddress());
        }
        // The JDK turns IPv4-mapped literals (::ffff:a.b.c.d) into IPv4 addresses.
        return "::ffff:" + address.getHostAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  static boolean isLiteral(String host) {
    return normalize(host) != null;
  }

  private static boolean isDottedQuad(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < part.length(); i++) {
        if (part.charAt(i) < '0' || part.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6Charset(String s) {
    char first = s.charAt(0);
    if (!(first == ':' || Character.digit(first, 16) >= 0)) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 5952 text form of a 16-byte IPv6 address, as glibc's {@code inet_ntop} prints it (also what
   * Sentinel puts in hellos).
   */
  public static String compress(byte[] a) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    // IPv4-mapped addresses are printed with a dotted tail by inet_ntop.
    boolean mapped = true;
    for (int i = 0; i < 5; i++) {
      mapped &= groups[i] == 0;
    }
    if (mapped && groups[5] == 0xffff) {
      return "::ffff:"
          + (a[12] & 0xff)
          + "."
          + (a[13] & 0xff)
          + "."
          + (a[14] & 0xff)
          + "."
          + (a[15] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
