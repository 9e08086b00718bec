package dev.vigil.jmx;

/**
 * The sidecar as a whole: {@value VigilObjectNames#SENTINEL}. It is also the emitter of every
 * Sentinel event as a JMX notification (see {@link SentinelNotifications}).
 *
 * <p>Attributes come from the engine's latest immutable snapshot. Operations are queued into the
 * engine and return its result; a Sentinel error comes back as an exception whose message is
 * Sentinel's error text (e.g. {@code ERR No such master with that name}).
 */
public interface SentinelMXBean {
  /** The 40-hex-char run id ({@code myid}). */
  String getMyId();

  long getCurrentEpoch();

  boolean isTilt();

  /** Wall-clock epoch milliseconds TILT mode was entered, 0 when not in TILT. */
  long getTiltSinceEpochMs();

  /** How many times TILT mode was entered since start. */
  long getTiltTotal();

  /** {@code sentinel announce-ip}, or null when unset (the address peers see is used). */
  String getAnnounceIp();

  /** {@code sentinel announce-port}, 0 when unset. */
  int getAnnouncePort();

  /** The Sentinel protocol (RESP) port. */
  int getPort();

  /** The Jolokia HTTP port, 0 when Jolokia is off. */
  int getJolokiaPort();

  /** The HTTP port of /metrics, /health, /primary and /replica, 0 when off. */
  int getHttpPort();

  /** The remote JMX (RMI) port, 0 when off. */
  int getJmxPort();

  int getNumMasters();

  long getUptimeMs();

  /** {@code SENTINEL FLUSHCONFIG}; returns {@code OK}. */
  String flushConfig();

  /** {@code SENTINEL RESET <pattern>}; returns the number of masters reset. */
  long reset(String pattern);

  /** {@code SENTINEL MONITOR <name> <ip> <port> <quorum>}; returns {@code OK}. */
  String monitor(String name, String ip, int port, int quorum);

  /** {@code SENTINEL REMOVE <name>}; returns {@code OK}. */
  String remove(String name);
}
