package dev.vigil.runtime;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.state.HostPort;
import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import dev.vigil.server.ClientView;
import dev.vigil.server.SentinelCommandHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The SENTINEL subcommands: parses the arguments, runs the request on the engine's thread and
 * formats the reply with Sentinel's exact shapes (spec §2). The dispatcher has checked the
 * subcommand and its arity already.
 *
 * <p>The instance listings (MASTERS, MASTER, REPLICAS, SENTINELS and their aliases) need a snapshot
 * of the engine's model, which the engine does not expose yet; they answer with an error saying so.
 */
final class SentinelCommands implements SentinelCommandHandler {
  static final List<String> HELP =
      List.of(
          "SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
          "CKQUORUM <primary-name>",
          "    Check if the current Sentinel configuration is able to reach the quorum",
          "    needed to failover a primary and the majority needed to authorize the",
          "    failover.",
          "CONFIG SET param value [param value ...]",
          "    Set a global Sentinel configuration parameter.",
          "CONFIG GET <param> [param param param ...]",
          "    Get global Sentinel configuration parameter.",
          "DEBUG [<param> <value> ...]",
          "    Show a list of configurable time parameters and their values (milliseconds).",
          "    Or update current configurable parameters values (one or more).",
          "GET-PRIMARY-ADDR-BY-NAME <primary-name>",
          "    Return the ip and port number of the primary with that name.",
          "FAILOVER <primary-name>",
          "    Manually failover a primary node without asking for agreement from other",
          "    Sentinels",
          "FLUSHCONFIG",
          "    Force Sentinel to rewrite its configuration on disk, including the current",
          "    Sentinel state.",
          "INFO-CACHE <primary-name>",
          "    Return last cached INFO output from primaries and all its replicas.",
          "IS-PRIMARY-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
          "    Check if the primary specified by ip:port is down from current Sentinel's",
          "    point of view.",
          "PRIMARY <primary-name>",
          "    Show the state and info of the specified primary.",
          "PRIMARIES",
          "    Show a list of monitored primaries and their state.",
          "MONITOR <name> <ip> <port> <quorum>",
          "    Start monitoring a new primary with the specified name, ip, port and quorum.",
          "MYID",
          "    Return the ID of the Sentinel instance.",
          "PENDING-SCRIPTS",
          "    Get pending scripts information.",
          "REMOVE <primary-name>",
          "    Remove primary from Sentinel's monitor list.",
          "REPLICAS <primary-name>",
          "    Show a list of replicas for this primary and their states.",
          "RESET <pattern>",
          "    Reset primaries for specific primary name matching this pattern.",
          "SENTINELS <primary-name>",
          "    Show a list of Sentinel instances for this primary and their state.",
          "SET <primary-name> <option> <value> [<option> <value> ...]",
          "    Set configuration parameters for certain primaries.",
          "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]",
          "    Simulate a Sentinel crash.",
          "HELP",
          "    Print this help.");

  private static final RespValue NOT_AN_INTEGER =
      new RespValue.ErrorReply("ERR value is not an integer or out of range");

  private final EngineLoop<SentinelEngine> loop;
  private final Persistence persistence;
  private final StatusBoard status;
  private final ScriptExecutor scripts;

  SentinelCommands(
      EngineLoop<SentinelEngine> loop,
      Persistence persistence,
      StatusBoard status,
      ScriptExecutor scripts) {
    this.loop = loop;
    this.persistence = persistence;
    this.status = status;
    this.scripts = scripts;
  }

