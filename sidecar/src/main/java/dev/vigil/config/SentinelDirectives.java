package dev.vigil.config;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.KnownSentinel;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code sentinel ...} directives the way {@code sentinelHandleConfiguration} does, with
 * its exact error texts. Directives are queued while the file is read and applied afterwards in
 * three passes ({@code loadSentinelConfigFromQueue}), each in file order: (1) the global
 * "pre-monitor" directives, (2) every {@code monitor}, (3) everything else, so a {@code
 * known-replica} line may come before its {@code monitor} line.
 *
 * <p>Numbers are read with C's {@code atoi}/{@code strtoull}, as Sentinel does: {@code 12abc} is 12
 * and {@code abc} is 0. Addresses must be IP literals unless {@code resolve-hostnames yes}, in
 * which case any host name is accepted without a DNS query (Sentinel accepts unresolvable names
 * from the config too and resolves them again on every reconnection).
 */
final class SentinelDirectives {
  static final String NO_SUCH_MASTER = "No such master with specified name.";
  static final String UNRECOGNIZED = "Unrecognized sentinel configuration statement.";

  /** Directives of the first pass ({@code preMonitorCfgName}). */
  private static final Set<String> PRE_MONITOR =
      Set.of(
          "announce-ip",
          "announce-port",
          "deny-scripts-reconfig",
          "sentinel-user",
          "sentinel-pass",
          "current-epoch",
          "myid",
          "resolve-hostnames",
          "announce-hostnames");

  /** A queued line: its arguments after {@code sentinel}, 1-based number and trimmed text. */
  record Entry(List<String> args, int lineNumber, String line) {}

  /** The first error of {@link #applyAll}: the entry it is about and Sentinel's message. */
  record Failure(Entry entry, String reason) {}

  private final List<Entry> preMonitor = new ArrayList<>();
  private final List<Entry> monitor = new ArrayList<>();
  private final List<Entry> postMonitor = new ArrayList<>();

  private String myid;
  private long currentEpoch;
  private String announceIp;
  private int announcePort;
  private boolean denyScriptsReconfig = true;
  private String sentinelUser;
  private String sentinelPass;
  private boolean resolveHostnames;
  private boolean announceHostnames;
  private final Map<String, Master> masters = new LinkedHashMap<>();

  /** Queues a {@code sentinel} line with at least one argument. */
  void queue(Entry entry) {
    String directive = entry.args().get(0).toLowerCase(Locale.ROOT);
    if (directive.equals("monitor")) {
      monitor.add(entry);
    } else if (PRE_MONITOR.contains(directive)) {
      preMonitor.add(entry);
    } else {
      postMonitor.add(entry);
    }
  }

  /**
   * Applies the queue in Sentinel's three passes; returns the first failure or null. {@code dir} is
   * the final working directory, against which script paths are checked.
   */
  Failure applyAll(Path dir) {
    for (List<Entry> pass : List.of(preMonitor, monitor, postMonitor)) {
      for (Entry entry : pass) {
        String error = apply(entry.args(), dir);
        if (error != null) {
          return new Failure(entry, error);
        }
      }
    }
    return null;
  }

  SentinelState toState() {
    List<MasterState> list = new ArrayList<>();
    for (Master m : masters.values()) {
      list.add(m.toState());
    }
    return new SentinelState(
        myid,
        currentEpoch,
        new GlobalOptions(
            announceIp,
            announcePort,
            denyScriptsReconfig,
            sentinelUser,
            sentinelPass,
            resolveHostnames,
            announceHostnames),
        list);
  }

