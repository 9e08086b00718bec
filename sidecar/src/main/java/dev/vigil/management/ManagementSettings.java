package dev.vigil.management;

import dev.vigil.config.VigilOptions;
import dev.vigil.management.jmxremote.RemoteJmxSettings;
import dev.vigil.management.jolokia.JolokiaSettings;
import dev.vigil.management.jolokia.JolokiaUser;
import dev.vigil.management.jolokia.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What of the management plane to run, from the {@code vigil ...} directives.
 *
 * @param jolokia null = off ({@code vigil jolokia-port 0})
 * @param jmx null = off (the default: no {@code vigil jmx-port})
 * @param httpHost where /metrics and the health checks listen
 * @param httpPort {@link #OFF}, or 0 for any free port (tests)
 * @param localNode the co-located Valkey node as {@code ip:port}, null when not configured
 */
public record ManagementSettings(
    JolokiaSettings jolokia,
    RemoteJmxSettings jmx,
    String httpHost,
    int httpPort,
    String localNode) {
  public static final int OFF = -1;

  /** The config's {@code vigil} directives; in the config a port of 0 means "off". */
  public static ManagementSettings from(VigilOptions vigil) {
    JolokiaSettings jolokia = null;
    if (vigil.jolokiaPort() != 0) {
      List<JolokiaUser> users = new ArrayList<>();
      if (vigil.jolokiaUser() != null) {
        users.add(new JolokiaUser(vigil.jolokiaUser(), vigil.jolokiaPassword(), Role.READWRITE));
      }
      if (vigil.jolokiaReadonlyUser() != null) {
        users.add(
            new JolokiaUser(
                vigil.jolokiaReadonlyUser(), vigil.jolokiaReadonlyPassword(), Role.READONLY));
      }
      jolokia = new JolokiaSettings(vigil.jolokiaHost(), vigil.jolokiaPort(), users);
    }
    RemoteJmxSettings jmx = null;
    if (vigil.jmxPort() != 0) {
      jmx =
          new RemoteJmxSettings(
              vigil.jmxHost(),
              vigil.jmxPort(),
              vigil.jmxPasswordFile() == null ? null : Path.of(vigil.jmxPasswordFile()),
              vigil.jmxAccessFile() == null ? null : Path.of(vigil.jmxAccessFile()));
    }
    return new ManagementSettings(
        jolokia,
        jmx,
        vigil.httpHost(),
        vigil.httpPort() == 0 ? OFF : vigil.httpPort(),
        vigil.node() == null ? null : vigil.node().key());
  }
}
