package dev.vigil.management.jmxremote;

import java.nio.file.Path;

/**
 * The remote JMX connector ({@code vigil jmx-*} directives): off unless a port is configured.
 *
 * @param port 0 = pick a free port (tests); the config's 0 means "off" and never reaches here
 * @param passwordFile standard JMX password file ({@code <user> <password>} per line)
 * @param accessFile standard JMX access file ({@code <user> readonly|readwrite} per line)
 */
public record RemoteJmxSettings(String host, int port, Path passwordFile, Path accessFile) {
  public RemoteJmxSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid JMX port " + port);
    }
    if ((passwordFile == null) != (accessFile == null)) {
      throw new IllegalArgumentException(
          "jmx-password-file and jmx-access-file must be given together");
    }
  }
}
