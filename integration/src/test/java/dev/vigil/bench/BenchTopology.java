package dev.vigil.bench;

import dev.vigil.sidecar.VigilLauncher;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One benchmark topology: a primary, two replicas and three sentinels of one kind (Vigil sidecars
 * or real redis-sentinel/valkey-sentinel), all with down-after-milliseconds 1000 and quorum 2.
 */
final class BenchTopology implements AutoCloseable {
  static final String MASTER = "mymaster";
  static final Duration DOWN_AFTER = Duration.ofMillis(1000);
  static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(10);

  /** Which sentinel implementation runs. */
  enum Kind {
    VIGIL,
    SENTINEL;

    String label() {
      return this == VIGIL ? "vigil" : realSentinelName();
    }
  }

  final Kind kind;
  final ReplicationGroup group;
  final List<SentinelNode> sentinels;

  private BenchTopology(Kind kind, ReplicationGroup group, List<SentinelNode> sentinels) {
    this.kind = kind;
    this.group = group;
    this.sentinels = sentinels;
  }

  static BenchTopology start(Kind kind) {
    ReplicationGroup group = ReplicationGroup.start(2);
    List<SentinelNode> started = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        SentinelNode.Builder b =
            SentinelNode.builder()
                .name(kind.label() + (i + 1))
                .launcher(kind == Kind.VIGIL ? vigilLauncher() : ServerBinaries.sentinel())
                .monitor(MASTER, group.primary().address(), 2, DOWN_AFTER, FAILOVER_TIMEOUT)
                .startTimeout(Duration.ofSeconds(40));
        if (kind == Kind.VIGIL) {
          // Three sidecars on one host: no management listeners (their default ports collide).
          b.config("vigil jolokia-port 0");
        }
        started.add(b.start());
      }
      for (SentinelNode s : started) {
        s.waitForKnownReplicas(MASTER, 2, Duration.ofSeconds(40));
        s.waitForKnownSentinels(MASTER, 2, Duration.ofSeconds(40));
      }
      return new BenchTopology(kind, group, started);
    } catch (RuntimeException | Error e) {
      started.forEach(SentinelNode::close);
      group.close();
      throw e;
    }
  }

  Set<String> sentinelAddresses() {
    Set<String> out = new LinkedHashSet<>();
    for (SentinelNode s : sentinels) {
      out.add(s.address().host() + ":" + s.address().port());
    }
    return out;
  }

  /** The address every sentinel answers for the primary, or null while they differ or fail. */
  HostPort agreedPrimary() {
    HostPort agreed = null;
    for (SentinelNode s : sentinels) {
      HostPort a;
      try {
        a = s.getMasterAddr(MASTER);
      } catch (RuntimeException e) {
        return null;
      }
      if (a == null || (agreed != null && !agreed.equals(a))) {
        return null;
      }
      agreed = a;
    }
    return agreed;
  }

  @Override
  public void close() {
    sentinels.forEach(SentinelNode::close);
    group.close();
  }

  static String realSentinelName() {
    return ServerBinaries.sentinel().path().getFileName().toString();
  }

  private static SentinelLauncher vigil;

  /** The sidecar's shaded jar (as users run it) behind a launcher script, like the sidecar ITs. */
  static synchronized SentinelLauncher vigilLauncher() {
    if (vigil != null) {
      return vigil;
    }
    if (VigilLauncher.shadedJar() == null) {
      throw new IllegalStateException(
          "sidecar/target/vigil-sidecar.jar is missing: build with mvn -DskipTests package");
    }
    vigil = VigilLauncher.script("96m");
    return vigil;
  }
}