  @Override
  public CompletionStage<RespValue> execute(
      String subcommand, List<byte[]> rawArgs, ClientView client) {
    List<String> args = new ArrayList<>(rawArgs.size());
    for (byte[] a : rawArgs) {
      args.add(new String(a, StandardCharsets.UTF_8));
    }
    return switch (subcommand.toLowerCase(Locale.ROOT)) {
      case "help" -> done(helpReply());
      case "myid" -> on(e -> Resp.bulk(e.myid()));
      case "get-master-addr-by-name", "get-primary-addr-by-name" ->
          on(e -> masterAddress(e.masterAddress(args.get(2))));
      case "is-master-down-by-addr", "is-primary-down-by-addr" -> isMasterDown(args);
      case "failover" -> on(e -> okOrError(e.failover(args.get(2))));
      case "ckquorum" ->
          on(
              e -> {
                SentinelEngine.CommandReply r = e.ckquorum(args.get(2));
                return r.error() ? new RespValue.ErrorReply(r.text()) : Resp.status(r.text());
              });
      case "reset" -> on(e -> Resp.integer(e.reset(args.get(2))));
      case "monitor" ->
          on(e -> okOrError(e.monitor(args.get(2), args.get(3), args.get(4), args.get(5))));
      case "remove" -> on(e -> okOrError(e.remove(args.get(2))));
      case "set" -> on(e -> okOrError(e.set(args.get(2), args.subList(3, args.size()))));
      case "flushconfig" ->
          on(
              e ->
                  e.flushConfig()
                      ? Resp.OK
                      : new RespValue.ErrorReply(SentinelEngine.ERR_SAVE_FAILED));
      case "debug" -> debug(args);
      case "simulate-failure" -> simulateFailure(args);
      case "config" -> config(args);
      case "info-cache" -> on(e -> infoCache(e.infoCache(args.subList(2, args.size()))));
      case "pending-scripts" -> scripts.pending().thenApply(SentinelCommands::pendingScripts);
      case "masters", "primaries" -> on(e -> InstanceReplies.masters(e.snapshot()));
      case "master", "primary" -> onMaster(args.get(2), (s, m) -> InstanceReplies.master(s, m));
      case "replicas", "slaves" -> onMaster(args.get(2), InstanceReplies::replicas);
      case "sentinels" -> onMaster(args.get(2), InstanceReplies::sentinels);
      default -> done(Resp.error("unknown subcommand '" + subcommand + "'. Try SENTINEL HELP."));
    };
  }

  /** Runs {@code action} on the engine's thread; INFO and ROLE see its effect at once. */
  private CompletionStage<RespValue> on(Function<SentinelEngine, RespValue> action) {
    return loop.submit(
        e -> {
          RespValue reply = action.apply(e);
          status.update(e.snapshot());
          return reply;
        });
  }

  /** Runs {@code reply} on a snapshot of the named primary, or answers "No such master". */
  private CompletionStage<RespValue> onMaster(
      String name, BiFunction<EngineSnapshot, EngineSnapshot.MasterSnapshot, RespValue> reply) {
    return on(
        e -> {
          EngineSnapshot s = e.snapshot();
          EngineSnapshot.MasterSnapshot m = s.master(name);
          return m == null
              ? new RespValue.ErrorReply(SentinelEngine.ERR_NO_SUCH_MASTER)
              : reply.apply(s, m);
        });
  }

  private static CompletionStage<RespValue> done(RespValue value) {
    return CompletableFuture.completedFuture(value);
  }

  static RespValue helpReply() {
    List<RespValue> lines = new ArrayList<>(HELP.size());
    for (String line : HELP) {
      lines.add(Resp.status(line));
    }
    return Resp.array(lines);
  }

  static RespValue okOrError(String error) {
    return error == null ? Resp.OK : new RespValue.ErrorReply(error);
  }

  /** {@code [ip, port]} with the port as a bulk string; a null array for an unknown name. */
  static RespValue masterAddress(HostPort address) {
    if (address == null) {
      return Resp.NULL_ARRAY;
    }
    return Resp.array(Resp.bulk(address.host()), Resp.bulk(address.port()));
  }

  private CompletionStage<RespValue> isMasterDown(List<String> args) {
    Long port = parseLong(args.get(3));
    Long epoch = parseLong(args.get(4));
    if (port == null || epoch == null) {
      return done(NOT_AN_INTEGER);
    }
    String ip = args.get(2);
    String runid = args.get(5);
    return on(
        e -> {
          // The vote (if any) is persisted before this returns, so before the reply leaves.
          SentinelEngine.IsDownAnswer a = e.isMasterDownByAddr(ip, (int) (long) port, epoch, runid);
          return Resp.array(
              Resp.integer(a.down() ? 1 : 0), Resp.bulk(a.leader()), Resp.integer(a.leaderEpoch()));
        });
  }

  private CompletionStage<RespValue> debug(List<String> args) {
    if (args.size() == 2) {
      return on(
          e -> {
            List<RespValue.Entry> entries = new ArrayList<>();
            for (Map.Entry<String, Long> v : e.debug().entrySet()) {
              entries.add(Resp.entry(v.getKey(), Resp.bulk(v.getValue())));
            }
            return Resp.map(entries);
          });
    }
    List<String> pairs = args.subList(2, args.size());
    return on(
        e -> {
          String error = e.debug(pairs);
          // Pairs before a bad one stay applied, so the script timings are re-read either way.
          Map<String, Long> timing = e.debug();
          scripts.setTiming(timing.get("SCRIPT-MAX-RUNTIME"), timing.get("SCRIPT-RETRY-DELAY"));
          return okOrError(error);
        });
  }

