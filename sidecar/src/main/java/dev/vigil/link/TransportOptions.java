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
 * @param sourceAddress the local address every outgoing connection is bound to ({@code
 *     bind-source-addr}), or null
 */
public record TransportOptions(long connectTimeoutMs, long commandTimeoutMs, String sourceAddress) {
  public static final TransportOptions DEFAULTS = new TransportOptions(5_000, 30_000);

  /** Without a source address: the operating system picks the local address. */
  public TransportOptions(long connectTimeoutMs, long commandTimeoutMs) {
    this(connectTimeoutMs, commandTimeoutMs, null);
  }

  /**
   * The same timeouts, connecting from {@code address} (Sentinel's {@code bind-source-addr}: every
   * outgoing connection is bound to it); null or empty: the operating system picks.
   */
  public TransportOptions withSourceAddress(String address) {
    return new TransportOptions(
        connectTimeoutMs, commandTimeoutMs, address == null || address.isEmpty() ? null : address);
  }

  public TransportOptions {
    if (connectTimeoutMs <= 0 || connectTimeoutMs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeoutMs out of range: " + connectTimeoutMs);
    }
    if (commandTimeoutMs <= 0) {
      throw new IllegalArgumentException("commandTimeoutMs must be positive: " + commandTimeoutMs);
    }
  }
}
