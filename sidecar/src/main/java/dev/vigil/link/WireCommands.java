package dev.vigil.link;

import dev.vigil.engine.LinkSettings;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exact command lines Sentinel writes for each request, with command names mapped through
 * {@code rename-command} (only the command name, never a subcommand, as {@code
 * sentinelInstanceMapCommand} does).
 */
final class WireCommands {
  static final String HELLO_CHANNEL = "__sentinel__:hello";

  private WireCommands() {}

  /** {@code AUTH [user] pass} (if a password is set), then {@code CLIENT SETNAME} (if named). */
  static List<List<String>> handshake(LinkSettings settings, LinkType type) {
    List<List<String>> lines = new ArrayList<>(3);
    Map<String, String> renamed = settings.renamedCommands();
    if (settings.authPass() != null) {
      lines.add(
          settings.authUser() == null
              ? List.of(name(renamed, "AUTH"), settings.authPass())
              : List.of(name(renamed, "AUTH"), settings.authUser(), settings.authPass()));
    }
    if (settings.clientName() != null) {
      lines.add(List.of(name(renamed, "CLIENT"), "SETNAME", clientName(settings, type)));
    }
    return lines;
  }

  /**
   * Sentinel names its links {@code sentinel-<id8>-cmd} and {@code sentinel-<id8>-pubsub}; the
   * engine gives the common prefix.
   */
  static String clientName(LinkSettings settings, LinkType type) {
    return settings.clientName() + (type == LinkType.COMMAND ? "-cmd" : "-pubsub");
  }

  static List<String> subscribeHello(Map<String, String> renamed) {
    return List.of(name(renamed, "SUBSCRIBE"), HELLO_CHANNEL);
  }

  /** The command lines for a request on the command link. */
  static List<List<String>> forRequest(Outbound request, Map<String, String> renamed) {
    if (request instanceof Outbound.Ping) {
      return List.of(List.of(name(renamed, "PING")));
    } else if (request instanceof Outbound.Info) {
      return List.of(List.of(name(renamed, "INFO")));
    } else if (request instanceof Outbound.PublishHello h) {
      return List.of(List.of(name(renamed, "PUBLISH"), HELLO_CHANNEL, h.payload()));
    } else if (request instanceof Outbound.AskMasterDown a) {
      return List.of(
          List.of(
              name(renamed, "SENTINEL"),
              // The legacy name, which every Redis and Valkey sentinel understands.
              "is-master-down-by-addr",
              a.ip(),
              Integer.toString(a.port()),
              Long.toUnsignedString(a.epoch()),
              a.runid()));
    } else if (request instanceof Outbound.ReplicaOf r) {
      return List.of(
          List.of(name(renamed, "MULTI")),
          r.noOne()
              ? List.of(name(renamed, "SLAVEOF"), "NO", "ONE")
              : List.of(name(renamed, "SLAVEOF"), r.host(), Integer.toString(r.port())),
          List.of(name(renamed, "CONFIG"), "REWRITE"),
          List.of(name(renamed, "CLIENT"), "KILL", "TYPE", "normal"),
          List.of(name(renamed, "CLIENT"), "KILL", "TYPE", "pubsub"),
          List.of(name(renamed, "EXEC")));
    } else if (request instanceof Outbound.ScriptKill) {
      return List.of(List.of(name(renamed, "SCRIPT"), "KILL"));
    } else if (request instanceof Outbound.ConfirmPrimary c) {
      return List.of(List.of(name(renamed, "SENTINEL"), "GET-MASTER-ADDR-BY-NAME", c.masterName()));
    } else if (request instanceof Outbound.FenceQuery) {
      return List.of(List.of(name(renamed, "CONFIG"), "GET", "min-replicas-*"));
    } else if (request instanceof Outbound.SetFence f) {
      // Persisted too, so that a node restarting while fenced comes back fenced (an error, e.g.
      // a node without a config file, is ignored: the CONFIG SET already took effect).
      return List.of(
          setLimits(renamed, f.toWrite(), f.maxLag()), List.of(name(renamed, "CONFIG"), "REWRITE"));
    } else if (request instanceof Outbound.Demote d) {
      return List.of(
          List.of(name(renamed, "MULTI")),
          List.of(name(renamed, "SLAVEOF"), d.host(), Integer.toString(d.port())),
          setLimits(renamed, d.toWrite(), d.maxLag()),
          List.of(name(renamed, "CONFIG"), "REWRITE"),
          List.of(name(renamed, "CLIENT"), "KILL", "TYPE", "normal"),
          List.of(name(renamed, "CLIENT"), "KILL", "TYPE", "pubsub"),
          List.of(name(renamed, "EXEC")));
    }
    throw new IllegalArgumentException("not a command: " + request);
  }

  /** Vigil's self-fencing: both limits in one (atomic) CONFIG SET. */
  private static List<String> setLimits(Map<String, String> renamed, long toWrite, long maxLag) {
    return List.of(
        name(renamed, "CONFIG"),
        "SET",
        "min-replicas-to-write",
        Long.toString(toWrite),
        "min-replicas-max-lag",
        Long.toString(maxLag));
  }

  /** The name to send for {@code command}, after rename-command (matched case-insensitively). */
  static String name(Map<String, String> renamed, String command) {
    if (renamed.isEmpty()) {
      return command;
    }
    String mapped = renamed.get(command.toUpperCase(Locale.ROOT));
    if (mapped == null) {
      for (Map.Entry<String, String> e : renamed.entrySet()) {
        if (e.getKey().equalsIgnoreCase(command)) {
          return e.getValue();
        }
      }
      return command;
    }
    return mapped;
  }
}