  /**
   * {@code sentinelPendingScriptsCommand}: one 5-pair map per job, oldest first: {@code argv},
   * {@code flags} ({@code running}/{@code scheduled}), {@code pid}, {@code run-time} (ms running)
   * or {@code run-delay} (ms until the retry), {@code retry-num}; numbers as bulk strings.
   */
  static RespValue pendingScripts(List<ScriptQueue.PendingScript> jobs) {
    List<RespValue> out = new ArrayList<>(jobs.size());
    for (ScriptQueue.PendingScript job : jobs) {
      out.add(
          Resp.map(
              List.of(
                  Resp.entry("argv", Resp.bulkArray(job.argv())),
                  Resp.entry("flags", Resp.bulk(job.running() ? "running" : "scheduled")),
                  Resp.entry("pid", Resp.bulk(job.pid())),
                  Resp.entry(job.running() ? "run-time" : "run-delay", Resp.bulk(job.timeMs())),
                  Resp.entry("retry-num", Resp.bulk(job.retryNum())))));
    }
    return Resp.array(out);
  }

  /**
   * Sentinel resets the flags, then walks the arguments: known flags are set, {@code help} answers
   * the flag list at once (keeping the flags set before it), anything else is an error.
   */
  private CompletionStage<RespValue> simulateFailure(List<String> args) {
    List<String> flags = args.subList(2, args.size());
    int help = -1;
    for (int i = 0; i < flags.size() && help < 0; i++) {
      String f = flags.get(i);
      if (f.equalsIgnoreCase("help")) {
        help = i;
      } else if (!SentinelEngine.SIMULATE_FAILURE_FLAGS.contains(f.toLowerCase(Locale.ROOT))) {
        break;
      }
    }
    if (help >= 0) {
      List<String> before = flags.subList(0, help);
      return on(
          e -> {
            e.simulateFailure(before);
            return Resp.bulkArray(SentinelEngine.SIMULATE_FAILURE_FLAGS);
          });
    }
    return on(e -> okOrError(e.simulateFailure(flags)));
  }

  private CompletionStage<RespValue> config(List<String> args) {
    String op = args.get(2).toLowerCase(Locale.ROOT);
    if (op.equals("set") && args.size() >= 5) {
      List<String> pairs = args.subList(3, args.size());
      return on(
          e -> {
            String error = e.configSet(pairs);
            persistence.applyLogLevel();
            return okOrError(error);
          });
    }
    if (op.equals("get") && args.size() >= 4) {
      List<String> patterns = args.subList(3, args.size());
      return on(
          e -> {
            List<RespValue.Entry> entries = new ArrayList<>();
            for (Map.Entry<String, String> v : e.configGet(patterns).entrySet()) {
              entries.add(Resp.entry(v.getKey(), Resp.bulk(v.getValue())));
            }
            return Resp.map(entries);
          });
    }
    return done(
        Resp.error(
            "Only SENTINEL CONFIG GET <param> [<param> <param> ...] / SET <param> <value>"
                + " [<param> <value> ...] are supported."));
  }

  private static RespValue infoCache(Map<String, List<SentinelEngine.InfoCacheEntry>> cache) {
    List<RespValue> out = new ArrayList<>();
    for (Map.Entry<String, List<SentinelEngine.InfoCacheEntry>> m : cache.entrySet()) {
      out.add(Resp.bulk(m.getKey()));
      List<RespValue> entries = new ArrayList<>();
      for (SentinelEngine.InfoCacheEntry entry : m.getValue()) {
        entries.add(
            Resp.array(
                Resp.integer(entry.ageMs()),
                entry.info() == null ? Resp.NULL_BULK : Resp.bulk(entry.info())));
      }
      out.add(Resp.array(entries));
    }
    return Resp.array(out);
  }

  /**
   * Valkey's {@code string2ll}: optional minus, digits, no leading zeros, no spaces, fits a long.
   */
  static Long parseLong(String text) {
    if (text.isEmpty() || text.length() > 20) {
      return null;
    }
    int start = text.charAt(0) == '-' ? 1 : 0;
    if (start == text.length()) {
      return null;
    }
    if (text.charAt(start) == '0' && text.length() > start + 1) {
      return null;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
