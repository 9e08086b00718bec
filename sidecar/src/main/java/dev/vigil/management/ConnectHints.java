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

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
