package dev.vigil.management.jmxremote;

import java.nio.file.Path;
import java.util.Set;

/**
 * The remote JMX connector ({@code vigil jmx-*} directives): off unless a port is configured.
 *
 * @param port 0 = pick a free port (tests); the config's 0 means "off" and never reaches here
 * @param passwordFile standard JMX password file ({@code <user> <password>} per line)
 * @param accessFile standard JMX access file ({@code <user> readonly|readwrite} per line)
 * @param authenticate false only with an explicit {@code vigil jmx-authenticate no}: then there are
 *     no files and every client is let in (still not as an admin)
 * @param adminUsers who may call {@link dev.vigil.management.AdminOnly} operations and create or
 *     unregister MBeans ({@code vigil jmx-admin-users}); nobody else may, whatever the access file
 *     says
 */
public record RemoteJmxSettings(
    String host,
    int port,
    Path passwordFile,
    Path accessFile,
    boolean authenticate,
    Set<String> adminUsers) {
  public RemoteJmxSettings {
    adminUsers = Set.copyOf(adminUsers);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid JMX port " + port);
    }
    if (authenticate && (passwordFile == null || accessFile == null)) {
      throw new IllegalArgumentException(
          "remote JMX needs vigil jmx-password-file and vigil jmx-access-file"
              + " (or an explicit vigil jmx-authenticate no)");
    }
    if (!authenticate && (passwordFile != null || accessFile != null)) {
      throw new IllegalArgumentException(
          "vigil jmx-authenticate no contradicts vigil jmx-password-file/jmx-access-file");
    }
  }

  /** Authenticated with these files and no admin. */
  public RemoteJmxSettings(String host, int port, Path passwordFile, Path accessFile) {
    this(host, port, passwordFile, accessFile, true, Set.of());
  }
}
