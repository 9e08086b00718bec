package dev.vigil.config;

import dev.vigil.engine.state.HostPort;

/**
 * Vigil's own settings, written in the same file as {@code vigil <key> <value>} lines (a real
 * Sentinel would refuse them, so a file using them is Vigil's).
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>jolokia-port</td><td>8778</td><td>Jolokia HTTP agent port; 0 disables Jolokia</td></tr>
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
 *   <tr><td>fast-failover</td><td>yes</td><td>Vigil's faster reconfiguration; {@code no}
 *       reproduces Sentinel's timings exactly</td></tr>
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
    boolean fastFailover,
    boolean fencing,
    long fenceAfterMs) {

  /** The settings before self-fencing existed, with fencing at its defaults. */
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
      boolean fastFailover) {
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
        fastFailover,
        true,
        0);
  }

  public static final VigilOptions DEFAULTS =
      new VigilOptions(
          8778,
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
          true);
}
