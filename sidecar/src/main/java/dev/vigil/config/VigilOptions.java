package dev.vigil.config;

import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.state.HostPort;

/**
 * Vigil's own settings, written in the same file as {@code vigil <key> <value>} lines (a real
 * Sentinel would refuse them, so a file using them is Vigil's).
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>jolokia-port</td><td>8778 + (port - 26379)</td><td>Jolokia HTTP agent port; 0
 *       disables Jolokia; unset, it follows the Sentinel port so that sidecars on one host never
 *       share it ({@link #JOLOKIA_PORT_FROM_SENTINEL_PORT})</td></tr>
 *   <tr><td>jolokia-host</td><td>127.0.0.1</td><td>address Jolokia listens on</td></tr>
 *   <tr><td>jolokia-user / jolokia-password</td><td>unset</td><td>read-write Jolokia
 *       credentials (both or neither)</td></tr>
 *   <tr><td>jolokia-readonly-user / jolokia-readonly-password</td><td>unset</td><td>read-only
 *       Jolokia credentials (both or neither)</td></tr>
 *   <tr><td>jmx-port</td><td>0</td><td>remote JMX (RMI) port; 0 = off</td></tr>
 *   <tr><td>jmx-host</td><td>127.0.0.1</td><td>address remote JMX listens on</td></tr>
 *   <tr><td>jmx-password-file / jmx-access-file</td><td>unset</td><td>standard JMX
 *       authentication files</td></tr>
 *   <tr><td>http-port</td><td>0</td><td>metrics and health endpoint port; 0 = off</td></tr>
 *   <tr><td>http-host</td><td>127.0.0.1</td><td>address the HTTP endpoint listens on</td></tr>
 *   <tr><td>node</td><td>unset</td><td>the co-located Valkey node ({@code host:port}, IPv6 in
 *       brackets) for the /primary and /replica health checks and self-fencing</td></tr>
 *   <tr><td>failover-pacing</td><td>vigil</td><td>how quickly failures are found and acted on
 *       ({@link FailoverPacing}): {@code vigil}, or {@code sentinel} for Sentinel's timings
 *       exactly</td></tr>
 *   <tr><td>jolokia-allow-origin</td><td>unset</td><td>browser origins (comma-separated, e.g.
 *       {@code https://hawtio.example:8443}) that may call Jolokia; any other is refused</td></tr>
 *   <tr><td>jmx-authenticate</td><td>yes</td><td>{@code no} lets remote JMX run without password
 *       and access files (anyone who reaches the port gets in)</td></tr>
 *   <tr><td>jmx-admin-users</td><td>unset</td><td>JMX users (comma-separated) allowed to create
 *       MBeans and call code-loading or file-writing JVM operations</td></tr>
 *   <tr><td>fencing</td><td>yes</td><td>self-fencing of the node (docs/fencing.md); applies
 *       only where {@code node} is set</td></tr>
 *   <tr><td>fence-after-milliseconds</td><td>0</td><td>how long a majority of the sentinels
 *       may be unreachable before the node is fenced; 0 = a third of down-after-milliseconds</td></tr>
 * </table>
 *
 * <p>String values that are unset are null.
 */
public record VigilOptions(
    int jolokiaPort,
    String jolokiaHost,
    String jolokiaUser,
    String jolokiaPassword,
    String jolokiaReadonlyUser,
    String jolokiaReadonlyPassword,
    int jmxPort,
    String jmxHost,
    String jmxPasswordFile,
    String jmxAccessFile,
    int httpPort,
    String httpHost,
    HostPort node,
    FailoverPacing failoverPacing,
    String jolokiaAllowOrigin,
    boolean jmxAuthenticate,
    String jmxAdminUsers,
    boolean fencing,
    long fenceAfterMs) {

  /** The default {@code jolokia-port}: derived from the Sentinel port when the plane starts. */
  public static final int JOLOKIA_PORT_FROM_SENTINEL_PORT = -1;

  /** The settings without the self-fencing ones, with fencing at its defaults. */
  public VigilOptions(
      int jolokiaPort,
      String jolokiaHost,
      String jolokiaUser,
      String jolokiaPassword,
      String jolokiaReadonlyUser,
      String jolokiaReadonlyPassword,
      int jmxPort,
      String jmxHost,
      String jmxPasswordFile,
      String jmxAccessFile,
      int httpPort,
      String httpHost,
      HostPort node,
      FailoverPacing failoverPacing,
      String jolokiaAllowOrigin,
      boolean jmxAuthenticate,
      String jmxAdminUsers) {
    this(
        jolokiaPort,
        jolokiaHost,
        jolokiaUser,
        jolokiaPassword,
        jolokiaReadonlyUser,
        jolokiaReadonlyPassword,
        jmxPort,
        jmxHost,
        jmxPasswordFile,
        jmxAccessFile,
        httpPort,
        httpHost,
        node,
        failoverPacing,
        jolokiaAllowOrigin,
        jmxAuthenticate,
        jmxAdminUsers,
        true,
        0);
  }

  public static final VigilOptions DEFAULTS =
      new VigilOptions(
          JOLOKIA_PORT_FROM_SENTINEL_PORT,
          "127.0.0.1",
          null,
          null,
          null,
          null,
          0,
          "127.0.0.1",
          null,
          null,
          0,
          "127.0.0.1",
          null,
          FailoverPacing.VIGIL,
          null,
          true,
          null,
          true,
          0);
}
