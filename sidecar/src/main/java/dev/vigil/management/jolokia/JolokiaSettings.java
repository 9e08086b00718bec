package dev.vigil.management.jolokia;

import java.util.List;

/**
 * How to run the embedded Jolokia agent ({@code vigil jolokia-*} directives).
 *
 * @param port 0 picks a free port (tests); the config default is 8778
 * @param users empty = no authentication (anonymous read-write, see {@link RoleAuthenticator})
 */
public record JolokiaSettings(String host, int port, List<JolokiaUser> users) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8778;

  public JolokiaSettings {
    users = List.copyOf(users);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid Jolokia port " + port);
    }
  }
}
