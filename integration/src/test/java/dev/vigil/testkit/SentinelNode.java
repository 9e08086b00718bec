package dev.vigil.testkit;

import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real {@code valkey-sentinel}/{@code redis-sentinel} process (an interop peer and an oracle for
 * Vigil's own sidecar) on a free loopback port, with {@code sentinel.conf} and {@code sentinel.log}
 * in its own temp dir. The sentinel rewrites its config file as it learns replicas, peers and
 * epochs; {@link #restart()} starts it again from that rewritten file, as a real deployment would.
 */
public final class SentinelNode implements AutoCloseable {
  private static final int LOG_TAIL_LINES = 40;
  private static final int MAX_BIND_ATTEMPTS = 5;

  private final String name;
  private final SentinelLauncher launcher;
  private final Path dir;
  private final List<String> monitorLines;
  private final List<String> extraConfig;
  private final List<String> debugTimers;
  private final Duration startTimeout;
  private int port;
  private ManagedProcess process;

  private SentinelNode(Builder b) {
    if (b.monitorLines.isEmpty()) {
      throw new IllegalArgumentException("a sentinel needs at least one monitor(...)");
    }
    this.name = b.name;
    this.launcher = b.launcher != null ? b.launcher : ServerBinaries.sentinel();
    this.monitorLines = List.copyOf(b.monitorLines);
    this.extraConfig = List.copyOf(b.extraConfig);
    this.debugTimers = List.copyOf(b.debugTimers);
    this.startTimeout = b.startTimeout;
    this.port = FreePorts.allocate();
    this.dir = TempDirs.create("vigil-" + name);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a sentinel. {@link #monitor} is required; timings default to fast test values. */
  public static final class Builder {
    private String name = "sentinel";
    private SentinelLauncher launcher;
    private final List<String> monitorLines = new ArrayList<>();
    private final List<String> extraConfig = new ArrayList<>();
    private final List<String> debugTimers = new ArrayList<>();
    private Duration startTimeout = ValkeyNode.DEFAULT_START_TIMEOUT;

    private Builder() {}

    /**
     * A Sentinel timer override applied with {@code SENTINEL DEBUG <param> <ms>} after every start
     * and restart (the server does not persist them), e.g. {@code ("info-period", 1000)} or {@code
     * ("publish-period", 500)} for faster tests. Valkey 8 and Redis 7 support it; Redis 6.2 does
     * not, and starting fails with its error then.
     */
    public Builder debugTimer(String param, long millis) {
      debugTimers.add(param);
      debugTimers.add(Long.toString(millis));
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder launcher(SentinelLauncher launcher) {
      this.launcher = launcher;
      return this;
    }

    /**
     * Monitors {@code primary} as {@code masterName} with {@code quorum}, declaring it down after
     * {@code downAfter} and giving a failover {@code failoverTimeout}.
     */
    public Builder monitor(
        String masterName,
        HostPort primary,
        int quorum,
        Duration downAfter,
        Duration failoverTimeout) {
      monitorLines.add(
          "sentinel monitor "
              + masterName
              + " "
              + primary.host()
              + " "
              + primary.port()
              + " "
              + quorum);
      monitorLines.add(
          "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis());
      monitorLines.add(
          "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis());
      monitorLines.add("sentinel parallel-syncs " + masterName + " 1");
      return this;
    }

    /**
     * Monitors with down-after 1000 ms and failover-timeout 5 s. A short failover-timeout keeps the
     * rare split vote cheap: the retry comes after 2 x failover-timeout (10 s, not Sentinel's 6
     * min).
     */
    public Builder monitor(String masterName, HostPort primary, int quorum) {
      return monitor(masterName, primary, quorum, Duration.ofMillis(1000), Duration.ofSeconds(5));
    }

    /** {@code sentinel auth-pass}: the password of a monitored primary and its replicas. */
    public Builder authPass(String masterName, String password) {
      extraConfig.add("sentinel auth-pass " + masterName + " \"" + password + "\"");
      return this;
    }

    /** An extra config line, e.g. {@code "sentinel announce-ip 127.0.0.1"}. */
    public Builder config(String line) {
      extraConfig.add(line);
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /** Starts the sentinel and waits until it answers PING. */
    public SentinelNode start() {
      SentinelNode node = new SentinelNode(this);
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

  public int port() {
    return port;
  }

  public HostPort address() {
    return HostPort.loopback(port);
  }

  public long pid() {
    return process.pid();
  }

  public ManagedProcess process() {
    return process;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public Path dir() {
    return dir;
  }

  public Path configFile() {
    return dir.resolve("sentinel.conf");
  }

  public Path logFile() {
    return dir.resolve("sentinel.log");
  }

  public RespClient client() {
    return RespClient.connect(address());
  }

  /** One command on a fresh connection. */
  public Object call(String... args) {
    try (RespClient c = client()) {
      return c.call(args);
    }
  }

  public boolean ping(Duration timeout) {
    return RespClient.pings(address(), timeout);
  }

  /** Sentinel queries against this node's address (stays valid across restarts). */
  public SentinelClient sentinelClient() {
    return new SentinelClient(address());
  }

  /** {@code SENTINEL GET-MASTER-ADDR-BY-NAME}; null if the sentinel does not know the name. */
  public HostPort getMasterAddr(String masterName) {
    return sentinelClient().getMasterAddr(masterName);
  }

  /**
   * {@code SENTINEL MASTER <name>} as a field map (flags, num-slaves, num-other-sentinels, ...).
   */
  public Map<String, String> master(String masterName) {
    return sentinelClient().master(masterName);
  }

  /** {@code SENTINEL REPLICAS <name>}, one field map per replica. */
  public List<Map<String, String>> replicas(String masterName) {
    return sentinelClient().replicas(masterName);
  }

  /** {@code SENTINEL SENTINELS <name>}, one field map per other sentinel. */
  public List<Map<String, String>> sentinels(String masterName) {
    return sentinelClient().sentinels(masterName);
  }

  /** Waits until this sentinel reports {@code expected} for {@code masterName}. */
  public void waitForMasterAddr(String masterName, HostPort expected, Duration timeout) {
    Await.until(
        name + " reports " + masterName + " at " + expected,
        timeout,
        () -> Objects.equals(expected, getMasterAddr(masterName)),
        () -> logTail(LOG_TAIL_LINES));
  }

  /** Waits until this sentinel has discovered {@code count} other sentinels (hello messages). */
  public void waitForKnownSentinels(String masterName, int count, Duration timeout) {
    Await.until(
        name + " knows " + count + " other sentinels of " + masterName,
        timeout,
        () -> sentinels(masterName).size() >= count,
        () -> logTail(LOG_TAIL_LINES));
  }

  /** Waits until this sentinel has discovered {@code count} replicas of {@code masterName}. */
  public void waitForKnownReplicas(String masterName, int count, Duration timeout) {
    Await.until(
        name + " knows " + count + " replicas of " + masterName,
        timeout,
        () -> replicas(masterName).size() >= count,
        () -> logTail(LOG_TAIL_LINES));
  }

  /** Subscribes to {@code channels} (e.g. {@code +switch-master}); none means all ({@code *}). */
  public SentinelEvents subscribe(String... channels) {
    return sentinelClient().subscribe(channels);
  }

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

  public void kill9() {
    process.kill9();
  }

  public void pause() {
    process.pause();
  }

  public void resume() {
    process.resume();
  }

  /** Graceful stop (SIGTERM, then SIGKILL after 10 s). */
  public void stop() {
    process.terminate(Duration.ofSeconds(10));
  }

  /** Kills the process if running and starts it again from its (rewritten) config, same port. */
  public void restart() {
    if (process.isAlive()) {
      process.kill9();
    }
    launch();
    waitUntilReady(startTimeout);
    applyDebugTimers();
  }

  /**
   * {@code SENTINEL DEBUG} with no arguments: the current timer values, e.g. {@code INFO-PERIOD}.
   */
  public Map<String, String> debugTimers() {
    return RespClient.pairsToMap((List<?>) call("SENTINEL", "DEBUG"));
  }

  /**
   * A cursor over the log from now on, e.g. to wait for {@code "+switch-master"} or {@code "MASTER
   * <-> REPLICA sync: Finished"} after an action; its waits fail early if the process exits.
   */
  public LogCursor logCursorAtEnd() {
    return LogCursor.of(logFile(), false, process);
  }

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
        applyDebugTimers();
        return;
      } catch (RuntimeException | AssertionError e) {
        boolean portTaken = logTail(LOG_TAIL_LINES).contains("Address already in use");
        process.kill9();
        if (!portTaken || attempt >= MAX_BIND_ATTEMPTS) {
          throw e;
        }
        int old = port;
        port = FreePorts.allocate();
        KitLog.info(name + ": port " + old + " was taken meanwhile, retrying on " + port);
      }
    }
  }

  private void applyDebugTimers() {
    if (!debugTimers.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("SENTINEL", "DEBUG"));
      command.addAll(debugTimers);
      try {
        call(command.toArray(String[]::new));
      } catch (RespError e) {
        throw new IllegalStateException(
            name + " rejected " + String.join(" ", command) + ": " + e.getMessage(), e);
      }
    }
  }

  private void launch() {
    process =
        ManagedProcess.start(
            name + ":" + port,
            launcher.command(configFile()),
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
    lines.addAll(monitorLines);
    lines.addAll(extraConfig);
    try {
      Files.write(configFile(), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile(), e);
    }
  }
}
