package dev.vigil.runtime;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import dev.vigil.server.SentinelStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What INFO's {@code # Sentinel} section and ROLE show, readable from network threads without
 * touching the engine. It is fed by the engine's own outputs: the persisted state (every flush
 * point, which covers every change of primaries, addresses, known replicas and known sentinels) and
 * the events (SDOWN/ODOWN of primaries and TILT, which are not persisted).
 *
 * <p>One difference to Sentinel: the {@code address=} of a primary switches to the promoted replica
 * when the engine persists it (from {@code RECONF_SLAVES}), a few moments before Sentinel's INFO
 * would show it ({@code UPDATE_CONFIG}).
 */
final class StatusBoard implements EventSink, SentinelStatus {
  private record Down(boolean sdown, boolean odown) {}

  private final LongSupplier wallMs;
  private volatile SentinelState state = SentinelState.empty();
  private final Map<String, Down> down = new ConcurrentHashMap<>();
  private volatile long tiltSinceWallMs = -1;
  private volatile int simulateFailureFlags;

  StatusBoard(LongSupplier wallMs) {
    this.wallMs = wallMs;
  }

  /** The state as last persisted (or loaded). */
  void stateSaved(SentinelState saved) {
    this.state = saved;
    down.keySet().removeIf(name -> saved.masters().stream().noneMatch(m -> m.name().equals(name)));
  }

  /** The flags last accepted by {@code SENTINEL SIMULATE-FAILURE} (1 election, 2 promotion). */
  void simulateFailureFlags(int flags) {
    this.simulateFailureFlags = flags;
  }

  @Override
  public void emit(SentinelEvent event) {
    String[] words = event.message().split(" ");
    boolean aboutPrimary = words.length >= 2 && words[0].equals("master");
    switch (event.type()) {
      case "+sdown" -> {
        if (aboutPrimary) {
          update(words[1], true, null);
        }
      }
      case "-sdown" -> {
        if (aboutPrimary) {
          update(words[1], false, null);
        }
      }
      case "+odown" -> {
        if (aboutPrimary) {
          update(words[1], null, true);
        }
      }
      case "-odown" -> {
        if (aboutPrimary) {
          update(words[1], null, false);
        }
      }
        // A reset or an address switch clears the primary's flags without -sdown/-odown.
      case "+reset-master", "-monitor" -> {
        if (aboutPrimary) {
          down.remove(words[1]);
        }
      }
      case "+switch-master" -> down.remove(words[0]);
      case "+tilt" -> tiltSinceWallMs = wallMs.getAsLong();
      case "-tilt" -> tiltSinceWallMs = -1;
      default -> {}
    }
  }

  private void update(String name, Boolean sdown, Boolean odown) {
    down.compute(
        name,
        (k, old) -> {
          Down d = old == null ? new Down(false, false) : old;
          return new Down(sdown == null ? d.sdown() : sdown, odown == null ? d.odown() : odown);
        });
  }

  @Override
  public String infoSection() {
    SentinelState s = state;
    long tiltSince = tiltSinceWallMs;
    StringBuilder out = new StringBuilder();
    out.append("sentinel_masters:").append(s.masters().size()).append("\r\n");
    out.append("sentinel_tilt:").append(tiltSince >= 0 ? 1 : 0).append("\r\n");
    out.append("sentinel_tilt_since_seconds:")
        .append(tiltSince >= 0 ? (wallMs.getAsLong() - tiltSince) / 1000 : -1)
        .append("\r\n");
    // The engine runs no scripts, so none are running or queued.
    out.append("sentinel_running_scripts:0\r\n");
    out.append("sentinel_scripts_queue_length:0\r\n");
    out.append("sentinel_simulate_failure_flags:").append(simulateFailureFlags).append("\r\n");
    int i = 0;
    for (MasterState m : s.masters()) {
      Down d = down.getOrDefault(m.name(), new Down(false, false));
      out.append("master")
          .append(i++)
          .append(":name=")
          .append(m.name())
          .append(",status=")
          .append(d.odown() ? "odown" : d.sdown() ? "sdown" : "ok")
          .append(",address=")
          .append(m.host())
          .append(':')
          .append(m.port())
          .append(",slaves=")
          .append(m.knownReplicas().size())
          .append(",sentinels=")
          .append(m.knownSentinels().size() + 1)
          .append("\r\n");
    }
    return out.toString();
  }

  @Override
  public List<String> primaryNames() {
    List<String> names = new ArrayList<>();
    for (MasterState m : state.masters()) {
      names.add(m.name());
    }
    return names;
  }
}
