package dev.vigil.testkit;

import dev.vigil.testkit.ServerBinaries.Flavor;
import dev.vigil.testkit.ServerBinaries.ServerBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real {@code valkey-server} (or {@code redis-server}) process on a free loopback port, with its
 * own temp dir holding {@code node.conf}, {@code node.log} and {@code stdout.log}.
 *
 * <p>The server runs from a config file (not command-line flags) so that {@code CONFIG REWRITE},
 * which real sentinels send with every {@code SLAVEOF}, works as in production, and so {@link
 * #restart()} brings the node back on the same port and dir with whatever the server persisted.
 * Persistence is off ({@code save ""}, {@code appendonly no}) and replication is diskless with no
 * delay, so a full sync takes milliseconds.
 *
 * <p>Lifecycle: {@link #start()} returns once the server answers PING. {@link #kill9()}, {@link
 * #pause()} (SIGSTOP) / {@link #resume()} (SIGCONT) and {@link #restart()} act on the same node;
 * {@link #close()} SIGKILLs the process (data is throw-away, and SIGTERM on a primary with lagging
 * replicas can wait for its shutdown-timeout) and deletes the dir.
 */
public final class ValkeyNode implements ServerEndpoint {
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 40;
  private static final int MAX_BIND_ATTEMPTS = 5;

  private final String name;
  private final ServerBinary binary;
  private final Path dir;
  private final List<String> extraConfig;
  private final Duration startTimeout;
  private final boolean fixedPort;
  private final String password;
  private int port;
  private ManagedProcess process;

  private ValkeyNode(Builder b) {
    this.binary = b.binary != null ? b.binary : ServerBinaries.server();
    this.name = b.name;
    this.extraConfig = List.copyOf(b.extraConfig);
    this.startTimeout = b.startTimeout;
    this.password = b.password;
    this.fixedPort = b.port > 0;
    this.port = fixedPort ? b.port : FreePorts.allocate();
    this.dir = TempDirs.create("vigil-" + name);
  }

  /** Starts a node with the default binary and settings. */
  public static ValkeyNode start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a node; everything has a sensible default. */
  public static final class Builder {
    private String name = "node";
    private ServerBinary binary;
    private int port;
    private String password;
    private final List<String> extraConfig = new ArrayList<>();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private Builder() {}

    /**
     * Protects the node with {@code requirepass} and sets {@code masterauth} to the same value (so
     * replicas of equally protected primaries can sync); the kit's own connections authenticate.
     */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** A label for logs and the temp dir name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder binary(ServerBinary binary) {
      this.binary = binary;
      return this;
    }

    /** A fixed port instead of a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** An extra config file line, e.g. {@code "replica-priority 10"}. */
    public Builder config(String line) {
      this.extraConfig.add(line);
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /** Starts the node and waits until it answers PING. */
    public ValkeyNode start() {
      ValkeyNode node = new ValkeyNode(this);
      try {
        node.launchFirstTime();
      } catch (RuntimeException | Error e) {
        node.close();
        throw e;
      }
      return node;
    }
  }

  public String name() {
    return name;
  }

  public String host() {
    return HostPort.LOOPBACK;
  }

  public int port() {
    return port;
  }

  @Override
  public HostPort address() {
    return HostPort.loopback(port);
  }

  public ServerBinary binary() {
    return binary;
  }

  public Path dir() {
    return dir;
  }

  public Path configFile() {
    return dir.resolve("node.conf");
  }

  public Path logFile() {
    return dir.resolve("node.log");
  }

  /** PID of the current process (changes on restart). */
  public long pid() {
    return process.pid();
  }

  public ManagedProcess process() {
    return process;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** A new connection; the caller closes it. */
  @Override
  public RespClient client() {
    return client(RespClient.DEFAULT_TIMEOUT);
  }

  public RespClient client(Duration timeout) {
    return RespClient.connect(host(), port, timeout, password);
  }

  /** The password set with {@link Builder#password}, or null. */
  public String password() {
    return password;
  }

  /** One command on a fresh connection. */
  @Override
  public Object call(String... args) {
    try (RespClient c = client()) {
      return c.call(args);
    }
  }

  public String callString(String... args) {
    try (RespClient c = client()) {
      return c.callString(args);
    }
  }

  /** True if the node answers PING with PONG within {@code timeout}. */
  public boolean ping(Duration timeout) {
    try (RespClient c = client(timeout)) {
      return "PONG".equals(c.call("PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Polls PING until PONG; fails early, with the log tail, if the process exits. */
  public void waitUntilReady(Duration timeout) {
    Await.until(
        name + " at " + address() + " answers PING",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new Await.Abort(name + " exited with " + process.exitCode());
          }
          return ping(Duration.ofMillis(500));
        },
        () -> logTail(LOG_TAIL_LINES));
  }

  /** {@code REPLICAOF <primary>}; returns without waiting for the sync (see waitFor helpers). */
  public void replicaOf(ValkeyNode primary) {
    replicaOf(primary.address());
  }

  public void replicaOf(HostPort primary) {
    call("REPLICAOF", primary.host(), Integer.toString(primary.port()));
  }

  /** {@code REPLICAOF NO ONE}. */
  public void promote() {
    call("REPLICAOF", "NO", "ONE");
  }

  /** First element of ROLE: {@code master}, {@code slave} (the wire name) or {@code sentinel}. */
  public String role() {
    try (RespClient c = client()) {
      return String.valueOf(c.callList("ROLE").get(0));
    }
  }

  /** INFO of one section (e.g. {@code replication}) as a map. */
  public Map<String, String> info(String section) {
    return RespClient.parseInfo(callString("INFO", section));
  }

  /** {@code master_repl_offset} from INFO replication. */
  public long replicationOffset() {
    return Long.parseLong(info("replication").getOrDefault("master_repl_offset", "-1"));
  }

  /** Waits until ROLE reports {@code role} ({@code master} or {@code slave}). */
  public void waitForRole(String role, Duration timeout) {
    Await.until(
        name + " at " + address() + " has role " + role,
        timeout,
        () -> role.equals(role()),
        () -> logTail(LOG_TAIL_LINES));
  }

  /**
   * Waits until this node is a replica of {@code primary} with {@code master_link_status:up} and a
   * finished initial sync.
   */
  public void waitForReplicaOf(ValkeyNode primary, Duration timeout) {
    waitForReplicaOf(primary.address(), timeout);
  }

  public void waitForReplicaOf(HostPort primary, Duration timeout) {
    Await.until(
        name + " at " + address() + " replicates from " + primary + " with link up",
        timeout,
        () -> {
          Map<String, String> info = info("replication");
          return "slave".equals(info.get("role"))
              && primary.host().equals(info.get("master_host"))
              && Integer.toString(primary.port()).equals(info.get("master_port"))
              && "up".equals(info.get("master_link_status"))
              && "0".equals(info.getOrDefault("master_sync_in_progress", "0"));
        },
        () -> info("replication") + "\n" + logTail(LOG_TAIL_LINES));
  }

  /** Waits until this replica's processed offset reaches the primary's current offset. */
  public void waitForOffsetOf(ValkeyNode primary, Duration timeout) {
    long target = primary.replicationOffset();
    Await.until(
        name + " reaches replication offset " + target + " of " + primary.name(),
        timeout,
        () -> Long.parseLong(info("replication").getOrDefault("slave_repl_offset", "-1")) >= target,
        () -> info("replication").toString());
  }

  /** SIGKILL; the node can be {@link #restart()}ed on the same port and dir. */
  public void kill9() {
    process.kill9();
  }

  /** SIGSTOP: the server keeps its sockets but answers nothing until {@link #resume()}. */
  public void pause() {
    process.pause();
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    process.resume();
  }

  /** Graceful stop (SIGTERM, then SIGKILL after 10 s). */
  public void stop() {
    process.terminate(Duration.ofSeconds(10));
  }

  /**
   * Kills the process if it is still running (SIGKILL) and starts it again on the same port and dir
   * from the same (possibly server-rewritten) config file, then waits until it answers PING.
   */
  public void restart() {
    if (process.isAlive()) {
      process.kill9();
    }
    launch();
    waitUntilReady(startTimeout);
  }

  /**
   * A cursor over the log from now on, e.g. to wait for {@code "+switch-master"} or {@code "MASTER
   * <-> REPLICA sync: Finished"} after an action; its waits fail early if the process exits.
   */
  public LogCursor logCursorAtEnd() {
    return LogCursor.of(logFile(), false, process);
  }

  /** The last lines of the server log and of its stdout (config errors land there). */
  public String logTail(int lines) {
    return "--- "
        + name
        + " "
        + logFile()
        + " ---\n"
        + ManagedProcess.tail(logFile(), lines)
        + "\n--- "
        + name
        + " stdout ---\n"
        + ManagedProcess.tail(dir.resolve("stdout.log"), Math.min(lines, 10));
  }

  @Override
  public void close() {
    if (process != null) {
      process.kill9();
    }
    TempDirs.delete(dir);
  }

  @Override
  public String toString() {
    return name + "@" + address() + (process == null ? "" : " pid=" + process.pid());
  }

  private void launchFirstTime() {
    for (int attempt = 1; ; attempt++) {
      writeConfig();
      launch();
      try {
        waitUntilReady(startTimeout);
        return;
      } catch (RuntimeException | AssertionError e) {
        boolean portTaken = logTail(LOG_TAIL_LINES).contains("Address already in use");
        process.kill9();
        if (fixedPort || !portTaken || attempt >= MAX_BIND_ATTEMPTS) {
          throw e;
        }
        int old = port;
        port = FreePorts.allocate();
        KitLog.info(name + ": port " + old + " was taken meanwhile, retrying on " + port);
      }
    }
  }

  private void launch() {
    process =
        ManagedProcess.start(
            name + ":" + port,
            List.of(binary.path().toString(), configFile().toString()),
            dir,
            dir.resolve("stdout.log"),
            logFile(),
            Map.of());
  }

  private void writeConfig() {
    List<String> lines = new ArrayList<>();
    lines.add("# written by the Vigil test kit for " + name);
    lines.add("port " + port);
    lines.add("bind " + HostPort.LOOPBACK);
    lines.add("daemonize no");
    lines.add("dir \"" + dir + "\"");
    lines.add("logfile \"" + logFile() + "\"");
    lines.add("save \"\"");
    lines.add("appendonly no");
    // Diskless sync with no delay: a replica's full sync takes milliseconds instead of >5 s.
    lines.add("repl-diskless-sync yes");
    lines.add("repl-diskless-sync-delay 0");
    if (binary.flavor() == Flavor.VALKEY || binary.majorVersion() >= 7) {
      // DEBUG SLEEP and friends are handy for fault injection; 7.0+ refuses them by default.
      lines.add("enable-debug-command local");
    }
    if (password != null) {
      lines.add("requirepass \"" + password + "\"");
      lines.add("masterauth \"" + password + "\"");
    }
    lines.addAll(extraConfig);
    try {
      Files.write(configFile(), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile(), e);
    }
  }
}
