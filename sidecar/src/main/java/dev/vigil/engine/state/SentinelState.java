package dev.vigil.engine.state;

import java.util.List;

/**
 * Everything Sentinel persists in its config file, as an immutable value: what the config parser
 * produces at start-up and what the engine hands to {@link dev.vigil.engine.StateStore} at every
 * flush point. The config rewriter maps (original lines, this) to the new file.
 *
 * @param myid 40 hex chars, or null when not yet generated
 */
public record SentinelState(
    String myid, long currentEpoch, GlobalOptions globals, List<MasterState> masters) {
  public SentinelState {
    masters = List.copyOf(masters);
  }

  public static SentinelState empty() {
    return new SentinelState(null, 0, GlobalOptions.DEFAULTS, List.of());
  }
}
