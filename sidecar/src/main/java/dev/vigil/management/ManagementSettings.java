package dev.vigil.management;

import dev.vigil.management.jmxremote.RemoteJmxSettings;
import dev.vigil.management.jolokia.JolokiaSettings;

/**
 * What of the management plane to run, from the {@code vigil ...} directives.
 *
 * @param jolokia null = off ({@code vigil jolokia-port 0})
 * @param jmx null = off (the default: no {@code vigil jmx-port})
 * @param httpHost where /metrics and the health checks listen
 * @param httpPort -1 = off; 0 = any free port (tests)
 * @param localNode the co-located Valkey node as {@code ip:port}, null when not configured
 */
public record ManagementSettings(
    JolokiaSettings jolokia,
    RemoteJmxSettings jmx,
    String httpHost,
    int httpPort,
    String localNode) {
  public static final int OFF = -1;
}
