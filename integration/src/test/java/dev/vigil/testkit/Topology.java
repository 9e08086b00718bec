package dev.vigil.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A replication group watched by real sentinels: {@link Builder#start()} returns once every
 * sentinel has discovered all replicas and all other sentinels, i.e. once a failover is possible.
 */
public final class Topology implements AutoCloseable {
  public static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

  private final String masterName;
  private final ReplicationGroup group;
  private final List<SentinelNode> sentinels;

  private Topology(String masterName, ReplicationGroup group, List<SentinelNode> sentinels) {
    this.masterName = masterName;
    this.group = group;
    this.sentinels = List.copyOf(sentinels);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sizes and timings; defaults: 2 replicas, 3 sentinels, quorum 2, down-after 1000 ms,
   * failover-timeout 5 s.
   */
  public static final class Builder {
    private String masterName = "mymaster";
    private int replicas = 2;
    private int sentinels = 3;
    private int quorum = 2;
    private Duration downAfter = Duration.ofMillis(1000);
    private Duration failoverTimeout = Duration.ofSeconds(5);
    private String password;
    private UnaryOperator<ValkeyNode.Builder> nodeOptions = b -> b;
    private UnaryOperator<SentinelNode.Builder> sentinelOptions = b -> b;

    private Builder() {}

    /** Protects every node with {@code password} and gives the sentinels its auth-pass. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Adjusts each node's builder (already named and, if set, given the password). */
    public Builder nodeOptions(UnaryOperator<ValkeyNode.Builder> nodeOptions) {
      this.nodeOptions = nodeOptions;
      return this;
    }

    /** Adjusts each sentinel's builder (already named and monitoring the primary). */
    public Builder sentinelOptions(UnaryOperator<SentinelNode.Builder> sentinelOptions) {
      this.sentinelOptions = sentinelOptions;
      return this;
    }

    public Builder masterName(String masterName) {
      this.masterName = masterName;
      return this;
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    public Builder sentinels(int sentinels) {
      this.sentinels = sentinels;
      return this;
    }

    public Builder quorum(int quorum) {
      this.quorum = quorum;
      return this;
    }

    public Builder downAfter(Duration downAfter) {
      this.downAfter = downAfter;
      return this;
    }

    public Builder failoverTimeout(Duration failoverTimeout) {
      this.failoverTimeout = failoverTimeout;
      return this;
    }

    public Topology start() {
      ReplicationGroup group = ReplicationGroup.start(replicas);
      List<SentinelNode> started = new ArrayList<>();
      try {
        for (int i = 1; i <= sentinels; i++) {
          started.add(
              SentinelNode.builder()
                  .name("sentinel" + i)
                  .monitor(
                      masterName, group.primary().address(), quorum, downAfter, failoverTimeout)
                  .start());
        }
        Topology topology = new Topology(masterName, group, started);
        topology.waitForDiscovery(DISCOVERY_TIMEOUT);
        return topology;
      } catch (RuntimeException | Error e) {
        started.forEach(SentinelNode::close);
        group.close();
        throw e;
      }
    }
  }

  public String masterName() {
    return masterName;
  }

  public ReplicationGroup group() {
    return group;
  }

  public ValkeyNode primary() {
    return group.primary();
  }

  public List<ValkeyNode> replicas() {
    return group.replicas();
  }

  public List<SentinelNode> sentinels() {
    return sentinels;
  }

  /** The node listening at {@code address}, or an error naming the known nodes. */
  public ValkeyNode nodeAt(HostPort address) {
    for (ValkeyNode node : group.nodes()) {
      if (node.address().equals(address)) {
        return node;
      }
    }
    throw new IllegalArgumentException("no node at " + address + " in " + group.nodes());
  }

  /** Waits until every sentinel knows every replica and every other sentinel. */
  public void waitForDiscovery(Duration timeout) {
    for (SentinelNode s : sentinels) {
      s.waitForKnownReplicas(masterName, group.replicas().size(), timeout);
      s.waitForKnownSentinels(masterName, sentinels.size() - 1, timeout);
    }
  }

  /** Waits until every running sentinel reports {@code expected} as the primary's address. */
  public void waitForAgreement(HostPort expected, Duration timeout) {
    for (SentinelNode s : sentinels) {
      if (s.isAlive()) {
        s.waitForMasterAddr(masterName, expected, timeout);
      }
    }
  }

  /** The node the sentinels currently agree on as primary (asks the first live sentinel). */
  public ValkeyNode currentPrimary() {
    for (SentinelNode s : sentinels) {
      if (s.isAlive()) {
        return nodeAt(s.getMasterAddr(masterName));
      }
    }
    throw new IllegalStateException("no sentinel is running");
  }

  /**
   * SIGKILLs the current primary and waits until every running sentinel names another node as
   * primary and that node reports role master; returns it. The killed node stays down (restart it
   * with {@link ValkeyNode#restart()}; the sentinels then turn it into a replica within ~20 s).
   */
  public ValkeyNode killPrimaryAndAwaitFailover(Duration timeout) {
    ValkeyNode old = currentPrimary();
    old.kill9();
    return awaitNewPrimary(old, timeout);
  }

  /**
   * {@code SENTINEL FAILOVER <name>} on the first running sentinel (no agreement needed), then
   * waits until every running sentinel names the new primary; returns it.
   */
  public ValkeyNode forceFailover(Duration timeout) {
    ValkeyNode old = currentPrimary();
    SentinelNode sentinel =
        sentinels.stream().filter(SentinelNode::isAlive).findFirst().orElseThrow();
    // Right after discovery a sentinel may not yet have the fresh INFO and PING replies it needs
    // to call a replica promotable; NOGOODSLAVE then is transient, so ask again until the deadline.
    Await.until(
        "SENTINEL FAILOVER " + masterName + " accepted",
        timeout,
        () -> {
          try {
            sentinel.call("SENTINEL", "FAILOVER", masterName);
            return true;
          } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).startsWith("NOGOODSLAVE")) {
              return false;
            }
            throw e;
          }
        });
    return awaitNewPrimary(old, timeout);
  }

  private ValkeyNode awaitNewPrimary(ValkeyNode old, Duration timeout) {
    HostPort next =
        Await.value(
            "sentinels agree on a primary other than " + old.address(),
            timeout,
            () -> {
              HostPort agreed = null;
              for (SentinelNode s : sentinels) {
                if (!s.isAlive()) {
                  continue;
                }
                HostPort reported = s.getMasterAddr(masterName);
                if (agreed != null && !agreed.equals(reported)) {
                  return null;
                }
                agreed = reported;
              }
              return agreed;
            },
            agreed -> agreed != null && !agreed.equals(old.address()),
            () -> sentinels.get(0).logTail(30));
    ValkeyNode promoted = nodeAt(next);
    promoted.waitForRole("master", timeout);
    return promoted;
  }

  /**
   * What every sentinel thinks and its last log lines (TILT, votes, aborted failovers): attach it
   * to a failing assertion about the topology.
   */
  public String diagnostics() {
    StringBuilder out = new StringBuilder();
    for (SentinelNode s : sentinels) {
      out.append("\n=== ").append(s);
      if (s.isAlive()) {
        try {
          Map<String, String> master = s.master(masterName);
          out.append(" sees ")
              .append(master.get("ip"))
              .append(':')
              .append(master.get("port"))
              .append(" flags=")
              .append(master.get("flags"))
              .append(" epoch=")
              .append(master.get("config-epoch"));
        } catch (RuntimeException e) {
          out.append(" (no answer: ").append(e.getMessage()).append(')');
        }
      } else {
        out.append(" (not running)");
      }
      out.append('\n').append(ManagedProcess.tail(s.logFile(), 25));
    }
    return out.toString();
  }

  /** Runs {@code step}; if it fails, rethrows with {@link #diagnostics()} appended. */
  public void withDiagnostics(Runnable step) {
    try {
      step.run();
    } catch (AssertionError | RuntimeException e) {
      AssertionError error = new AssertionError(e.getMessage() + diagnostics(), e);
      throw error;
    }
  }

  /** Sentinels first, so they do not react to the nodes going away. */
  @Override
  public void close() {
    sentinels.forEach(SentinelNode::close);
    group.close();
  }
}
