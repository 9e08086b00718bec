package dev.vigil.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server (non-{@code sentinel}) directives: which ones exist, their argument checks and error
 * texts (Valkey's {@code config.c}), and the few the sidecar models in {@link ServerOptions}.
 *
 * <p>Like Valkey, a directive that does not exist stops start-up with {@code Bad directive or wrong
 * number of arguments}, and a single-argument directive given another number of arguments with
 * {@code wrong number of arguments}. Directives the sidecar has no use for (memory, persistence,
 * cluster, ...) are accepted, checked for their argument count and kept as they are.
 */
final class ServerDirectives {
  /** Every configuration name of Valkey 8.0 ({@code CONFIG GET *}, aliases included). */
  static final Set<String> STANDARD =
      Set.of(
          "acl-pubsub-default",
          "aclfile",
          "acllog-max-len",
          "active-defrag-cycle-max",
          "active-defrag-cycle-min",
          "active-defrag-ignore-bytes",
          "active-defrag-max-scan-fields",
          "active-defrag-threshold-lower",
          "active-defrag-threshold-upper",
          "active-expire-effort",
          "activedefrag",
          "activerehashing",
          "always-show-logo",
          "aof-load-truncated",
          "aof-rewrite-cpulist",
          "aof-rewrite-incremental-fsync",
          "aof-timestamp-enabled",
          "aof-use-rdb-preamble",
          "aof_rewrite_cpulist",
          "appenddirname",
          "appendfilename",
          "appendfsync",
          "appendonly",
          "auto-aof-rewrite-min-size",
          "auto-aof-rewrite-percentage",
          "availability-zone",
          "bgsave-cpulist",
          "bgsave_cpulist",
          "bind",
          "bind-source-addr",
          "bio-cpulist",
          "bio_cpulist",
          "busy-reply-threshold",
          "client-output-buffer-limit",
          "client-query-buffer-limit",
          "cluster-allow-pubsubshard-when-down",
          "cluster-allow-reads-when-down",
          "cluster-allow-replica-migration",
          "cluster-announce-bus-port",
          "cluster-announce-client-ipv4",
          "cluster-announce-client-ipv6",
          "cluster-announce-hostname",
          "cluster-announce-human-nodename",
          "cluster-announce-ip",
          "cluster-announce-port",
          "cluster-announce-tls-port",
          "cluster-blacklist-ttl",
          "cluster-config-file",
          "cluster-enabled",
          "cluster-link-sendbuf-limit",
          "cluster-migration-barrier",
          "cluster-node-timeout",
          "cluster-port",
          "cluster-preferred-endpoint-type",
          "cluster-replica-no-failover",
          "cluster-replica-validity-factor",
          "cluster-require-full-coverage",
          "cluster-slave-no-failover",
          "cluster-slave-validity-factor",
          "cluster-slot-stats-enabled",
          "crash-log-enabled",
          "crash-memcheck-enabled",
          "daemonize",
          "databases",
          "dbfilename",
          "dir",
          "disable-thp",
          "dual-channel-replication-enabled",
          "dynamic-hz",
          "enable-debug-command",
          "enable-module-command",
          "enable-protected-configs",
          "events-per-io-thread",
          "extended-redis-compatibility",
          "hash-max-listpack-entries",
          "hash-max-listpack-value",
          "hash-max-ziplist-entries",
          "hash-max-ziplist-value",
          "hide-user-data-from-log",
          "hll-sparse-max-bytes",
          "hz",
          "ignore-warnings",
          "io-threads",
          "io-threads-do-reads",
          "jemalloc-bg-thread",
          "latency-monitor-threshold",
          "latency-tracking",
          "latency-tracking-info-percentiles",
          "lazyfree-lazy-eviction",
          "lazyfree-lazy-expire",
          "lazyfree-lazy-server-del",
          "lazyfree-lazy-user-del",
          "lazyfree-lazy-user-flush",
          "lfu-decay-time",
          "lfu-log-factor",
          "list-compress-depth",
          "list-max-listpack-size",
          "list-max-ziplist-size",
          "locale-collate",
          "logfile",
          "loglevel",
          "lua-time-limit",
          "masterauth",
          "masteruser",
          "max-new-connections-per-cycle",
          "max-new-tls-connections-per-cycle",
          "maxclients",
          "maxmemory",
          "maxmemory-clients",
          "maxmemory-eviction-tenacity",
          "maxmemory-policy",
          "maxmemory-samples",
          "min-replicas-max-lag",
          "min-replicas-to-write",
          "min-slaves-max-lag",
          "min-slaves-to-write",
          "no-appendfsync-on-rewrite",
          "notify-keyspace-events",
          "oom-score-adj",
          "oom-score-adj-values",
          "pidfile",
          "port",
          "prefetch-batch-max-size",
          "primaryauth",
          "primaryuser",
          "proc-title-template",
          "propagation-error-behavior",
          "protected-mode",
          "proto-max-bulk-len",
          "rdb-del-sync-files",
          "rdb-save-incremental-fsync",
          "rdbchecksum",
          "rdbcompression",
          "repl-backlog-size",
          "repl-backlog-ttl",
          "repl-disable-tcp-nodelay",
          "repl-diskless-load",
          "repl-diskless-sync",
          "repl-diskless-sync-delay",
          "repl-diskless-sync-max-replicas",
          "repl-ping-replica-period",
          "repl-ping-slave-period",
          "repl-timeout",
          "replica-announce-ip",
          "replica-announce-port",
          "replica-announced",
          "replica-ignore-disk-write-errors",
          "replica-ignore-maxmemory",
          "replica-lazy-flush",
          "replica-priority",
          "replica-read-only",
          "replica-serve-stale-data",
          "replicaof",
          "requirepass",
          "sanitize-dump-payload",
          "save",
          "server-cpulist",
          "server_cpulist",
          "set-max-intset-entries",
          "set-max-listpack-entries",
          "set-max-listpack-value",
          "set-proc-title",
          "shutdown-on-sigint",
          "shutdown-on-sigterm",
          "shutdown-timeout",
          "slave-announce-ip",
          "slave-announce-port",
          "slave-ignore-maxmemory",
          "slave-lazy-flush",
          "slave-priority",
          "slave-read-only",
          "slave-serve-stale-data",
          "slaveof",
          "slowlog-log-slower-than",
          "slowlog-max-len",
          "socket-mark-id",
          "stop-writes-on-bgsave-error",
          "stream-node-max-bytes",
          "stream-node-max-entries",
          "supervised",
          "syslog-enabled",
          "syslog-facility",
          "syslog-ident",
          "tcp-backlog",
          "tcp-keepalive",
          "timeout",
          "tls-auth-clients",
          "tls-ca-cert-dir",
          "tls-ca-cert-file",
          "tls-cert-file",
          "tls-ciphers",
          "tls-ciphersuites",
          "tls-client-cert-file",
          "tls-client-key-file",
          "tls-client-key-file-pass",
          "tls-cluster",
          "tls-dh-params-file",
          "tls-key-file",
          "tls-key-file-pass",
          "tls-port",
          "tls-prefer-server-ciphers",
          "tls-protocols",
          "tls-replication",
          "tls-session-cache-size",
          "tls-session-cache-timeout",
          "tls-session-caching",
          "tracking-table-max-keys",
          "unixsocket",
          "unixsocketgroup",
          "unixsocketperm",
          "zset-max-listpack-entries",
          "zset-max-listpack-value",
          "zset-max-ziplist-entries",
          "zset-max-ziplist-value",
          // Hidden or build-dependent configurations Sentinel's own test suite uses.
          "enable-debug-assert",
          "req-res-logfile",
          "client-default-resp");

  /** Directives outside the configuration table that the file loader understands. */
  static final Set<String> SPECIAL =
      Set.of("include", "rename-command", "user", "loadmodule", "sentinel", "vigil");

  /** Configurations that take several arguments; all others take exactly one. */
  private static final Set<String> MULTI_ARG =
      Set.of(
          "bind",
          "save",
          "client-output-buffer-limit",
          "oom-score-adj-values",
          "latency-tracking-info-percentiles",
          "replicaof",
          "slaveof");

  /** Removed configurations still accepted (and ignored) with this many words, like Valkey. */
  private static final Map<String, int[]> DEPRECATED =
      Map.of(
          "list-max-ziplist-entries", new int[] {2, 2},
          "list-max-ziplist-value", new int[] {2, 2},
          "lua-replicate-commands", new int[] {2, 2});

  private static final int BIND_MAX = 16;

  /** True if the rewriter must keep lines starting with {@code name} (else {@code # ???}). */
  static boolean isKnown(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return STANDARD.contains(lower) || SPECIAL.contains(lower);
  }

  private int port = ServerOptions.DEFAULT_PORT;
  private List<String> bind = ServerOptions.DEFAULT_BIND;
  private Path dir;
  private String logfile = "";
  private String loglevel = "notice";
  private String requirepass;
  private boolean protectedMode = false;
  private boolean daemonize = false;
  private String pidfile;
  private String aclfile = "";
  private final List<List<String>> users = new ArrayList<>();
  private final List<List<String>> renames = new ArrayList<>();
  private final Map<String, List<String>> others = new LinkedHashMap<>();

  ServerDirectives(Path workingDir) {
    this.dir = workingDir;
  }

  /** The current working directory (relative paths in later directives are relative to it). */
  Path dir() {
    return dir;
  }

  /**
   * Applies one server directive ({@code name} lower case, {@code args} without the name); returns
   * the error text, or null when accepted.
   */
  String apply(String name, List<String> args) {
    int argc = args.size() + 1;
    if (STANDARD.contains(name)) {
      if (!MULTI_ARG.contains(name) && argc != 2) {
        return "wrong number of arguments";
      }
      return applyStandard(name, args);
    }
    int[] deprecated = DEPRECATED.get(name);
    if (deprecated != null && deprecated[0] <= argc && argc <= deprecated[1]) {
      return null;
    }
    if (name.equals("rename-command") && argc == 3) {
      renames.add(List.copyOf(args));
      return null;
    }
    if (name.equals("user") && argc >= 2) {
      users.add(List.copyOf(args));
      return null;
    }
    if (name.equals("include") && argc == 2) {
      return "include is not supported by Vigil: put every directive in the sentinel config file";
    }
    if (name.equals("loadmodule") && argc >= 2) {
      return "loadmodule is not supported by Vigil";
    }
    return "Bad directive or wrong number of arguments";
  }

  private String applyStandard(String name, List<String> args) {
    String value = args.isEmpty() ? "" : args.get(0);
    switch (name) {
      case "port" -> {
        Long parsed = parseStrictLong(value);
        if (parsed == null) {
          return "argument couldn't be parsed into an integer";
        }
        if (parsed < 0 || parsed > 65535) {
          return "argument must be between 0 and 65535 inclusive";
        }
        port = parsed.intValue();
      }
      case "bind" -> {
        if (args.size() > BIND_MAX) {
          return "Too many bind addresses specified.";
        }
        // 'bind ""' (one empty argument) means no address at all.
        bind = args.size() == 1 && args.get(0).isEmpty() ? List.of() : List.copyOf(args);
      }
      case "dir" -> {
        Path target = dir.resolve(value).normalize();
        if (!Files.exists(target)) {
          return "No such file or directory";
        }
        if (!Files.isDirectory(target)) {
          return "Not a directory";
        }
        dir = target;
      }
      case "logfile" -> logfile = value;
      case "loglevel" -> {
        String level = value.toLowerCase(Locale.ROOT);
        if (!ServerOptions.LOG_LEVELS.contains(level)) {
          return "argument(s) must be one of the following: debug, verbose, notice, warning,"
              + " nothing";
        }
        loglevel = level;
      }
      case "requirepass" -> requirepass = value.isEmpty() ? null : value;
      case "protected-mode", "daemonize" -> {
        Boolean yes = yesNo(value);
        if (yes == null) {
          return "argument must be 'yes' or 'no'";
        }
        if (name.equals("daemonize")) {
          daemonize = yes;
        } else {
          protectedMode = yes;
        }
      }
      case "pidfile" -> pidfile = value.isEmpty() ? null : value;
      case "aclfile" -> aclfile = value;
      case "save" -> {
        // Accepted and ignored: a sentinel has no data set, and the rewrite drops save lines.
      }
      default -> others.put(name, List.copyOf(args));
    }
    return null;
  }

  ServerOptions toOptions() {
    return new ServerOptions(
        port,
        bind,
        dir.toString(),
        logfile,
        loglevel,
        requirepass,
        protectedMode,
        daemonize,
        pidfile,
        aclfile,
        users,
        renames,
        others);
  }

  /** Valkey's {@code yesnotoi}: case-insensitive yes/no, anything else null. */
  static Boolean yesNo(String s) {
    if (s.equalsIgnoreCase("yes")) {
      return Boolean.TRUE;
    }
    if (s.equalsIgnoreCase("no")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Valkey's {@code string2ll}: optional '-', digits, no leading zeros, no blanks, no '+'. */
  static Long parseStrictLong(String s) {
    if (s.isEmpty() || s.length() > 20) {
      return null;
    }
    int start = s.charAt(0) == '-' ? 1 : 0;
    if (start == s.length()) {
      return null;
    }
    if (s.charAt(start) == '0' && s.length() > start + 1) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    if (s.equals("-0")) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
