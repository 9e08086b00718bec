package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.GlobalOptions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The state-changing {@code SENTINEL} subcommands (spec §2, §2.3, §2.4) with Sentinel's validation
 * order and exact error texts (returned without the leading {@code -}; null means {@code +OK}).
 */
final class Commands {
  private final EngineCore core;
  private final Topology topology;
  private final FailoverStateMachine machine;
  private String logLevel = "notice";

  /**
   * Whether a script path is executable; the runtime injects a real check (the engine does no I/O).
   */
  Predicate<String> executableCheck = path -> true;

  Commands(EngineCore core, Topology topology, FailoverStateMachine machine) {
    this.core = core;
    this.topology = topology;
    this.machine = machine;
  }

  // ------------------------------------------------------------------ FAILOVER

  String failover(String name) {
    Primary p = core.primaries.get(name);
    if (p == null) {
      return SentinelEngine.ERR_NO_SUCH_MASTER;
    }
    if (p.failoverInProgress) {
      return "INPROG Failover already in progress";
    }
    if (ReplicaRanking.select(p, core.timing, core.now) == null) {
      return "NOGOODSLAVE No suitable replica to promote";
    }
    machine.start(p);
    p.forceFailover = true;
    return null;
  }

  // ------------------------------------------------------------------ MONITOR / REMOVE / RESET

  String monitor(String name, String ip, String portText, String quorumText) {
    Long quorum = parseStrictLong(quorumText);
    if (quorum == null) {
      return "ERR Invalid quorum";
    }
    Long port = parseStrictLong(portText);
    if (port == null) {
      return "ERR Invalid port";
    }
    if (quorum <= 0) {
      return "ERR Quorum must be 1 or greater.";
    }
    boolean valid =
        core.globals.resolveHostnames()
            ? Addresses.isIpLiteral(ip) || core.resolver.apply(ip) != null
            : Addresses.isIpLiteral(ip);
    if (!valid) {
      return "ERR Invalid IP address or hostname specified";
    }
    if (port < 0 || port > 65535) {
      return "ERR Invalid port number.";
    }
    if (core.primaries.containsKey(name)) {
      return "ERR Duplicate master name.";
    }
    Primary p =
        topology.createPrimary(
            name,
            ip,
            port.intValue(),
            quorum.intValue(),
            core.timing.defaultDownAfterMs(),
            core.timing.defaultFailoverTimeoutMs());
    core.primaries.put(name, p);
    String reply = core.flush() ? null : SentinelEngine.ERR_SAVE_FAILED;
    core.event(Level.WARNING, "+monitor", p, "quorum " + p.quorum);
    return reply;
  }

  String remove(String name) {
    Primary p = core.primaries.get(name);
    if (p == null) {
      return SentinelEngine.ERR_NO_SUCH_MASTER;
    }
    core.event(Level.WARNING, "-monitor", p, "");
    topology.removePrimary(p);
    core.lastFailovers.remove(name);
    core.electionLog.removeMaster(name);
    return core.flush() ? null : SentinelEngine.ERR_SAVE_FAILED;
  }

  int reset(String pattern) {
    int count = 0;
    for (Primary p : List.copyOf(core.primaries.values())) {
      if (Glob.matches(pattern, p.name, false)) {
        topology.resetPrimary(p, true);
        core.event(Level.WARNING, "+reset-master", p, "");
        count++;
      }
    }
    return count;
  }

  // ------------------------------------------------------------------ CKQUORUM

