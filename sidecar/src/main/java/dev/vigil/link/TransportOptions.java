package dev.vigil.link;

/**
 * Timeouts of the outbound transport.
 *
 * @param connectTimeoutMs how long a TCP connect may take before the link is reported down
 *     (Sentinel relies on the operating system's timeout; a bounded one lets the engine retry a
 *     black-holed address every ping period instead of every few minutes)
 * @param commandTimeoutMs how long a request may stay unanswered before it is answered with a
 *     {@link dev.vigil.engine.Inbound.CommandFailed}; the link stays open, and a reply arriving
 *     later is discarded. Detecting a hung node stays the engine's job (down-after-milliseconds and
 *     link recycling), so this is a safety net that guarantees every request an answer.
 */
public record TransportOptions(long connectTimeoutMs, long commandTimeoutMs) {
  public static final TransportOptions DEFAULTS = new TransportOptions(5_000, 30_000);

  public TransportOptions {
    if (connectTimeoutMs <= 0 || connectTimeoutMs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeoutMs out of range: " + connectTimeoutMs);
    }
    if (commandTimeoutMs <= 0) {
      throw new IllegalArgumentException("commandTimeoutMs must be positive: " + commandTimeoutMs);
    }
  }
}
