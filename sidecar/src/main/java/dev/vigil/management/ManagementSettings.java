package dev.vigil.management;

import dev.vigil.config.VigilOptions;
import dev.vigil.management.jmxremote.RemoteJmxSettings;
import dev.vigil.management.jolokia.JolokiaCredentials;
import dev.vigil.management.jolokia.JolokiaSettings;
import dev.vigil.management.jolokia.JolokiaUser;
import dev.vigil.management.jolokia.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What of the management plane to run, from the {@code vigil ...} directives.
 *
 * @param jolokia null = off ({@code vigil jolokia-port 0}, or no port could be derived)
 * @param jolokiaPortDerived the Jolokia port was not configured but derived from the Sentinel port
 *     ({@link #derivedJolokiaPort}); if it is taken, Jolokia stays off with a warning instead of
 *     failing the start
 * @param jmx null = off (the default: no {@code vigil jmx-port})
 * @param httpHost where /metrics and the health checks listen
 * @param httpPort {@link #OFF}, or 0 for any free port (tests)
 * @param localNode the co-located Valkey node as {@code ip:port}, null when not configured
 * @param notes what the settings themselves need to tell the operator (e.g. no derivable port)
 */
public record ManagementSettings(
    JolokiaSettings jolokia,
    boolean jolokiaPortDerived,
    RemoteJmxSettings jmx,
    String httpHost,
    int httpPort,
    String localNode,
    List<String> notes) {
  public static final int OFF = -1;
  static final int SENTINEL_DEFAULT_PORT = 26379;

  public ManagementSettings {
    notes = List.copyOf(notes);
  }

  /** Explicit endpoints only, nothing derived (tests). */
  public ManagementSettings(
      JolokiaSettings jolokia,
      RemoteJmxSettings jmx,
      String httpHost,
      int httpPort,
      String localNode) {
    this(jolokia, false, jmx, httpHost, httpPort, localNode, List.of());
  }

  /**
   * The config's {@code vigil} directives for a sidecar on {@code sentinelPort} whose config file
   * is {@code configFile} (the generated Jolokia login lives beside it). In the config a port of 0
   * means "off".
   */
  public static ManagementSettings from(VigilOptions vigil, int sentinelPort, Path configFile) {
    List<String> notes = new ArrayList<>();
    JolokiaSettings jolokia = null;
    boolean derived = vigil.jolokiaPort() == VigilOptions.JOLOKIA_PORT_FROM_SENTINEL_PORT;
    int jolokiaPort = derived ? derivedJolokiaPort(sentinelPort) : vigil.jolokiaPort();
    if (jolokiaPort < 0) {
      notes.add(
          "Jolokia is off: no port can be derived from Sentinel port "
              + sentinelPort
              + " (8778 + port - 26379 is out of range); set vigil jolokia-port");
    } else if (jolokiaPort != 0) {
      List<JolokiaUser> users = new ArrayList<>();
      if (vigil.jolokiaUser() != null) {
        users.add(new JolokiaUser(vigil.jolokiaUser(), vigil.jolokiaPassword(), Role.READWRITE));
      }
      if (vigil.jolokiaReadonlyUser() != null) {
        users.add(
            new JolokiaUser(
                vigil.jolokiaReadonlyUser(), vigil.jolokiaReadonlyPassword(), Role.READONLY));
      }
      jolokia =
          new JolokiaSettings(
              vigil.jolokiaHost(),
              jolokiaPort,
              users,
              vigil.jolokiaUser() == null ? JolokiaCredentials.fileFor(configFile) : null,
              list(vigil.jolokiaAllowOrigin()));
    }
    RemoteJmxSettings jmx = null;
    if (vigil.jmxPort() != 0) {
      jmx =
          new RemoteJmxSettings(
              vigil.jmxHost(),
              vigil.jmxPort(),
              vigil.jmxPasswordFile() == null ? null : Path.of(vigil.jmxPasswordFile()),
              vigil.jmxAccessFile() == null ? null : Path.of(vigil.jmxAccessFile()),
              vigil.jmxAuthenticate(),
              list(vigil.jmxAdminUsers()));
    }
    return new ManagementSettings(
        jolokia,
        derived,
        jmx,
        vigil.httpHost(),
        vigil.httpPort() == 0 ? OFF : vigil.httpPort(),
        vigil.node() == null ? null : vigil.node().key(),
        notes);
  }

  /**
   * {@code 8778 + (sentinelPort - 26379)}: 8778 for the default Sentinel port, 8779 for 26380 and
   * so on, so sidecars on one host never ask for the same port; -1 when out of 1..65535.
   */
  static int derivedJolokiaPort(int sentinelPort) {
    int port = JolokiaSettings.DEFAULT_PORT + (sentinelPort - SENTINEL_DEFAULT_PORT);
    return port >= 1 && port <= 65535 ? port : -1;
  }

  /** A comma- or space-separated list; empty when unset. */
  static Set<String> list(String value) {
    Set<String> items = new LinkedHashSet<>();
    if (value != null) {
      for (String item : value.split("[,\\s]+")) {
        if (!item.isEmpty()) {
          items.add(item);
        }
      }
    }
    return items;
  }
}
