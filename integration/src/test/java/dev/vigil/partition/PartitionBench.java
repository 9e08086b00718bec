package dev.vigil.partition;

import dev.vigil.partition.PartitionScenario.Kind;
import dev.vigil.partition.PartitionScenario.Result;
import dev.vigil.partition.PartitionScenario.Settings;
import dev.vigil.testkit.NetworkPartition;
import dev.vigil.testkit.TestKitExtension;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partition benchmark ({@code ./bench partition}, docs/benchmarks.md "partition"): {@link
 * PartitionScenario} three times per kind with a 15 s cut, down-after 2000, 100 writes/s; prints
 * the figures of every run and medians [min..max], asserts nothing, and writes them to {@code
 * integration/target/partition-bench.txt}. Kinds alternate run by run so all see the same load.
 *
 * <p>{@code -Dbench.runs=3}, {@code -Dbench.partition.seconds=15}, {@code
 * -Dbench.kinds=vigil,vigil-nofence,sentinel,vigil+sentinel}.
 */
@ExtendWith(TestKitExtension.class)
class PartitionBench {
  private final int runs = Integer.getInteger("bench.runs", 3);
  private final int seconds = Integer.getInteger("bench.partition.seconds", 15);
  private final List<Kind> kinds =
      Arrays.stream(
              System.getProperty("bench.kinds", "vigil,vigil-nofence,sentinel,vigil+sentinel")
                  .split(","))
          .map(String::trim)
          .map(PartitionBench::kind)
          .toList();

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void benchmark() throws Exception {
    String why = NetworkPartition.unavailableReason();
    Assumptions.assumeTrue(why == null, "partition benchmark skipped: " + why);
    Settings settings = new Settings(Duration.ofSeconds(seconds), Duration.ofMillis(2000), 100);
    Path file = Paths.get(System.getProperty("basedir", ".")).resolve("target/partition-bench.txt");
    Files.createDirectories(file.getParent());
    List<Result> results = new ArrayList<>();
    try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, "UTF-8")) {
      say(
          out,
          "Partition benchmark: %d run(s) per kind, %d s cut of {primary + its sentinel + writer}"
              + " from {2 replicas + their sentinels}, down-after-milliseconds 2000, 100 writes/s,"
              + " %d CPU(s), %s",
          runs,
          seconds,
          Runtime.getRuntime().availableProcessors(),
          java.time.Instant.now());
      for (int i = 1; i <= runs; i++) {
        for (Kind kind : kinds) {
          try {
            Result r = PartitionScenario.run(kind, settings);
            results.add(r);
            say(out, "run %d %s", i, r.line());
          } catch (Exception | AssertionError e) {
            say(out, "run %d %-15s FAILED: %s", i, kind.label, e.getMessage());
          }
        }
      }
      say(out, "");
      say(out, "medians [min..max] per kind:");
      say(
          out,
          "| kind | acknowledged writes lost | isolated primary's last ack after the cut (ms) |"
              + " old primary demoted after the heal (ms) | majority switch after the cut (ms) |");
      say(out, "|---|---|---|---|---|");
      for (Kind kind : kinds) {
        List<Result> of = results.stream().filter(r -> r.kind() == kind).toList();
        if (of.isEmpty()) {
          continue;
        }
        say(
            out,
            "| %s | %s | %s | %s | %s |",
            kind.label,
            stat(of, Result::lost),
            stat(of, Result::oldAcceptMs),
            stat(of, Result::demoteMs),
            stat(of, Result::switchMs));
      }
    }
  }

  private static String stat(List<Result> of, ToLongFunction<Result> f) {
    long[] v = of.stream().mapToLong(f).sorted().toArray();
    return v[v.length / 2] + " [" + v[0] + ".." + v[v.length - 1] + "]";
  }

  private static void say(PrintStream out, String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    out.println(line);
  }

  private static Kind kind(String label) {
    for (Kind k : Kind.values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kind " + label + " in bench.kinds");
  }
}
