package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the raw text of an {@code INFO} reply the way {@code sentinelRefreshInstanceInfo} does:
 * lines split on CR LF (a bare LF is accepted too), unknown lines ignored, replica-only fields read
 * only after a {@code role:slave} line, malformed numbers ignored rather than fatal.
 */
final class InfoParser {
  private InfoParser() {}

  static InfoReport parse(String raw) {
    String runId = null;
    String role = null;
    String masterHost = null;
    Integer masterPort = null;
    Boolean linkUp = null;
    long linkDownMs = 0;
    Integer priority = null;
    Long offset = null;
    Boolean announced = null;
    String replId = null;
    List<HostPort> replicas = new ArrayList<>();
    for (String line : raw.split("\r?\n")) {
      if (line.startsWith("run_id:") && line.length() >= 47) {
        runId = line.substring(7, 47);
      } else if (isReplicaLine(line)) {
        HostPort replica = parseReplicaLine(line);
        if (replica != null) {
          replicas.add(replica);
        }
      } else if (line.startsWith("master_link_down_since_seconds:")) {
        Long seconds = parseLong(line.substring(31));
        if (seconds != null) {
          linkDownMs = seconds * 1000;
        }
      } else if (line.startsWith("master_replid:")) {
        replId = line.substring(14);
      } else if (line.equals("role:master")) {
        role = InfoReport.ROLE_MASTER;
      } else if (line.equals("role:slave")) {
        role = InfoReport.ROLE_SLAVE;
      } else if (InfoReport.ROLE_SLAVE.equals(role)) {
        if (line.startsWith("master_host:")) {
          masterHost = line.substring(12);
        } else if (line.startsWith("master_port:")) {
          Long port = parseLong(line.substring(12));
          if (port != null) {
            masterPort = port.intValue();
          }
        } else if (line.startsWith("master_link_status:")) {
          linkUp = line.substring(19).equalsIgnoreCase("up");
        } else if (line.startsWith("slave_priority:")) {
          Long p = parseLong(line.substring(15));
          if (p != null) {
            priority = p.intValue();
          }
        } else if (line.startsWith("slave_repl_offset:")) {
          offset = parseLong(line.substring(18));
        } else if (line.startsWith("replica_announced:")) {
          Long a = parseLong(line.substring(18));
          if (a != null) {
            announced = a != 0;
          }
        }
      }
    }
    return new InfoReport(
        runId,
        role,
        masterHost,
        masterPort,
        linkUp,
        linkDownMs,
        priority,
        offset,
        announced,
        replId,
        List.copyOf(replicas),
        raw);
  }

  private static boolean isReplicaLine(String line) {
    return line.length() >= 7 && line.startsWith("slave") && Character.isDigit(line.charAt(5));
  }

  /**
   * {@code slaveN:ip=<ip>,port=<port>,...} or the legacy {@code slaveN:<ip>,<port>,<state>}; null
   * when unusable.
   */
  static HostPort parseReplicaLine(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String body = line.substring(colon + 1);
    String ip = null;
    String port = null;
    if (body.contains("ip=")) {
      for (String field : body.split(",")) {
        if (field.startsWith("ip=")) {
          ip = field.substring(3);
        } else if (field.startsWith("port=")) {
          port = field.substring(5);
        }
      }
    } else {
      String[] parts = body.split(",");
      if (parts.length >= 2) {
        ip = parts[0];
        port = parts[1];
      }
    }
    if (ip == null || port == null || ip.isEmpty()) {
      return null;
    }
    Long p = parseLong(port);
    if (p == null || p < 0 || p > 65535) {
      return null;
    }
    return new HostPort(ip, p.intValue());
  }

  static Long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
