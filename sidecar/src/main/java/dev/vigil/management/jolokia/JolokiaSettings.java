package dev.vigil.management.jolokia;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How to run the embedded Jolokia agent ({@code vigil jolokia-*} directives).
 *
 * @param port 0 picks a free port (tests)
 * @param users the configured logins
 * @param generatedLogin where the generated read-write login {@code admin} lives (created on first
 *     start, see {@link JolokiaCredentials}); null when a read-write user is configured
 * @param allowedOrigins browser origins that get CORS grants ({@code vigil jolokia-allow-origin});
 *     every other origin is refused
 */
public record JolokiaSettings(
    String host,
    int port,
    List<JolokiaUser> users,
    Path generatedLogin,
    Set<String> allowedOrigins) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8778;

  public JolokiaSettings {
    users = List.copyOf(users);
    allowedOrigins = Set.copyOf(allowedOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid Jolokia port " + port);
    }
    if (generatedLogin == null && users.stream().noneMatch(u -> u.role() == Role.READWRITE)) {
      throw new IllegalArgumentException(
          "Jolokia needs a read-write user or a file for the generated one");
    }
  }

  /** Logins configured in the file only, no CORS origins. */
  public JolokiaSettings(String host, int port, List<JolokiaUser> users) {
    this(host, port, users, null, Set.of());
  }
}
