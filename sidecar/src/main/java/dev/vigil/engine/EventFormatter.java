package dev.vigil.engine;

/**
 * Sentinel's {@code %@} expansion (spec §10): {@code <type> <name> <ip> <port>} for a primary, and
 * {@code <type> <name> <ip> <port> @ <primary-name> <primary-ip> <primary-port>} otherwise. The
 * primary's address is its configured one (the old address until the switch).
 */
final class EventFormatter {
  /** Sentinel's event buffer is 1024 bytes; longer messages are truncated. */
  static final int MAX_MESSAGE = 1023;

  private EventFormatter() {}

  static String at(Instance ri) {
    StringBuilder b = new StringBuilder();
    b.append(ri.typeName()).append(' ').append(ri.name()).append(' ');
    b.append(ri.shownHost()).append(' ').append(ri.port);
    if (!(ri instanceof Primary)) {
      Primary p = ri.primary();
      b.append(" @ ").append(p.name).append(' ').append(p.shownHost()).append(' ').append(p.port);
    }
    return b.toString();
  }

  /** {@code %@} followed by {@code extra} (separated by a space when non-empty). */
  static String message(Instance ri, String extra) {
    String msg;
    if (ri == null) {
      msg = extra;
    } else if (extra == null || extra.isEmpty()) {
      msg = at(ri);
    } else {
      msg = at(ri) + " " + extra;
    }
    return msg.length() > MAX_MESSAGE ? msg.substring(0, MAX_MESSAGE) : msg;
  }
}
