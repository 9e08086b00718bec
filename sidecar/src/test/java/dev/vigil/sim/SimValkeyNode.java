package dev.vigil.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated Valkey data node: role, run id, replication id and offset, the replication link to
 * its primary, replica priority, persisted config, crash/restart, hang (SIGSTOP) and {@code
 * -LOADING} after a restart. It answers the commands Sentinel sends in the real wire formats (INFO
 * text exactly as Valkey 8 lays it out).
 *
 * <p>Replication is advanced by {@link #replicationTick}, driven by the cluster: a primary that is
 * up "takes writes" (its offset grows); a replica whose primary is reachable and responsive gets
 * its link up after a short sync and then follows the primary's offset.
 */
final class SimValkeyNode {
  /** How the node finds its primary and whether the network lets them talk. */
  interface Directory {
    SimValkeyNode nodeAt(String ip, int port);

    boolean reachable(int hostA, int hostB);
  }

  static final int PORT = 6379;

  /** Replica considers its link dead after this long without contact (repl-timeout, shortened). */
  static final long REPL_TIMEOUT_MS = 3000;

  final int hostIndex;
  final String ip;
  final int port;
  private final SimScheduler scheduler;
  private final int priority;

  // Persisted configuration (what CONFIG REWRITE wrote): null master = primary.
  private String configMasterHost;
  private int configMasterPort;
  private long configMinReplicasToWrite;
  private long configMinReplicasMaxLag = 10;

  // min-replicas-to-write / min-replicas-max-lag (self-fencing raises the first).
  private long minReplicasToWrite;
  private long minReplicasMaxLag = 10;

  /** When the node last became a primary (boot as one, or SLAVEOF NO ONE). */
  private long primarySinceMs;

  // Runtime state.
  private boolean alive = true;
  private boolean hung;
  private long loadingUntilMs;
  private String runId;
  private String replId;
  private long offset;
  private String masterHost; // null when primary
  private int masterPort;
  private boolean linkUp;
  private long syncReadyAtMs; // the link comes up no earlier than this after (re)configuration
  private long lastContactMs;
  private long linkDownSinceMs; // 0 = never connected since (re)configuration
  private final List<Runnable> frozen = new ArrayList<>();

  SimValkeyNode(
      int hostIndex,
      String ip,
      SimScheduler scheduler,
      int priority,
      String masterHost,
      int masterPort) {
    this.hostIndex = hostIndex;
    this.ip = ip;
    this.port = PORT;
    this.scheduler = scheduler;
    this.priority = priority;
    this.configMasterHost = masterHost;
    this.configMasterPort = masterPort;
    boot();
  }

  private void boot() {
    runId = SimIds.hex40(scheduler.random());
    replId = SimIds.hex40(scheduler.random());
    masterHost = configMasterHost;
    masterPort = configMasterPort;
    primarySinceMs = scheduler.nowMs();
    minReplicasToWrite = configMinReplicasToWrite;
    minReplicasMaxLag = configMinReplicasMaxLag;
    linkUp = false;
    linkDownSinceMs = 0;
    syncReadyAtMs = scheduler.nowMs() + scheduler.between(50, 500);
  }

  // ---- process lifecycle -------------------------------------------------------------------

  boolean alive() {
    return alive;
  }

  boolean hung() {
    return hung;
  }

  /** Alive and not stopped: able to process commands and replicate. */
  boolean responsive() {
    return alive && !hung;
  }

  void crash() {
    alive = false;
    hung = false;
    frozen.clear();
  }

  /** Restarts with the persisted config, a new run id, and optionally a loading phase. */
  void restart(long loadingMs) {
    alive = true;
    hung = false;
    boot();
    loadingUntilMs = scheduler.nowMs() + loadingMs;
  }

  void hang() {
    if (alive) {
      hung = true;
    }
  }

  /** SIGCONT: runs the commands that arrived while stopped, in order. */
  void resume() {
    if (!alive || !hung) {
      return;
    }
    hung = false;
    List<Runnable> queued = new ArrayList<>(frozen);
    frozen.clear();
    queued.forEach(Runnable::run);
  }

  /**
   * Runs a command now, or when the node resumes if it is stopped; dropped if it is dead.
   *
   * @return false if the node is dead
   */
  boolean execute(Runnable command) {
    if (!alive) {
      return false;
    }
    if (hung) {
      frozen.add(command);
    } else {
      command.run();
    }
    return true;
  }

  // ---- commands ------------------------------------------------------------------------------

  boolean loading() {
    return scheduler.nowMs() < loadingUntilMs;
  }

  /** {@code SLAVEOF host port} / {@code SLAVEOF NO ONE} (host null) followed by CONFIG REWRITE. */
  void replicaOf(String host, int newPort) {
    if (host == null) {
      if (masterHost != null) {
        // Promotion: a new replication history starts (the old id becomes replid2).
        replId = SimIds.hex40(scheduler.random());
        primarySinceMs = scheduler.nowMs();
      }
      masterHost = null;
      linkUp = false;
    } else if (!host.equals(masterHost) || newPort != masterPort) {
      masterHost = host;
      masterPort = newPort;
      linkUp = false;
      linkDownSinceMs = 0;
      syncReadyAtMs = scheduler.nowMs() + scheduler.between(50, 500);
    }
    configMasterHost = masterHost;
    configMasterPort = masterPort;
  }

  /** {@code CONFIG SET min-replicas-to-write .. min-replicas-max-lag ..} plus CONFIG REWRITE. */
  void setMinReplicas(long toWrite, long maxLag) {
    minReplicasToWrite = toWrite;
    minReplicasMaxLag = maxLag;
    configMinReplicasToWrite = toWrite;
    configMinReplicasMaxLag = maxLag;
  }

  long primarySinceMs() {
    return primarySinceMs;
  }

  long minReplicasToWrite() {
    return minReplicasToWrite;
  }

  long minReplicasMaxLag() {
    return minReplicasMaxLag;
  }

  /**
   * Whether a client's write would be acknowledged now: a responsive primary, not loading, with as
   * many connected replicas as {@code min-replicas-to-write} asks (0 or a max-lag of 0: no check).
   */
  boolean acceptsWrites(List<SimValkeyNode> all) {
    if (!responsive() || masterHost != null || loading()) {
      return false;
    }
    if (minReplicasToWrite > 0 && minReplicasMaxLag > 0) {
      return connectedReplicas(all).size() >= minReplicasToWrite;
    }
    return true;
  }

  // ---- replication -----------------------------------------------------------------------------

  /** Advances replication by one tick; primaries take writes, replicas follow. */
  void replicationTick(Directory directory) {
    if (!responsive()) {
      return;
    }
    long now = scheduler.nowMs();
    if (masterHost == null) {
      offset += scheduler.between(0, 2000);
      return;
    }
    SimValkeyNode master = directory.nodeAt(masterHost, masterPort);
    boolean contact =
        master != null
            && master != this
            && master.responsive()
            && directory.reachable(hostIndex, master.hostIndex);
    if (contact) {
      lastContactMs = now;
      if (!linkUp && now >= syncReadyAtMs) {
        linkUp = true;
        linkDownSinceMs = 0;
      }
      if (linkUp) {
        offset = Math.max(offset, master.offset);
        replId = master.replId;
      }
    } else if (linkUp && now - lastContactMs > REPL_TIMEOUT_MS) {
      linkUp = false;
      linkDownSinceMs = now;
      syncReadyAtMs = now + scheduler.between(50, 500);
    } else if (!linkUp) {
      // The next successful contact starts a new (partial) resync, which takes a moment.
      syncReadyAtMs = Math.max(syncReadyAtMs, now + 200);
    }
  }

  // ---- observation -----------------------------------------------------------------------------

  boolean isPrimary() {
    return masterHost == null;
  }

  String masterHost() {
    return masterHost;
  }

  int masterPort() {
    return masterPort;
  }

  boolean linkUp() {
    return linkUp;
  }

  boolean replicatesFrom(SimValkeyNode primary) {
    return masterHost != null && masterHost.equals(primary.ip) && masterPort == primary.port;
  }

  int priority() {
    return priority;
  }

  String runId() {
    return runId;
  }

  long offset() {
    return offset;
  }

  /** The replicas currently connected to this node (it may itself be a replica: chaining). */
  List<SimValkeyNode> connectedReplicas(List<SimValkeyNode> all) {
    List<SimValkeyNode> out = new ArrayList<>();
    for (SimValkeyNode n : all) {
      if (n != this && n.responsive() && n.linkUp && n.replicatesFrom(this)) {
        out.add(n);
      }
    }
    return out;
  }

  /** INFO (all default sections Sentinel reads), in Valkey 8's layout with CRLF line ends. */
  String info(List<SimValkeyNode> all) {
    long now = scheduler.nowMs();
    StringBuilder b = new StringBuilder(900);
    line(b, "# Server");
    line(b, "redis_version:7.2.4");
    line(b, "server_name:valkey");
    line(b, "valkey_version:8.0.1");
    line(b, "redis_mode:standalone");
    line(b, "os:Linux 6.1.0 x86_64");
    line(b, "process_id:" + (1000 + hostIndex));
    line(b, "run_id:" + runId);
    line(b, "tcp_port:" + port);
    line(b, "uptime_in_seconds:" + now / 1000);
    line(b, "");
    line(b, "# Persistence");
    line(b, "loading:" + (loading() ? 1 : 0));
    line(b, "");
    line(b, "# Replication");
    List<SimValkeyNode> replicas = connectedReplicas(all);
    if (masterHost == null) {
      line(b, "role:master");
    } else {
      line(b, "role:slave");
      line(b, "master_host:" + masterHost);
      line(b, "master_port:" + masterPort);
      line(b, "master_link_status:" + (linkUp ? "up" : "down"));
      line(b, "master_last_io_seconds_ago:" + (linkUp ? (now - lastContactMs) / 1000 : -1));
      line(b, "master_sync_in_progress:0");
      line(b, "slave_read_repl_offset:" + offset);
      line(b, "slave_repl_offset:" + offset);
      if (!linkUp) {
        long since = linkDownSinceMs == 0 ? -1 : (now - linkDownSinceMs) / 1000;
        line(b, "master_link_down_since_seconds:" + since);
      }
      line(b, "slave_priority:" + priority);
      line(b, "slave_read_only:1");
      line(b, "replica_announced:1");
    }
    line(b, "connected_slaves:" + replicas.size());
    for (int i = 0; i < replicas.size(); i++) {
      SimValkeyNode r = replicas.get(i);
      long lag = (now - r.lastContactMs) / 1000;
      line(
          b,
          "slave"
              + i
              + ":ip="
              + r.ip
              + ",port="
              + r.port
              + ",state=online,offset="
              + r.offset
              + ",lag="
              + lag);
    }
    line(b, "master_failover_state:no-failover");
    line(b, "master_replid:" + replId);
    line(b, "master_replid2:0000000000000000000000000000000000000000");
    line(b, "master_repl_offset:" + offset);
    line(b, "second_repl_offset:-1");
    line(b, "repl_backlog_active:1");
    line(b, "repl_backlog_size:1048576");
    line(b, "repl_backlog_first_byte_offset:1");
    line(b, "repl_backlog_histlen:" + Math.min(offset, 1048576));
    return b.toString();
  }

  private static void line(StringBuilder b, String s) {
    b.append(s).append("\r\n");
  }

  @Override
  public String toString() {
    return "node"
        + hostIndex
        + "("
        + ip
        + (masterHost == null ? " master" : " ->" + masterHost)
        + (alive ? "" : " dead")
        + (hung ? " hung" : "")
        + ")";
  }
}