  SentinelEngine.CommandReply ckquorum(String name) {
    Primary p = core.primaries.get(name);
    if (p == null) {
      return new SentinelEngine.CommandReply(true, SentinelEngine.ERR_NO_SUCH_MASTER);
    }
    int voters = p.sentinels.size() + 1;
    int usable = 1;
    for (PeerSentinel s : p.sentinels.values()) {
      if (!s.sDown) {
        usable++;
      }
    }
    boolean noQuorum = usable < p.quorum;
    boolean noAuth = usable < voters / 2 + 1;
    if (!noQuorum && !noAuth) {
      return new SentinelEngine.CommandReply(
          false,
          "OK " + usable + " usable Sentinels. Quorum and failover authorization can be reached");
    }
    StringBuilder e = new StringBuilder("NOQUORUM " + usable + " usable Sentinels. ");
    if (noQuorum) {
      e.append("Not enough available Sentinels to reach the specified quorum for this master");
    }
    if (noAuth) {
      if (noQuorum) {
        e.append(". ");
      }
      e.append("Not enough available Sentinels to reach the majority and authorize a failover");
    }
    return new SentinelEngine.CommandReply(true, e.toString());
  }

  // ------------------------------------------------------------------ SET

  String set(String name, List<String> args) {
    Primary p = core.primaries.get(name);
    if (p == null) {
      return SentinelEngine.ERR_NO_SUCH_MASTER;
    }
    int changes = 0;
    String error = null;
    int j = 0;
    loop:
    while (j < args.size()) {
      String option = args.get(j);
      int moreArgs = args.size() - 1 - j;
      String opt = option.toLowerCase(Locale.ROOT);
      int start = j;
      boolean redacted = false;
      String bad = null;
      switch (opt) {
        case "down-after-milliseconds", "failover-timeout", "parallel-syncs", "quorum" -> {
          if (moreArgs <= 0) {
            error = unknownSetOption(option);
            break loop;
          }
          String value = args.get(++j);
          Long v = parseStrictLong(value);
          if (v == null || v <= 0) {
            bad = value;
            break;
          }
          switch (opt) {
            case "down-after-milliseconds" -> {
              p.downAfterMs = v;
              topology.propagateDownAfter(p);
            }
            case "failover-timeout" -> p.failoverTimeoutMs = v;
            case "parallel-syncs" -> p.parallelSyncs = (int) Math.min(v, Integer.MAX_VALUE);
            default -> p.quorum = (int) Math.min(v, Integer.MAX_VALUE);
          }
          changes++;
        }
        case "notification-script", "client-reconfig-script" -> {
          if (moreArgs <= 0) {
            error = unknownSetOption(option);
            break loop;
          }
          String value = args.get(++j);
          if (core.globals.denyScriptsReconfig()) {
            error =
                "ERR Reconfiguration of scripts path is denied for security reasons. Check the"
                    + " deny-scripts-reconfig configuration directive in your Sentinel"
                    + " configuration";
            break loop;
          }
          if (!value.isEmpty() && !executableCheck.test(value)) {
            error =
                opt.equals("notification-script")
                    ? "ERR Notification script seems non existing or non executable"
                    : "ERR Client reconfiguration script seems non existing or non executable";
            break loop;
          }
          if (opt.equals("notification-script")) {
            p.notificationScript = value.isEmpty() ? null : value;
          } else {
            p.clientReconfigScript = value.isEmpty() ? null : value;
          }
          changes++;
        }
        case "auth-pass", "auth-user" -> {
          if (moreArgs <= 0) {
            error = unknownSetOption(option);
            break loop;
          }
          String value = args.get(++j);
          if (opt.equals("auth-pass")) {
            p.authPass = value.isEmpty() ? null : value;
            redacted = true;
          } else {
            p.authUser = value.isEmpty() ? null : value;
          }
          dropInstanceConnections(p);
          changes++;
        }
        case "rename-command" -> {
          if (moreArgs <= 1) {
            error = unknownSetOption(option);
            break loop;
          }
          String oldName = args.get(++j);
          String newName = args.get(++j);
          if (oldName.isEmpty() || newName.isEmpty()) {
            bad = newName.isEmpty() ? newName : oldName; // Sentinel reports the empty one
            break;
          }
          p.renamedCommands.keySet().removeIf(k -> k.equalsIgnoreCase(oldName));
          if (!oldName.equalsIgnoreCase(newName)) {
            p.renamedCommands.put(oldName, newName);
          }
          changes++;
        }
        case "master-reboot-down-after-period", "primary-reboot-down-after-period" -> {
          if (moreArgs <= 0) {
            error = unknownSetOption(option);
            break loop;
          }
          String value = args.get(++j);
          Long v = parseStrictLong(value);
          if (v == null || v < 0) {
            bad = value;
            break;
          }
          p.primaryRebootDownAfterMs = v;
          changes++;
        }
        default -> {
          error = unknownSetOption(option);
          break loop;
        }
      }
      if (bad != null) {
        error = "ERR Invalid argument '" + bad + "' for SENTINEL SET '" + option + "'";
        break;
      }
      int numArgs = j - start + 1;
      if (numArgs == 2) {
        core.event(
            Level.WARNING, "+set", p, option + " " + (redacted ? "******" : args.get(start + 1)));
      } else if (numArgs == 3) {
        core.event(
            Level.WARNING,
            "+set",
            p,
            option + " " + args.get(start + 1) + " " + args.get(start + 2));
      }
      j++;
    }
    if (changes > 0) {
      boolean saved = core.flush();
      if (error == null && !saved) {
        return SentinelEngine.ERR_SAVE_FAILED;
      }
    }
    return error;
  }

