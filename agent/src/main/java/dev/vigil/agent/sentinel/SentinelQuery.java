package dev.vigil.agent.sentinel;

import dev.vigil.agent.HostPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Asks one sentinel, over one short-lived connection, where each master group's primary is. Per
 * group it pipelines {@code SENTINEL get-master-addr-by-name} (the address clients are meant to
 * use), {@code SENTINEL MASTER} (for its {@code config-epoch}, so that answers from sentinels that
 * have not yet heard of a failover can be told apart) and {@code SENTINEL REPLICAS} (to recognise
 * pools pointed at a replica).
 */
public final class SentinelQuery {
  private SentinelQuery() {}

  public static List<MasterAnswer> ask(
      SentinelAccess access, HostPort sentinel, List<String> masterNames, int readTimeoutMs)
      throws IOException {
    try (RespConnection connection = access.open(sentinel, readTimeoutMs)) {
      for (String name : masterNames) {
        connection.write("SENTINEL", "get-master-addr-by-name", name);
        connection.write("SENTINEL", "master", name);
        connection.write("SENTINEL", "replicas", name);
      }
      connection.flush();
      List<MasterAnswer> answers = new ArrayList<>(masterNames.size());
      for (String name : masterNames) {
        Object address = connection.read();
        Object master = connection.read();
        Object replicas = connection.read();
        answers.add(
            new MasterAnswer(
                sentinel,
                name,
                parseAddress(address),
                parseEpoch(master),
                parseReplicas(replicas)));
      }
      return answers;
    }
  }

  /** {@code get-master-addr-by-name} replies a two-element array, or nil for an unknown group. */
  static HostPort parseAddress(Object reply) {
    if (!(reply instanceof List)) {
      return null;
    }
    List<?> parts = (List<?>) reply;
    if (parts.size() != 2
        || !(parts.get(0) instanceof String)
        || !(parts.get(1) instanceof String)) {
      return null;
    }
    try {
      return new HostPort((String) parts.get(0), Integer.parseInt((String) parts.get(1)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static long parseEpoch(Object reply) {
    String epoch = field(reply, "config-epoch");
    if (epoch == null) {
      return -1;
    }
    try {
      return Long.parseLong(epoch);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static List<HostPort> parseReplicas(Object reply) {
    if (!(reply instanceof List)) {
      return Collections.emptyList();
    }
    List<HostPort> result = new ArrayList<>();
    for (Object replica : (List<?>) reply) {
      String ip = field(replica, "ip");
      String port = field(replica, "port");
      if (ip != null && port != null) {
        try {
          result.add(new HostPort(ip, Integer.parseInt(port)));
        } catch (IllegalArgumentException ignored) {
          // A malformed entry is skipped; the others still count.
        }
      }
    }
    return result;
  }

  /** Looks a field up in Sentinel's flat {@code [name, value, name, value, ...]} reply. */
  private static String field(Object reply, String name) {
    if (!(reply instanceof List)) {
      return null;
    }
    List<?> items = (List<?>) reply;
    for (int i = 0; i + 1 < items.size(); i += 2) {
      if (name.equals(items.get(i)) && items.get(i + 1) instanceof String) {
        return (String) items.get(i + 1);
      }
    }
    return null;
  }
}
