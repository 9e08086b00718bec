package dev.vigil.server;

import dev.vigil.resp.Resp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO in sentinel mode (Valkey's sentinelInfoCommand): sections server, clients, stats, cpu and
 * sentinel, always in that order whatever order they were asked in; {@code default}, {@code all},
 * {@code everything} or no argument mean all five; unknown names are ignored. Sections are joined
 * by an empty line; each line ends in CRLF.
 *
 * <p>Field names and order are Valkey 8.0.1's. Values describe this JVM honestly; fields about
 * machinery a sentinel does not have (keyspace, replication, forks...) are 0 as in a real sentinel.
 */
final class InfoCommand {
  private static final List<String> ORDER =
      List.of("server", "clients", "stats", "cpu", "sentinel");

  void execute(CommandCall call) {
    Set<String> wanted = new HashSet<>();
    if (call.argc() == 1) {
      wanted.addAll(ORDER);
    }
    for (int i = 1; i < call.argc(); i++) {
      String s = call.argLower(i);
      if (s.equals("default") || s.equals("all") || s.equals("everything")) {
        wanted.addAll(ORDER);
      } else {
        wanted.add(s);
      }
    }
    StringBuilder out = new StringBuilder();
    for (String section : ORDER) {
      if (!wanted.contains(section)) {
        continue;
      }
      if (out.length() > 0) {
        out.append("\r\n");
      }
      switch (section) {
        case "server" -> server(call, out);
        case "clients" -> clients(call, out);
        case "stats" -> stats(call, out);
        case "cpu" -> cpu(out);
        default -> {
          out.append("# Sentinel\r\n");
          out.append(call.server.hooks.status().infoSection());
        }
      }
    }
    call.reply(Resp.bulk(out.toString()));
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(key).append(':').append(value).append("\r\n");
  }

  private static void server(CommandCall call, StringBuilder out) {
    ServerContext ctx = call.server;
    ServerSettings s = ctx.settings;
    long now = ctx.now();
    long uptimeSeconds = (now - ctx.startMillis) / 1000;
    out.append("# Server\r\n");
    line(out, "redis_version", s.redisVersion());
    line(out, "server_name", "valkey");
    line(out, "valkey_version", s.valkeyVersion());
    line(out, "redis_git_sha1", "00000000");
    line(out, "redis_git_dirty", 0);
    line(out, "redis_build_id", "0");
    line(out, s.extendedRedisCompatibility() ? "redis_mode" : "server_mode", "sentinel");
    line(out, "os", osName());
    line(out, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
    line(out, "monotonic_clock", "POSIX clock_gettime");
    line(out, "multiplexing_api", multiplexingApi());
    line(out, "gcc_version", "0.0.0");
    line(out, "process_id", ProcessHandle.current().pid());
    line(out, "process_supervised", "no");
    line(out, "run_id", s.runId());
    line(out, "tcp_port", ctx.tcpPort());
    line(out, "server_time_usec", now * 1000);
    line(out, "uptime_in_seconds", uptimeSeconds);
    line(out, "uptime_in_days", uptimeSeconds / 86400);
    line(out, "hz", 10);
    line(out, "configured_hz", 10);
    line(out, "lru_clock", (now / 1000) & ((1 << 24) - 1));
    line(out, "executable", ProcessHandle.current().info().command().orElse(""));
    line(out, "config_file", s.configFile());
    line(out, "io_threads_active", 0);
    line(out, "availability_zone", "");
    int i = 0;
    for (InetSocketAddress a : ctx.listeners) {
      line(
          out,
          "listener" + i++,
          "name=tcp,bind=" + a.getAddress().getHostAddress() + ",port=" + a.getPort());
    }
  }

  private static String osName() {
    String arch = System.getProperty("os.arch", "");
    if (arch.equals("amd64")) {
      arch = "x86_64";
    }
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch;
  }

  /** The JDK's selector on Linux is epoll-based; elsewhere say what Java uses. */
  private static String multiplexingApi() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return os.contains("linux") ? "epoll" : os.contains("mac") ? "kqueue" : "select";
  }

  private static void clients(CommandCall call, StringBuilder out) {
    ServerContext ctx = call.server;
    int pubsubClients = 0;
    int trackingClients = 0;
    for (ClientSession c : ctx.clients.all()) {
      if (c.inPubSubMode()) {
        pubsubClients++;
      }
      if (c.tracking().on()) {
        trackingClients++;
      }
    }
    out.append("# Clients\r\n");
    line(out, "connected_clients", ctx.clients.count());
    line(out, "cluster_connections", 0);
    line(out, "maxclients", ctx.settings.maxClients());
    line(out, "client_recent_max_input_buffer", 0);
    line(out, "client_recent_max_output_buffer", 0);
    line(out, "blocked_clients", 0);
    line(out, "tracking_clients", trackingClients);
    line(out, "pubsub_clients", pubsubClients);
    line(out, "watching_clients", 0);
    line(out, "clients_in_timeout_table", 0);
    line(out, "total_watched_keys", 0);
    line(out, "total_blocking_keys", 0);
    line(out, "total_blocking_keys_on_nokey", 0);
  }

  private static void stats(CommandCall call, StringBuilder out) {
    ServerContext ctx = call.server;
    ServerStats st = ctx.stats;
    out.append("# Stats\r\n");
    line(out, "total_connections_received", st.connectionsReceived.get());
    line(out, "total_commands_processed", st.commandsProcessed.get());
    line(out, "instantaneous_ops_per_sec", 0);
    line(out, "total_net_input_bytes", st.netInputBytes.get());
    line(out, "total_net_output_bytes", st.netOutputBytes.get());
    line(out, "total_net_repl_input_bytes", 0);
    line(out, "total_net_repl_output_bytes", 0);
    line(out, "instantaneous_input_kbps", "0.00");
    line(out, "instantaneous_output_kbps", "0.00");
    line(out, "instantaneous_input_repl_kbps", "0.00");
    line(out, "instantaneous_output_repl_kbps", "0.00");
    line(out, "rejected_connections", st.rejectedConnections.get());
    for (String zero :
        List.of("sync_full", "sync_partial_ok", "sync_partial_err", "expired_keys")) {
      line(out, zero, 0);
    }
    line(out, "expired_stale_perc", "0.00");
    for (String zero :
        List.of(
            "expired_time_cap_reached_count",
            "expire_cycle_cpu_milliseconds",
            "evicted_keys",
            "evicted_clients",
            "evicted_scripts",
            "total_eviction_exceeded_time",
            "current_eviction_exceeded_time",
            "keyspace_hits",
            "keyspace_misses")) {
      line(out, zero, 0);
    }
    line(out, "pubsub_channels", ctx.pubSub.channelCount());
    line(out, "pubsub_patterns", ctx.pubSub.patternCount());
    for (String zero :
        List.of(
            "pubsubshard_channels",
            "latest_fork_usec",
            "total_forks",
            "migrate_cached_sockets",
            "slave_expires_tracked_keys",
            "active_defrag_hits",
            "active_defrag_misses",
            "active_defrag_key_hits",
            "active_defrag_key_misses",
            "total_active_defrag_time",
            "current_active_defrag_time",
            "tracking_total_keys",
            "tracking_total_items",
            "tracking_total_prefixes",
            "unexpected_error_replies")) {
      line(out, zero, 0);
    }
    line(out, "total_error_replies", st.errorReplies.get());
    line(out, "dump_payload_sanitizations", 0);
    line(out, "total_reads_processed", st.readsProcessed.get());
    line(out, "total_writes_processed", st.writesProcessed.get());
    for (String zero :
        List.of(
            "io_threaded_reads_processed",
            "io_threaded_writes_processed",
            "io_threaded_freed_objects",
            "io_threaded_poll_processed",
            "io_threaded_total_prefetch_batches",
            "io_threaded_total_prefetch_entries",
            "client_query_buffer_limit_disconnections",
            "client_output_buffer_limit_disconnections",
            "reply_buffer_shrinks",
            "reply_buffer_expands",
            "eventloop_cycles",
            "eventloop_duration_sum",
            "eventloop_duration_cmd_sum",
            "instantaneous_eventloop_cycles_per_sec",
            "instantaneous_eventloop_duration_usec")) {
      line(out, zero, 0);
    }
    line(out, "acl_access_denied_auth", st.aclDeniedAuth.get());
    line(out, "acl_access_denied_cmd", st.aclDeniedCmd.get());
    line(out, "acl_access_denied_key", 0);
    line(out, "acl_access_denied_channel", st.aclDeniedChannel.get());
  }

  /**
   * Process CPU time split into user and system: the user part is the sum over live threads, the
   * rest of the process total is reported as system time.
   */
  private static void cpu(StringBuilder out) {
    double total = processCpuSeconds();
    double user = userCpuSeconds();
    double sys = Math.max(0, total - user);
    out.append("# CPU\r\n");
    line(out, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", sys));
    line(out, "used_cpu_user", String.format(Locale.ROOT, "%.6f", user));
    line(out, "used_cpu_sys_children", "0.000000");
    line(out, "used_cpu_user_children", "0.000000");
  }

  private static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      return nanos < 0 ? 0 : nanos / 1e9;
    }
    return 0;
  }

  private static double userCpuSeconds() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported()) {
      return 0;
    }
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadUserTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum / 1e9;
  }
}
