package dev.vigil.runtime;

import dev.vigil.config.IpLiteral;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * {@code anetResolve} for the engine's {@code resolve-hostnames yes}, asked when an instance is
 * created and again before every reconnection to an instance known by name: the first address the
 * system resolver gives (the JDK prefers IPv4, as {@code getaddrinfo} usually does for names listed
 * with both), written as Valkey writes it ({@code inet_ntop}: {@code ::1}, not {@code
 * 0:0:0:0:0:0:0:1}). Blocking, as Sentinel's own lookup is; the JDK caches answers for 30 s.
 */
final class DnsResolver implements Function<String, String> {
  @Override
  public String apply(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address instanceof Inet6Address v6 && v6.getScopeId() == 0) {
        return IpLiteral.compress(v6.getAddress());
      }
      return address instanceof Inet4Address ? address.getHostAddress() : null;
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
