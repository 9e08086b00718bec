package dev.vigil.management.view;

/**
 * Another sentinel watching the same primary.
 *
 * @param leader the run id it voted for in its last is-master-down answer, null when none
 */
public record PeerView(
    String runId,
    String ip,
    int port,
    long lastHelloAgeMs,
    boolean masterDown,
    String leader,
    long leaderEpoch) {

  public String address() {
    return Addresses.format(ip, port);
  }
}