  private String apply(List<String> argv, Path dir) {
    String directive = argv.get(0).toLowerCase(Locale.ROOT);
    int argc = argv.size();
    switch (directive) {
      case "monitor" -> {
        if (argc != 5) {
          return UNRECOGNIZED;
        }
        int quorum = CNumbers.atoi(argv.get(4));
        if (quorum <= 0) {
          return "Quorum must be 1 or greater.";
        }
        String name = argv.get(1);
        int port = CNumbers.atoi(argv.get(3));
        String addressError = checkAddress(argv.get(2), port);
        if (addressError != null) {
          return addressError;
        }
        if (masters.containsKey(name)) {
          return "Duplicate master name.";
        }
        masters.put(name, new Master(name, hostOf(argv.get(2)), port, quorum));
        return null;
      }
      case "current-epoch" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        long epoch = CNumbers.strtoull(argv.get(1));
        if (Long.compareUnsigned(epoch, currentEpoch) > 0) {
          currentEpoch = epoch;
        }
        return null;
      }
      case "myid" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        if (argv.get(1).getBytes(StandardCharsets.UTF_8).length != 40) {
          return "Malformed Sentinel id in myid option.";
        }
        myid = argv.get(1);
        return null;
      }
      case "announce-ip" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        if (!argv.get(1).isEmpty()) {
          announceIp = argv.get(1);
        }
        return null;
      }
      case "announce-port" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        announcePort = CNumbers.atoi(argv.get(1));
        return null;
      }
      case "deny-scripts-reconfig" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        Boolean yes = ServerDirectives.yesNo(argv.get(1));
        if (yes == null) {
          return "Please specify yes or no for the deny-scripts-reconfig options.";
        }
        denyScriptsReconfig = yes;
        return null;
      }
      case "sentinel-user", "sentinel-pass" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        if (!argv.get(1).isEmpty()) {
          if (directive.equals("sentinel-user")) {
            sentinelUser = argv.get(1);
          } else {
            sentinelPass = argv.get(1);
          }
        }
        return null;
      }
      case "resolve-hostnames", "announce-hostnames" -> {
        if (argc != 2) {
          return UNRECOGNIZED;
        }
        Boolean yes = ServerDirectives.yesNo(argv.get(1));
        if (yes == null) {
          return "Please specify yes or no for the " + directive + " option.";
        }
        if (directive.equals("resolve-hostnames")) {
          resolveHostnames = yes;
        } else {
          announceHostnames = yes;
        }
        return null;
      }
      default -> {
        return applyPerMaster(directive, argv, dir);
      }
    }
  }

  /** The directives of the third pass, which all name an existing primary. */
  private String applyPerMaster(String directive, List<String> argv, Path dir) {
    int argc = argv.size();
    int expected =
        switch (directive) {
          case "down-after-milliseconds",
                  "failover-timeout",
                  "parallel-syncs",
                  "notification-script",
                  "client-reconfig-script",
                  "auth-pass",
                  "auth-user",
                  "config-epoch",
                  "leader-epoch",
                  "primary-reboot-down-after-period",
                  "master-reboot-down-after-period" ->
              3;
          case "known-slave", "known-replica", "rename-command" -> 4;
            // The old three-argument form (without runid) is accepted and ignored.
          case "known-sentinel" -> argc == 4 ? 4 : 5;
          default -> -1;
        };
    if (argc != expected) {
      return UNRECOGNIZED;
    }
    if (directive.equals("known-sentinel") && argc == 4) {
      return null; // checked before the primary lookup, as Sentinel does
    }
    Master m = masters.get(argv.get(1));
    if (m == null) {
      return NO_SUCH_MASTER;
    }
    switch (directive) {
      case "down-after-milliseconds" -> {
        m.downAfterMs = CNumbers.atoi(argv.get(2));
        if (m.downAfterMs <= 0) {
          return "negative or zero time parameter.";
        }
      }
      case "failover-timeout" -> {
        m.failoverTimeoutMs = CNumbers.atoi(argv.get(2));
        if (m.failoverTimeoutMs <= 0) {
          return "negative or zero time parameter.";
        }
      }
      case "parallel-syncs" -> m.parallelSyncs = CNumbers.atoi(argv.get(2));
      case "notification-script" -> {
        if (!Files.isExecutable(dir.resolve(argv.get(2)))) {
          return "Notification script seems non existing or non executable.";
        }
        m.notificationScript = argv.get(2);
      }
      case "client-reconfig-script" -> {
        if (!Files.isExecutable(dir.resolve(argv.get(2)))) {
          return "Client reconfiguration script seems non existing or non executable.";
        }
        m.clientReconfigScript = argv.get(2);
      }
      case "auth-pass" -> m.authPass = argv.get(2);
      case "auth-user" -> m.authUser = argv.get(2);
      case "primary-reboot-down-after-period", "master-reboot-down-after-period" -> {
        m.primaryRebootDownAfterMs = CNumbers.atoi(argv.get(2));
        if (m.primaryRebootDownAfterMs < 0) {
          return "negative time parameter.";
        }
      }
      case "config-epoch" -> {
        m.configEpoch = CNumbers.strtoull(argv.get(2));
        if (Long.compareUnsigned(m.configEpoch, currentEpoch) > 0) {
          currentEpoch = m.configEpoch;
        }
      }
      case "leader-epoch" -> m.leaderEpoch = CNumbers.strtoull(argv.get(2));
      case "known-slave", "known-replica" -> {
        int port = CNumbers.atoi(argv.get(3));
        String error = checkAddress(argv.get(2), port);
        if (error != null) {
          return error;
        }
        HostPort replica = new HostPort(hostOf(argv.get(2)), port);
        if (m.replicas.putIfAbsent(replica.key(), replica) != null) {
          return "Duplicate hostname and port for replica.";
        }
      }
      case "known-sentinel" -> {
        int port = CNumbers.atoi(argv.get(3));
        String error = checkAddress(argv.get(2), port);
        if (error != null) {
          return error;
        }
        String runid = argv.get(4);
        if (m.sentinels.containsKey(runid)) {
          return "Duplicate runid for sentinel.";
        }
        m.sentinels.put(runid, new KnownSentinel(hostOf(argv.get(2)), port, runid));
      }
      case "rename-command" -> {
        String key = argv.get(2).toLowerCase(Locale.ROOT);
        if (m.renamedKeys.containsKey(key)) {
          return "Same command renamed multiple times with rename-command.";
        }
        m.renamedKeys.put(key, argv.get(2));
        m.renamedCommands.put(argv.get(2), argv.get(3));
      }
      default -> throw new IllegalStateException(directive);
    }
    return null;
  }

  /** {@code createSentinelAddr}: port range first, then the host. */
  private String checkAddress(String host, int port) {
    if (port < 0 || port > 65535) {
      return "Invalid port number.";
    }
    if (!resolveHostnames && !IpLiteral.isLiteral(host)) {
      return "Can't resolve instance hostname.";
    }
    return null;
  }

  private static String hostOf(String host) {
    String literal = IpLiteral.normalize(host);
    return literal != null ? literal : host;
  }

  /** A primary being built from the file. */
  private static final class Master {
    final String name;
    final String host;
    final int port;
    final int quorum;
    long downAfterMs = MasterState.DEFAULT_DOWN_AFTER_MS;
    long failoverTimeoutMs = MasterState.DEFAULT_FAILOVER_TIMEOUT_MS;
    int parallelSyncs = MasterState.DEFAULT_PARALLEL_SYNCS;
    String notificationScript;
    String clientReconfigScript;
    String authPass;
    String authUser;
    long primaryRebootDownAfterMs;
    long configEpoch;
    long leaderEpoch;
    final Map<String, HostPort> replicas = new LinkedHashMap<>();
    final Map<String, KnownSentinel> sentinels = new LinkedHashMap<>();

    /** Lower-case command to the spelling first used: the map is case-insensitive in Sentinel. */
    final Map<String, String> renamedKeys = new LinkedHashMap<>();

    final Map<String, String> renamedCommands = new LinkedHashMap<>();

    Master(String name, String host, int port, int quorum) {
      this.name = name;
      this.host = host;
      this.port = port;
      this.quorum = quorum;
    }

    MasterState toState() {
      return new MasterState(
          name,
          host,
          port,
          quorum,
          downAfterMs,
          failoverTimeoutMs,
          parallelSyncs,
          notificationScript,
          clientReconfigScript,
          authPass,
          authUser,
          primaryRebootDownAfterMs,
          configEpoch,
          leaderEpoch,
          new ArrayList<>(replicas.values()),
          new ArrayList<>(sentinels.values()),
          renamedCommands);
    }
  }
}
