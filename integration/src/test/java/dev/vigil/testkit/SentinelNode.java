package dev.vigil.testkit;

import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
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
public final class SentinelNode extends ServerProcess {
  private final SentinelLauncher launcher;
  private final List<String> monitorLines;
  private final List<String> extraConfig;
  private final List<String> debugTimers;

  private SentinelNode(Builder b) {
    super(b.name, b.startTimeout, 0, b.host);
    this.launcher = b.launcher != null ? b.launcher : ServerBinaries.sentinel();
    this.monitorLines = List.copyOf(b.monitorLines);
    this.extraConfig = List.copyOf(b.extraConfig);
    this.debugTimers = List.copyOf(b.debugTimers);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a sentinel. {@link #monitor} is required; timings default to fast test values. */
  public static final class Builder {
    private String name = "sentinel";
    private String host = HostPort.LOOPBACK;
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

    /**
     * Listens on, connects from and announces this loopback address (e.g. {@code 127.0.0.12}):
     * {@code bind}, {@code bind-source-addr} and {@code sentinel announce-ip}, so that
     * address-keyed firewall rules can cut it off (a partition).
     */
    public Builder host(String host) {
      this.host = host;
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
      if (monitorLines.isEmpty()) {
        throw new IllegalArgumentException("a sentinel needs at least one monitor(...)");
      }
      SentinelNode node = new SentinelNode(this);
      node.startFirstTime();
      return node;
    }
  }

  @Override
  public Path configFile() {
    return dir.resolve("sentinel.conf");
  }

  @Override
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

  /**
   * {@code SENTINEL DEBUG} with no arguments: the current timer values, e.g. {@code INFO-PERIOD}.
   */
  public Map<String, String> debugTimers() {
    return RespClient.pairsToMap((List<?>) call("SENTINEL", "DEBUG"));
  }

  @Override
  protected void afterReady() {
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

  @Override
  protected List<String> command() {
    return launcher.command(configFile());
  }

  @Override
  protected List<String> configLines() {
    List<String> lines = new ArrayList<>(monitorLines);
    if (!HostPort.LOOPBACK.equals(host)) {
      lines.add("bind-source-addr " + host);
      lines.add("sentinel announce-ip " + host);
    }
    lines.addAll(extraConfig);
    return lines;
  }
}
