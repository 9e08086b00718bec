package dev.vigil.agent;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.ValkeyNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One primary, two replicas and three sentinels of one backend, reused by many failover runs: each
 * run kills the current primary, and {@link #heal()} brings it back as a replica of the new one, so
 * the next run again has a primary and two linked replicas.
 */
final class SharedTopology implements AutoCloseable {
  static final String MASTER = "mymaster";
  static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);

  /** When the primary was killed and when the sentinel announced its successor. */
  record Failover(HostPort oldPrimary, HostPort newPrimary, long killMillis, long switchMillis) {}

  private final SentinelBackend backend;
  private final ReplicationGroup group;
  private final SentinelBackend.Deployment sentinels;
  private HostPort primary;
  private ValkeyNode down;

  private SharedTopology(
      SentinelBackend backend, ReplicationGroup group, SentinelBackend.Deployment sentinels) {
    this.backend = backend;
    this.group = group;
    this.sentinels = sentinels;
    this.primary = group.primary().address();
  }

  static SharedTopology start(SentinelBackend backend) {
    ReplicationGroup group = ReplicationGroup.start(2);
    try {
      return new SharedTopology(backend, group, backend.deploy(MASTER, group));
    } catch (RuntimeException | Error e) {
      group.close();
      throw e;
    }
  }

  SentinelBackend backend() {
    return backend;
  }

  HostPort primary() {
    return primary;
  }

  ValkeyNode node(HostPort address) {
    return group.nodes().stream()
        .filter(n -> n.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node at " + address));
  }

  List<HostPort> sentinelAddresses() {
    return sentinels.addresses();
  }

  /** {@code sentinels=a,b,c,master=mymaster} plus {@code extra}. */
  String agentArgs(String extra) {
    String list =
        sentinels.addresses().stream().map(HostPort::toString).collect(Collectors.joining(","));
    return "sentinels=" + list + ",master=" + MASTER + (extra.isEmpty() ? "" : "," + extra);
  }

  /** The primary every sentinel names now, or null while they disagree. */
  HostPort agreedPrimary() {
    return sentinels.agreedPrimary();
  }

  SentinelEvents subscribe() {
    return sentinels.subscribe();
  }

  /** SIGKILLs the primary and waits for {@code +switch-master}. */
  Failover killPrimaryAndAwaitSwitch() {
    try (SentinelEvents events = sentinels.subscribe()) {
      ValkeyNode old = node(primary);
      long killMillis = System.currentTimeMillis();
      old.kill9();
      down = old;
      SentinelEvents.Event event =
          events.awaitMessage("+switch-master", m -> m.startsWith(MASTER + " "), SWITCH_TIMEOUT);
      return switched(event, killMillis);
    }
  }

  /** {@code SENTINEL FAILOVER} (the old primary stays up) and waits for {@code +switch-master}. */
  Failover manualFailover() {
    sentinels.waitForReplicasSettled(
        MASTER, primary, group.nodes().size() - 1, Duration.ofSeconds(30));
    try (SentinelEvents events = sentinels.subscribe()) {
      long startMillis = System.currentTimeMillis();
      dev.vigil.testkit.RespClient client =
          dev.vigil.testkit.RespClient.connect(sentinels.addresses().get(0));
      try (client) {
        client.call("SENTINEL", "FAILOVER", MASTER);
      }
      SentinelEvents.Event event =
          events.awaitMessage("+switch-master", m -> m.startsWith(MASTER + " "), SWITCH_TIMEOUT);
      return switched(event, startMillis);
    }
  }

  private Failover switched(SentinelEvents.Event event, long startMillis) {
    long ageMillis = (System.nanoTime() - event.receivedNanos()) / 1_000_000;
    long switchMillis = System.currentTimeMillis() - ageMillis;
    String[] parts = event.message().split(" ");
    HostPort newPrimary = new HostPort(parts[3], Integer.parseInt(parts[4]));
    Failover failover = new Failover(primary, newPrimary, startMillis, switchMillis);
    primary = newPrimary;
    return failover;
  }

  /**
   * Restarts a killed node and makes every other node replicate from the primary the sentinels
   * agree on, then waits until all links are up: ready for the next run. The primary is taken from
   * the sentinels rather than assumed, so that a spurious failover between runs (a loaded CI
   * machine and a 1 s down-after) does not derail the next run.
   */
  void heal() {
    if (down != null) {
      down.restart();
      down = null;
    }
    primary =
        Await.value(
            "the sentinels agree on a primary that is up",
            Duration.ofSeconds(30),
            () -> {
              HostPort agreed = sentinels.agreedPrimary();
              try {
                return agreed != null && "master".equals(node(agreed).role()) ? agreed : null;
              } catch (RuntimeException notUp) {
                return null;
              }
            },
            java.util.Objects::nonNull);
    for (ValkeyNode node : group.nodes()) {
      if (!node.address().equals(primary)) {
        java.util.Map<String, String> info = node.info("replication");
        if (!"slave".equals(info.get("role"))
            || !Integer.toString(primary.port()).equals(info.get("master_port"))) {
          node.replicaOf(primary);
        }
      }
    }
    for (ValkeyNode node : group.nodes()) {
      if (!node.address().equals(primary)) {
        try {
          node.waitForReplicaOf(primary, Duration.ofSeconds(10));
        } catch (AssertionError | RuntimeException e) {
          node.replicaOf(primary); // A sentinel reconfiguration raced with us; point it once more.
          node.waitForReplicaOf(primary, Duration.ofSeconds(20));
        }
      }
    }
  }

  @Override
  public void close() {
    sentinels.close();
    group.close();
  }
}
