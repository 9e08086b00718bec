package dev.vigil.management.view;

import java.util.List;

/**
 * What the management plane shows of one sidecar at one instant: an immutable copy built from the
 * engine's snapshot (the adapter computes ages at build time). Hand-built in tests.
 *
 * @param tiltSinceEpochMs 0 when not in TILT
 * @param announceIp null when unset
 * @param startedAtEpochMs when the sidecar started (uptime is derived from it)
 */
public record SentinelView(
    String myId,
    long currentEpoch,
    boolean tilt,
    long tiltSinceEpochMs,
    long tiltTotal,
    String announceIp,
    int announcePort,
    int port,
    long startedAtEpochMs,
    List<MasterView> masters) {

  public SentinelView {
    masters = List.copyOf(masters);
  }

  /** The master called {@code name}, or null. */
  public MasterView master(String name) {
    for (MasterView m : masters) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }
}
