package dev.vigil.partition;

import dev.vigil.partition.PartitionWriter.Ack;
import dev.vigil.sidecar.VigilLauncher;
import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.NetworkPartition;
import dev.vigil.testkit.RespClient;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import dev.vigil.testkit.ValkeyNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the partition scenario (docs/fencing.md, docs/benchmarks.md "partition"): three Valkey
 * nodes and three sentinels on loopback aliases, node and sentinel <i>i</i> on {@code
 * 127.0.0.1<i>}; the primary, its sentinel and a writing client on {@code 127.0.0.11} are cut off
 * from the two replicas and their sentinels ({@code 127.0.0.12-13}) by nftables rules, for a while,
 * then the partition heals. The writer records every acknowledged write and where it was
 * acknowledged; at the end the acknowledged keys missing on the final primary are counted.
 *
 * <p>Figures (ms from the cut or the heal, on the test's monotonic clock):
 *
 * <ul>
 *   <li>{@code oldAcceptMs}: the last write the isolated primary acknowledged before the heal;
 *   <li>{@code switchMs}: when the majority side's sentinel first named another primary;
 *   <li>{@code demoteMs}: after the heal, when the old primary reported {@code role:slave};
 *   <li>{@code lost}: acknowledged keys missing on the final primary.
 * </ul>
 */
final class PartitionScenario {
  static final String MASTER = "mymaster";
  static final String SIDE_A = "127.0.0.11";
  static final List<String> SIDE_B = List.of("127.0.0.12", "127.0.0.13");
  static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(10);

  /** Which sentinels run next to the three nodes. */
  enum Kind {
    /** Three Vigil sidecars with their defaults (fencing on: {@code vigil node} is set). */
    VIGIL("vigil"),
    /** Three Vigil sidecars with {@code vigil fencing no}: Sentinel's behaviour. */
    VIGIL_NO_FENCING("vigil-nofence"),
    /** Three real sentinels (valkey-sentinel, or whatever VIGIL_SENTINEL_BIN names). */
    SENTINEL("sentinel"),
    /** A Vigil sidecar next to the primary, real sentinels next to the replicas. */
    MIXED("vigil+sentinel");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    boolean vigilAt(int index) {
      return switch (this) {
        case VIGIL, VIGIL_NO_FENCING -> true;
        case SENTINEL -> false;
        case MIXED -> index == 0;
      };
    }
  }

  /** The scenario's knobs. */
  record Settings(Duration partition, Duration downAfter, int writesPerSecond) {}

  /** What one run measured. */
  record Result(
      Kind kind,
      int acked,
      int ackedOldDuringCut,
      int ackedOldAfterHeal,
      int lost,
      long oldAcceptMs,
      long switchMs,
      long demoteMs,
      boolean failedOver) {
    String line() {
      return String.format(
          "%-15s lost %5d of %5d acked | old primary: acked %4d during the cut, last %5d ms after"
              + " it, %3d after the heal | majority switch %5d ms after the cut | old primary"
              + " demoted %5d ms after the heal",
          kind.label,
          lost,
          acked,
          ackedOldDuringCut,
          oldAcceptMs,
          ackedOldAfterHeal,
          switchMs,
          demoteMs);
    }
  }

  private PartitionScenario() {}

  static Result run(Kind kind, Settings settings) throws Exception {
    List<ValkeyNode> nodes = new ArrayList<>();
    List<SentinelNode> sentinels = new ArrayList<>();
    PartitionWriter writer = null;
    NetworkPartition partition = null;
    long cut = 0;
    long heal = 0;
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(ValkeyNode.builder().name("node" + (i + 1)).host(host(i)).start());
      }
      ValkeyNode old = nodes.get(0);
      for (int i = 1; i < 3; i++) {
        nodes.get(i).replicaOf(old);
      }
      for (int i = 1; i < 3; i++) {
        nodes.get(i).waitForReplicaOf(old, Duration.ofSeconds(20));
      }
      for (int i = 0; i < 3; i++) {
        SentinelNode.Builder b =
            SentinelNode.builder()
                .name(kind.label.replace('+', '-') + (i + 1))
                .host(host(i))
                .monitor(MASTER, old.address(), 2, settings.downAfter(), FAILOVER_TIMEOUT)
                .startTimeout(Duration.ofSeconds(40));
        if (kind.vigilAt(i)) {
          b.launcher(vigil())
              .config("vigil jolokia-port 0")
              .config("vigil node " + nodes.get(i).address());
          if (kind == Kind.VIGIL_NO_FENCING) {
            b.config("vigil fencing no");
          }
        } else {
          b.launcher(ServerBinaries.sentinel());
        }
        sentinels.add(b.start());
      }
      for (SentinelNode s : sentinels) {
        s.waitForKnownReplicas(MASTER, 2, Duration.ofSeconds(40));
        s.waitForKnownSentinels(MASTER, 2, Duration.ofSeconds(40));
      }
      List<HostPort> order = sentinels.stream().map(SentinelNode::address).toList();
      writer = new PartitionWriter(SIDE_A, MASTER, order, settings.writesPerSecond());
      PartitionWriter w = writer;
      Await.until(
          "the writer has 100 acknowledged writes",
          Duration.ofSeconds(20),
          () -> w.acks().size() >= 100);

      partition = NetworkPartition.cut(List.of(SIDE_A), SIDE_B);
      cut = System.nanoTime();
      // The partition lasts its full time whatever happens meanwhile (it is the scenario, not a
      // wait for something); the majority side's switch is noted on the way.
      long switchAt = 0;
      long end = cut + settings.partition().toNanos();
      while (System.nanoTime() < end) {
        if (switchAt == 0 && !old.address().equals(primaryNamedBy(sentinels.get(1)))) {
          switchAt = System.nanoTime();
        }
        LockSupport.parkNanos(Math.min(20_000_000L, Math.max(0, end - System.nanoTime())));
      }
      partition.heal();
      heal = System.nanoTime();

      long demotedAt =
          Await.value(
              "the old primary " + old.address() + " is demoted after the heal",
              Duration.ofSeconds(60),
              () -> "slave".equals(roleOf(old)) ? System.nanoTime() : null,
              v -> v != null);
      HostPort fin =
          Await.value(
              "all three sentinels name the same primary after the heal",
              Duration.ofSeconds(30),
              () -> agreedPrimary(sentinels),
              v -> v != null);
      Await.until(
          "the writer has writes acknowledged on the final primary " + fin,
          Duration.ofSeconds(30),
          () -> w.acks().stream().anyMatch(a -> a.at().equals(fin) && a.nanos() > demotedAt));
      List<Ack> acks = writer.stop();
      ValkeyNode finalNode = nodes.stream().filter(n -> n.address().equals(fin)).findFirst().get();
      int lost = acks.size() - countExisting(finalNode, acks);
      long lastOldDuringCut = cut;
      int oldDuringCut = 0;
      int oldAfterHeal = 0;
      for (Ack a : acks) {
        if (!a.at().equals(old.address()) || a.nanos() <= cut) {
          continue;
        }
        if (a.nanos() < heal) {
          oldDuringCut++;
          lastOldDuringCut = Math.max(lastOldDuringCut, a.nanos());
        } else if (a.nanos() < demotedAt) {
          oldAfterHeal++;
        }
      }
      return new Result(
          kind,
          acks.size(),
          oldDuringCut,
          oldAfterHeal,
          lost,
          ms(lastOldDuringCut - cut),
          switchAt == 0 ? -1 : ms(switchAt - cut),
          ms(demotedAt - heal),
          !fin.equals(old.address()));
    } finally {
      if (writer != null) {
        writer.close();
      }
      if (partition != null) {
        partition.close();
      }
      if (kind.vigilAt(0) && !sentinels.isEmpty()) {
        fenceLog(sentinels.get(0), cut, heal);
      }
      sentinels.forEach(SentinelNode::close);
      nodes.forEach(ValkeyNode::close);
    }
  }

  private static SentinelLauncher vigil;

  /** The sidecar's shaded jar, as users run it (the heap the failover benchmark gives it). */
  private static synchronized SentinelLauncher vigil() {
    if (vigil == null) {
      if (VigilLauncher.shadedJar() == null) {
        throw new IllegalStateException(
            "sidecar/target/vigil-sidecar.jar is missing: build with mvn -DskipTests package");
      }
      vigil = VigilLauncher.script("96m");
    }
    return vigil;
  }

  static String host(int index) {
    return "127.0.0." + (11 + index);
  }

  /** The fence's own account from the primary's sidecar log, for the report. */
  private static void fenceLog(SentinelNode sidecar, long cut, long heal) {
    try {
      for (String line : Files.readAllLines(sidecar.logFile())) {
        if (line.matches(".*[+-](fence|switch-master|config-update-from|failover-end).*")) {
          KitLog.info("partition: " + sidecar.name() + ": " + line.strip());
        }
      }
    } catch (java.io.IOException e) {
      KitLog.info("partition: cannot read " + sidecar.logFile() + ": " + e);
    }
    if (cut != 0) {
      KitLog.info("partition: cut at " + wallTime(cut) + ", healed at " + wallTime(heal));
    }
  }

  /** A monotonic instant as the sidecars' logs show time. */
  private static java.time.LocalTime wallTime(long nanos) {
    long wall = System.currentTimeMillis() - ms(System.nanoTime() - nanos);
    return java.time.LocalTime.ofInstant(
        java.time.Instant.ofEpochMilli(wall), java.time.ZoneId.systemDefault());
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000L;
  }

  /** Asked from 127.0.0.1, which the partition leaves alone; null if it does not answer. */
  private static HostPort primaryNamedBy(SentinelNode s) {
    try {
      return s.sentinelClient().getMasterAddr(MASTER);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static HostPort agreedPrimary(List<SentinelNode> sentinels) {
    HostPort agreed = null;
    for (SentinelNode s : sentinels) {
      HostPort a = primaryNamedBy(s);
      if (a == null || (agreed != null && !agreed.equals(a))) {
        return null;
      }
      agreed = a;
    }
    return agreed;
  }

  private static String roleOf(ValkeyNode node) {
    try (RespClient c = node.client(Duration.ofMillis(500))) {
      Map<String, String> info = RespClient.parseInfo(c.callString("INFO", "replication"));
      return info.get("role");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** How many of the acknowledged keys the node has ({@code EXISTS} in batches). */
  private static int countExisting(ValkeyNode node, List<Ack> acks) {
    int found = 0;
    try (RespClient c = node.client()) {
      for (int from = 0; from < acks.size(); from += 500) {
        List<Ack> batch = acks.subList(from, Math.min(acks.size(), from + 500));
        String[] args = new String[batch.size() + 1];
        args[0] = "EXISTS";
        for (int i = 0; i < batch.size(); i++) {
          args[i + 1] = batch.get(i).key();
        }
        found += (int) c.callLong(args);
      }
    }
    KitLog.info("partition: " + found + " of " + acks.size() + " acknowledged keys on " + node);
    return found;
  }
}
