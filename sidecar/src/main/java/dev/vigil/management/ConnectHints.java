package dev.vigil.management;

import javax.management.remote.JMXServiceURL;

/**
 * The lines the demo prints so a person can poke a running sidecar: the Jolokia URL, a
 * ready-to-paste curl that forces a failover, and a JConsole command line.
 */
public final class ConnectHints {
  private ConnectHints() {}

  /**
   * @param user null when Jolokia runs without authentication
   */
  public static String curlFailover(
      String jolokiaUrl, String user, String password, String master) {
    String body =
        "{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name="
            + master
            + "\",\"operation\":\"failover\"}";
    return "curl -s"
        + (user == null ? "" : " -u " + shellQuote(user + ":" + password))
        + " -H 'Content-Type: application/json' -d "
        + shellQuote(body)
        + " "
        + jolokiaUrl;
  }

  /** Local attach always works ({@code jconsole <pid>}); remote needs the connector. */
  public static String jconsole(long pid, JMXServiceURL remote, String pluginPath) {
    String plugin = pluginPath == null ? "" : "-pluginpath " + shellQuote(pluginPath) + " ";
    return remote == null
        ? "jconsole " + plugin + pid
        : "jconsole " + plugin + shellQuote(remote.toString());
  }

  /**
   * What the demo prints for one running sidecar: the Jolokia URL, a curl that forces a failover of
   * {@code master} with the read-write user, and a JConsole command line (remote when the connector
   * is on, else local attach by pid).
   */
  public static java.util.List<String> describe(
      ManagementPlane plane, dev.vigil.config.VigilOptions vigil, String master, long pid) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    if (plane.jolokiaUrl() != null) {
      lines.add("Jolokia: " + plane.jolokiaUrl());
      lines.add(
          "Force a failover: "
              + curlFailover(
                  plane.jolokiaUrl(), vigil.jolokiaUser(), vigil.jolokiaPassword(), master));
    }
    lines.add("JConsole: " + jconsole(pid, plane.jmxUrl(), null));
    if (plane.httpPort() != 0) {
      lines.add("Metrics: http://" + vigil.httpHost() + ":" + plane.httpPort() + "/metrics");
    }
    return lines;
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
