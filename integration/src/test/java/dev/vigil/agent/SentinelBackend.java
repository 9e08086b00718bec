package dev.vigil.agent;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What fails the primary over in the agent ITs. The agent only speaks the Sentinel protocol, so any
 * implementation of it will do: today real {@code valkey-sentinel} and {@code redis-sentinel}
 * processes; Vigil's own sidecars plug in here as another implementation once they exist.
 */
public interface SentinelBackend {
  /**
   * Not Sentinel's tightest 1 s: a real sentinel pings once per second, so with 1 s it reconnects
   * to a just-promoted primary, gets stale "down" replies from its peers and fails it over a second
   * time; the agent ITs measure one failover, the benchmark measures 1 s.
   */
  Duration DOWN_AFTER = Duration.ofMillis(3000);

  Duration FAILOVER_TIMEOUT = Duration.ofSeconds(5);

  String name();

  /** Starts three sentinels (quorum 2) watching {@code group} as {@code masterName}. */
  Deployment deploy(String masterName, ReplicationGroup group);

  /** Running sentinels of one group. */
  interface Deployment extends AutoCloseable {
    List<HostPort> addresses();

    /** A {@code +switch-master} subscription on one of the sentinels. */
    SentinelEvents subscribe();

    /** The primary every sentinel names, or null while they disagree or one does not answer. */
    HostPort agreedPrimary();

    /** Waits until every sentinel names {@code expected} as the primary. */
    void waitForAgreement(HostPort expected, Duration timeout);

    /**
     * Waits until every sentinel sees {@code count} healthy replicas of {@code primary}: a manual
     * failover right after a heal is otherwise aborted by a sentinel that still remembers a
     * restarted node's old role.
     */
    void waitForReplicasSettled(String masterName, HostPort primary, int count, Duration timeout);

    @Override
    void close();
  }

  /** Real sentinel processes started with the given launcher. */
  static SentinelBackend real(String name, SentinelLauncher launcher) {
    return new SentinelBackend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Deployment deploy(String masterName, ReplicationGroup group) {
        List<SentinelNode> nodes = new ArrayList<>();
        try {
          for (int i = 1; i <= 3; i++) {
            nodes.add(
                SentinelNode.builder()
                    .name(name + i)
                    .launcher(launcher)
                    .monitor(masterName, group.primary().address(), 2, DOWN_AFTER, FAILOVER_TIMEOUT)
                    .start());
          }
          for (SentinelNode node : nodes) {
            node.waitForKnownReplicas(masterName, group.replicas().size(), Duration.ofSeconds(20));
            node.waitForKnownSentinels(masterName, nodes.size() - 1, Duration.ofSeconds(20));
          }
        } catch (RuntimeException | Error e) {
          nodes.forEach(SentinelNode::close);
          throw e;
        }
        return new Deployment() {
          @Override
          public List<HostPort> addresses() {
            List<HostPort> result = new ArrayList<>();
            nodes.forEach(n -> result.add(n.address()));
            return result;
          }

          @Override
          public SentinelEvents subscribe() {
            return nodes.get(0).subscribe("+switch-master");
          }

          @Override
          public HostPort agreedPrimary() {
            HostPort agreed = null;
            for (SentinelNode node : nodes) {
              HostPort said;
              try {
                said = node.getMasterAddr(masterName);
              } catch (RuntimeException e) {
                return null;
              }
              if (said == null || (agreed != null && !agreed.equals(said))) {
                return null;
              }
              agreed = said;
            }
            return agreed;
          }

          @Override
          public void waitForAgreement(HostPort expected, Duration timeout) {
            nodes.forEach(n -> n.waitForMasterAddr(masterName, expected, timeout));
          }

          @Override
          public void waitForReplicasSettled(
              String masterName, HostPort primary, int count, Duration timeout) {
            for (SentinelNode node : nodes) {
              Await.until(
                  node.name() + " sees " + count + " healthy replicas of " + primary,
                  timeout,
                  () -> healthyReplicas(node.replicas(masterName), primary) >= count);
            }
          }

          @Override
          public void close() {
            nodes.forEach(SentinelNode::close);
          }
        };
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Replicas with no flag but {@code slave}, that report replicating from {@code primary}. */
  private static long healthyReplicas(List<Map<String, String>> replicas, HostPort primary) {
    return replicas.stream()
        .filter(r -> "slave".equals(r.get("flags")))
        .filter(r -> "slave".equals(r.get("role-reported")))
        .filter(r -> "ok".equals(r.get("master-link-status")))
        .filter(r -> String.valueOf(primary.port()).equals(r.get("master-port")))
        .count();
  }

  /** Vigil sidecar JVMs (the shaded jar), managed exactly like real sentinels. */
  static SentinelBackend vigilSidecars() {
    return real("vigil-sidecar", dev.vigil.sidecar.VigilLauncher.get());
  }

  /** {@code valkey-sentinel} (or whatever the kit finds first). */
  static SentinelBackend valkeySentinel() {
    return real("valkey-sentinel", ServerBinaries.sentinel());
  }

  /** {@code redis-sentinel} if installed, else null. */
  static SentinelBackend redisSentinel() {
    return ServerBinaries.onPath("redis-sentinel")
        .map(
            (Path path) ->
                real(
                    "redis-sentinel",
                    new SentinelLauncher(path, List.of(), "redis-sentinel on PATH")))
        .orElse(null);
  }
}
