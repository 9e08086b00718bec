package dev.vigil.testkit;

import dev.vigil.testkit.ServerBinaries.Flavor;
import dev.vigil.testkit.ServerBinaries.ServerBinary;
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
public final class ValkeyNode extends ServerProcess implements ServerEndpoint {
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);

  private final ServerBinary binary;
  private final List<String> extraConfig;
  private final String password;

  private ValkeyNode(Builder b) {
    super(b.name, b.startTimeout, b.port, b.host);
    this.binary = b.binary != null ? b.binary : ServerBinaries.server();
    this.extraConfig = List.copyOf(b.extraConfig);
    this.password = b.password;
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
    private String host = HostPort.LOOPBACK;
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

    /**
     * Listens on, and connects to its primary from, this loopback address (e.g. {@code 127.0.0.12})
     * instead of 127.0.0.1: {@code bind}, {@code bind-source-addr} and {@code replica-announce-ip},
     * so that address-keyed firewall rules can cut it off (a partition).
     */
    public Builder host(String host) {
      this.host = host;
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
      node.startFirstTime();
      return node;
    }
  }

  public String host() {
    return host;
  }

  public ServerBinary binary() {
    return binary;
  }

  @Override
  public Path configFile() {
    return dir.resolve("node.conf");
  }

  @Override
  public Path logFile() {
    return dir.resolve("node.log");
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

  /** True if the node answers PING with PONG within {@code timeout} (authenticating if set). */
  @Override
  public boolean ping(Duration timeout) {
    try (RespClient c = client(timeout)) {
      return "PONG".equals(c.call("PING"));
    } catch (RuntimeException e) {
      return false;
    }
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

  @Override
  protected List<String> command() {
    return List.of(binary.path().toString(), configFile().toString());
  }

  @Override
  protected List<String> configLines() {
    List<String> lines = new ArrayList<>();
    lines.add("save \"\"");
    lines.add("appendonly no");
    // Diskless sync with no delay: a replica's full sync takes milliseconds instead of >5 s.
    lines.add("repl-diskless-sync yes");
    lines.add("repl-diskless-sync-delay 0");
    if (binary.flavor() == Flavor.VALKEY || binary.majorVersion() >= 7) {
      // DEBUG SLEEP and friends are handy for fault injection; 7.0+ refuses them by default.
      lines.add("enable-debug-command local");
    }
    if (!HostPort.LOOPBACK.equals(host)) {
      lines.add("bind-source-addr " + host);
      lines.add("replica-announce-ip " + host);
    }
    if (password != null) {
      lines.add("requirepass \"" + password + "\"");
      lines.add("masterauth \"" + password + "\"");
    }
    lines.addAll(extraConfig);
    return lines;
  }
}
