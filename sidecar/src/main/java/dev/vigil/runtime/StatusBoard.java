package dev.vigil.runtime;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.EngineSnapshot.MasterSnapshot;
import dev.vigil.server.SentinelStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What INFO's {@code # Sentinel} section and ROLE show, readable from network threads without
 * touching the engine: the latest engine snapshot, refreshed by the sidecar every {@link
 * #REFRESH_MS} and after every SENTINEL command.
 */
final class StatusBoard implements SentinelStatus {
  /** How stale INFO may be. */
  static final long REFRESH_MS = 100;

  /** INFO's script counters, read from the script executor. */
  interface ScriptCounts {
    int running();

    int queueLength();
  }

  private volatile EngineSnapshot latest;
  private final ScriptCounts scripts;

  StatusBoard(EngineSnapshot initial, ScriptCounts scripts) {
    this.latest = initial;
    this.scripts = scripts;
  }

  void update(EngineSnapshot snapshot) {
    this.latest = snapshot;
  }

  EngineSnapshot latest() {
    return latest;
  }

  @Override
  public String infoSection() {
    return infoSection(latest, scripts);
  }

  static String infoSection(EngineSnapshot s, ScriptCounts scripts) {
    StringBuilder out = new StringBuilder();
    out.append("sentinel_masters:").append(s.masters().size()).append("\r\n");
    out.append("sentinel_tilt:").append(s.tilt() ? 1 : 0).append("\r\n");
    out.append("sentinel_tilt_since_seconds:")
        .append(s.tilt() ? s.msSince(s.tiltSinceMs()) / 1000 : -1)
        .append("\r\n");
    out.append("sentinel_running_scripts:").append(scripts.running()).append("\r\n");
    out.append("sentinel_scripts_queue_length:").append(scripts.queueLength()).append("\r\n");
    out.append("sentinel_simulate_failure_flags:").append(s.simulateFailureFlags()).append("\r\n");
    int i = 0;
    for (MasterSnapshot m : s.masters()) {
      String status =
          m.oDownSinceMs() != EngineSnapshot.NEVER
              ? "odown"
              : m.sDownSinceMs() != EngineSnapshot.NEVER ? "sdown" : "ok";
      out.append("master")
          .append(i++)
          .append(":name=")
          .append(m.name())
          .append(",status=")
          .append(status)
          .append(",address=")
          .append(m.ip())
          .append(':')
          .append(m.port())
          .append(",slaves=")
          .append(m.numSlaves())
          .append(",sentinels=")
          .append(m.numOtherSentinels() + 1)
          .append("\r\n");
    }
    return out.toString();
  }

  @Override
  public List<String> primaryNames() {
    List<String> names = new ArrayList<>();
    for (MasterSnapshot m : latest.masters()) {
      names.add(m.name());
    }
    return names;
  }
}