  private static String unknownSetOption(String option) {
    return "ERR Unknown option or number of arguments for SENTINEL SET '" + option + "'";
  }

  /** {@code dropInstanceConnections}: close the primary's and its replicas' links (re-AUTH). */
  private void dropInstanceConnections(Primary p) {
    closeData(p);
    for (Replica r : p.replicas.values()) {
      closeData(r);
    }
  }

  private void closeData(Instance ri) {
    if (ri.link != null) {
      core.closeLink(ri.link, LinkType.COMMAND);
      core.closeLink(ri.link, LinkType.PUBSUB);
    }
  }

  // ------------------------------------------------------------------ CONFIG

  private static final List<String> CONFIG_NAMES =
      List.of(
          "resolve-hostnames",
          "announce-hostnames",
          "announce-ip",
          "announce-port",
          "sentinel-user",
          "sentinel-pass",
          "loglevel");

  private static final Set<String> LOG_LEVELS =
      Set.of("debug", "verbose", "notice", "warning", "nothing");

  String configSet(List<String> args, Monitor monitor) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      String opt = option.toLowerCase(Locale.ROOT);
      if (!CONFIG_NAMES.contains(opt)) {
        return "ERR Invalid argument '" + option + "' to SENTINEL CONFIG SET";
      }
      if (!seen.add(opt)) {
        return "ERR Duplicate argument '" + option + "' to SENTINEL CONFIG SET";
      }
      if (i + 1 == args.size()) {
        return "ERR Missing argument '" + option + "' value";
      }
      String value = args.get(++i);
      boolean ok =
          switch (opt) {
            case "resolve-hostnames", "announce-hostnames" -> yesNo(value) != null;
            case "announce-port" -> {
              Long v = parseStrictLong(value);
              yield v != null && v >= 0 && v <= 65535;
            }
            case "loglevel" -> LOG_LEVELS.contains(value.toLowerCase(Locale.ROOT));
            default -> true;
          };
      if (!ok) {
        return "ERR Invalid value '" + value + "' to SENTINEL CONFIG SET '" + option + "'";
      }
    }
    GlobalOptions g = core.globals;
    boolean dropConns = false;
    for (int i = 0; i < args.size(); i += 2) {
      String opt = args.get(i).toLowerCase(Locale.ROOT);
      String value = args.get(i + 1);
      switch (opt) {
        case "resolve-hostnames" ->
            g =
                new GlobalOptions(
                    g.announceIp(),
                    g.announcePort(),
                    g.denyScriptsReconfig(),
                    g.sentinelUser(),
                    g.sentinelPass(),
                    yesNo(value),
                    g.announceHostnames());
        case "announce-hostnames" ->
            g =
                new GlobalOptions(
                    g.announceIp(),
                    g.announcePort(),
                    g.denyScriptsReconfig(),
                    g.sentinelUser(),
                    g.sentinelPass(),
                    g.resolveHostnames(),
                    yesNo(value));
        case "announce-ip" ->
            g =
                new GlobalOptions(
                    value,
                    g.announcePort(),
                    g.denyScriptsReconfig(),
                    g.sentinelUser(),
                    g.sentinelPass(),
                    g.resolveHostnames(),
                    g.announceHostnames());
        case "announce-port" ->
            g =
                new GlobalOptions(
                    g.announceIp(),
                    Integer.parseInt(value.trim()),
                    g.denyScriptsReconfig(),
                    g.sentinelUser(),
                    g.sentinelPass(),
                    g.resolveHostnames(),
                    g.announceHostnames());
        case "sentinel-user" -> {
          g =
              new GlobalOptions(
                  g.announceIp(),
                  g.announcePort(),
                  g.denyScriptsReconfig(),
                  value.isEmpty() ? null : value,
                  g.sentinelPass(),
                  g.resolveHostnames(),
                  g.announceHostnames());
          dropConns = true;
        }
        case "sentinel-pass" -> {
          g =
              new GlobalOptions(
                  g.announceIp(),
                  g.announcePort(),
                  g.denyScriptsReconfig(),
                  g.sentinelUser(),
                  value.isEmpty() ? null : value,
                  g.resolveHostnames(),
                  g.announceHostnames());
          dropConns = true;
        }
        default -> logLevel = value.toLowerCase(Locale.ROOT);
      }
    }
    core.globals = g;
    String reply = core.flush() ? null : SentinelEngine.ERR_SAVE_FAILED;
    if (dropConns) {
      for (Primary p : core.primaries.values()) {
        for (PeerSentinel s : p.sentinels.values()) {
          if (s.link != null) {
            core.closeLink(s.link, LinkType.COMMAND);
          }
        }
      }
    }
    return reply;
  }

  Map<String, String> configGet(List<String> patterns) {
    Map<String, String> out = new LinkedHashMap<>();
    GlobalOptions g = core.globals;
    for (String pattern : patterns) {
      for (String name : CONFIG_NAMES) {
        if (out.containsKey(name) || !Glob.matches(pattern, name, true)) {
          continue;
        }
        out.put(
            name,
            switch (name) {
              case "resolve-hostnames" -> g.resolveHostnames() ? "yes" : "no";
              case "announce-hostnames" -> g.announceHostnames() ? "yes" : "no";
              case "announce-ip" -> g.announceIp() == null ? "" : g.announceIp();
              case "announce-port" -> Integer.toString(g.announcePort());
              case "sentinel-user" -> g.sentinelUser() == null ? "" : g.sentinelUser();
              case "sentinel-pass" -> g.sentinelPass() == null ? "" : g.sentinelPass();
              default -> logLevel;
            });
      }
    }
    return out;
  }

  String logLevel() {
    return logLevel;
  }

  private static Boolean yesNo(String v) {
    if (v.equalsIgnoreCase("yes")) {
      return Boolean.TRUE;
    }
    if (v.equalsIgnoreCase("no")) {
      return Boolean.FALSE;
    }
    return null;
  }

  // ------------------------------------------------------------------ DEBUG

  private static final List<String> DEBUG_NAMES =
      List.of(
          "info-period",
          "ping-period",
          "ask-period",
          "publish-period",
          "default-down-after",
          "default-failover-timeout",
          "tilt-trigger",
          "tilt-period",
          "slave-reconf-timeout",
          "min-link-reconnect-period",
          "election-timeout",
          "script-max-runtime",
          "script-retry-delay");

  String debug(List<String> args) {
    for (int j = 0; j < args.size(); j++) {
      String option = args.get(j);
      String opt = option.toLowerCase(Locale.ROOT);
      int moreArgs = args.size() - 1 - j;
      if (!DEBUG_NAMES.contains(opt) || moreArgs <= 0) {
        return "ERR Unknown option or number of arguments for SENTINEL DEBUG '" + option + "'";
      }
      String value = args.get(++j);
      Long v = parseStrictLong(value);
      if (v == null || v <= 0) {
        return "ERR Invalid argument '" + value + "' for SENTINEL DEBUG '" + option + "'";
      }
      core.timing = withValue(core.timing, opt, v);
    }
    return null;
  }

  Map<String, Long> debugValues() {
    Timing t = core.timing;
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("INFO-PERIOD", t.infoPeriodMs());
    out.put("PING-PERIOD", t.pingPeriodMs());
    out.put("ASK-PERIOD", t.askPeriodMs());
    out.put("PUBLISH-PERIOD", t.publishPeriodMs());
    out.put("DEFAULT-DOWN-AFTER", t.defaultDownAfterMs());
    out.put("DEFAULT-FAILOVER-TIMEOUT", t.defaultFailoverTimeoutMs());
    out.put("TILT-TRIGGER", t.tiltTriggerMs());
    out.put("TILT-PERIOD", t.tiltPeriodMs());
    out.put("SLAVE-RECONF-TIMEOUT", t.replicaReconfTimeoutMs());
    out.put("MIN-LINK-RECONNECT-PERIOD", t.minLinkReconnectPeriodMs());
    out.put("ELECTION-TIMEOUT", t.electionTimeoutMs());
    out.put("SCRIPT-MAX-RUNTIME", t.scriptMaxRuntimeMs());
    out.put("SCRIPT-RETRY-DELAY", t.scriptRetryDelayMs());
    return out;
  }

  static Timing withValue(Timing t, String name, long v) {
    return new Timing(
        name.equals("info-period") ? v : t.infoPeriodMs(),
        name.equals("ping-period") ? v : t.pingPeriodMs(),
        name.equals("ask-period") ? v : t.askPeriodMs(),
        name.equals("publish-period") ? v : t.publishPeriodMs(),
        name.equals("default-down-after") ? v : t.defaultDownAfterMs(),
        name.equals("default-failover-timeout") ? v : t.defaultFailoverTimeoutMs(),
        name.equals("tilt-trigger") ? v : t.tiltTriggerMs(),
        name.equals("tilt-period") ? v : t.tiltPeriodMs(),
        name.equals("slave-reconf-timeout") ? v : t.replicaReconfTimeoutMs(),
        name.equals("min-link-reconnect-period") ? v : t.minLinkReconnectPeriodMs(),
        name.equals("election-timeout") ? v : t.electionTimeoutMs(),
        name.equals("script-max-runtime") ? v : t.scriptMaxRuntimeMs(),
        name.equals("script-retry-delay") ? v : t.scriptRetryDelayMs());
  }

  // ------------------------------------------------------------------ SIMULATE-FAILURE

  /** Flags are reset first, then OR'ed; {@code help} is ignored here (the RESP layer answers). */
  String simulateFailure(List<String> flags) {
    core.simFailureFlags = 0;
    for (String f : flags) {
      if (f.equalsIgnoreCase("crash-after-election")) {
        core.simFailureFlags |= EngineCore.SIMFAILURE_CRASH_AFTER_ELECTION;
      } else if (f.equalsIgnoreCase("crash-after-promotion")) {
        core.simFailureFlags |= EngineCore.SIMFAILURE_CRASH_AFTER_PROMOTION;
      } else if (!f.equalsIgnoreCase("help")) {
        return "ERR Unknown failure simulation specified";
      }
    }
    return null;
  }

  /** {@code string2ll}: an optional minus sign and digits only, within long range. */
  static Long parseStrictLong(String s) {
    if (s == null || s.isEmpty() || s.length() > 20) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isDigit(c) || (i == 0 && c == '-' && s.length() > 1))) {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
