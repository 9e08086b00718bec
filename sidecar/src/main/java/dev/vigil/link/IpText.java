package dev.vigil.link;

import dev.vigil.config.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Formats an address the way {@code inet_ntop} does, which is what Sentinel puts in hellos: IPv4
 * dotted, IPv6 in the RFC 5952 short form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), without a
 * scope id.
 */
final class IpText {
  private IpText() {}

  static String of(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    return IpLiteral.compress(address.getAddress());
  }
}
