package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;

/**
 * Vigil's self-fencing (docs/fencing.md): the sidecar next to a primary stops that primary from
 * acknowledging writes while it cannot reach a majority of the known sentinels.
 *
 * @param node the co-located Valkey node ({@code vigil node}), null when there is none (then
 *     fencing is off whatever {@code enabled} says)
 * @param enabled {@code vigil fencing yes|no}
 * @param fenceAfterMs {@code vigil fence-after-milliseconds}: how long a majority may stay
 *     unreachable before the node is fenced; 0 means a third of the primary's
 *     down-after-milliseconds
 */
public record FencingSettings(HostPort node, boolean enabled, long fenceAfterMs) {
  public static final FencingSettings OFF = new FencingSettings(null, false, 0);

  public FencingSettings {
    if (fenceAfterMs < 0) {
      throw new IllegalArgumentException("fence-after-milliseconds must be >= 0: " + fenceAfterMs);
    }
  }

  /** True when the sidecar has a node and fencing is on. */
  public boolean active() {
    return enabled && node != null;
  }
}
