package dev.vigil.config;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.KnownSentinel;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.List;
import java.util.Map;

/**
 * The {@code sentinel} lines of a rewrite ({@code rewriteConfigSentinelOption}, Valkey 8 order).
 */
final class SentinelStateLines {
  private SentinelStateLines() {}

  static void write(RewriteState rs, SentinelState state) {
    GlobalOptions g = state.globals();
    if (state.myid() != null) {
      rs.rewriteLine("sentinel myid", "sentinel myid " + state.myid(), true);
    }
    rs.rewriteLine(
        "sentinel deny-scripts-reconfig",
        "sentinel deny-scripts-reconfig " + yesNo(g.denyScriptsReconfig()),
        !g.denyScriptsReconfig());
    rs.rewriteLine(
        "sentinel resolve-hostnames",
        "sentinel resolve-hostnames " + yesNo(g.resolveHostnames()),
        g.resolveHostnames());
    rs.rewriteLine(
        "sentinel announce-hostnames",
        "sentinel announce-hostnames " + yesNo(g.announceHostnames()),
        g.announceHostnames());

    for (MasterState m : state.masters()) {
      rewriteMaster(rs, m);
    }

    rs.rewriteLine(
        "sentinel current-epoch",
        "sentinel current-epoch " + Long.toUnsignedString(state.currentEpoch()),
        true);
    if (g.announceIp() != null) {
      rs.rewriteLine(
          "sentinel announce-ip", "sentinel announce-ip " + Repr.quote(g.announceIp()), true);
    } else {
      rs.markProcessed("sentinel announce-ip");
    }
    if (g.announcePort() != 0) {
      rs.rewriteLine("sentinel announce-port", "sentinel announce-port " + g.announcePort(), true);
    } else {
      rs.markProcessed("sentinel announce-port");
    }
    optionalRaw(rs, "sentinel sentinel-user", g.sentinelUser());
    optionalRaw(rs, "sentinel sentinel-pass", g.sentinelPass());

    // Stale lines of removed primaries, replicas and peers are blanked.
    for (String option :
        List.of(
            "monitor",
            "down-after-milliseconds",
            "failover-timeout",
            "parallel-syncs",
            "notification-script",
            "client-reconfig-script",
            "auth-pass",
            "auth-user",
            "config-epoch",
            "leader-epoch",
            "known-replica",
            "known-slave",
            "known-sentinel",
            "rename-command",
            "primary-reboot-down-after-period",
            "master-reboot-down-after-period")) {
      rs.markProcessed("sentinel " + option);
    }
  }

  private static void optionalRaw(RewriteState rs, String option, String value) {
    if (value != null) {
      rs.rewriteLine(option, option + " " + Repr.rawOrQuoted(value), true);
    } else {
      rs.markProcessed(option);
    }
  }

  private static void rewriteMaster(RewriteState rs, MasterState m) {
    String name = Repr.rawOrQuoted(m.name());
    rs.rewriteLine(
        "sentinel monitor",
        "sentinel monitor "
            + name
            + " "
            + Repr.rawOrQuoted(m.host())
            + " "
            + m.port()
            + " "
            + m.quorum(),
        true);
    if (m.downAfterMs() != MasterState.DEFAULT_DOWN_AFTER_MS) {
      perMaster(rs, "down-after-milliseconds", name, Long.toString(m.downAfterMs()));
    }
    if (m.failoverTimeoutMs() != MasterState.DEFAULT_FAILOVER_TIMEOUT_MS) {
      perMaster(rs, "failover-timeout", name, Long.toString(m.failoverTimeoutMs()));
    }
    if (m.parallelSyncs() != MasterState.DEFAULT_PARALLEL_SYNCS) {
      perMaster(rs, "parallel-syncs", name, Integer.toString(m.parallelSyncs()));
    }
    if (m.notificationScript() != null) {
      perMaster(rs, "notification-script", name, Repr.rawOrQuoted(m.notificationScript()));
    }
    if (m.clientReconfigScript() != null) {
      perMaster(rs, "client-reconfig-script", name, Repr.rawOrQuoted(m.clientReconfigScript()));
    }
    if (m.authPass() != null) {
      perMaster(rs, "auth-pass", name, Repr.rawOrQuoted(m.authPass()));
    }
    if (m.authUser() != null) {
      perMaster(rs, "auth-user", name, Repr.rawOrQuoted(m.authUser()));
    }
    if (m.primaryRebootDownAfterMs() != 0) {
      String line =
          "sentinel primary-reboot-down-after-period " + name + " " + m.primaryRebootDownAfterMs();
      if (!rs.rewriteLine("sentinel master-reboot-down-after-period", line, false)) {
        rs.rewriteLine("sentinel primary-reboot-down-after-period", line, true);
      }
    }
    perMaster(rs, "config-epoch", name, Long.toUnsignedString(m.configEpoch()));
    perMaster(rs, "leader-epoch", name, Long.toUnsignedString(m.leaderEpoch()));
    for (HostPort replica : m.knownReplicas()) {
      String line =
          "sentinel known-replica "
              + name
              + " "
              + Repr.rawOrQuoted(replica.host())
              + " "
              + replica.port();
      if (!rs.rewriteLine("sentinel known-slave", line, false)) {
        rs.rewriteLine("sentinel known-replica", line, true);
      }
    }
    for (KnownSentinel peer : m.knownSentinels()) {
      perMaster(
          rs,
          "known-sentinel",
          name,
          Repr.rawOrQuoted(peer.host()) + " " + peer.port() + " " + Repr.rawOrQuoted(peer.runid()));
    }
    for (Map.Entry<String, String> rename : m.renamedCommands().entrySet()) {
      perMaster(
          rs,
          "rename-command",
          name,
          Repr.rawOrQuoted(rename.getKey()) + " " + Repr.rawOrQuoted(rename.getValue()));
    }
  }

  private static void perMaster(RewriteState rs, String directive, String name, String value) {
    rs.rewriteLine(
        "sentinel " + directive, "sentinel " + directive + " " + name + " " + value, true);
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
