package dev.vigil.partition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.partition.PartitionScenario.Kind;
import dev.vigil.partition.PartitionScenario.Result;
import dev.vigil.partition.PartitionScenario.Settings;
import dev.vigil.testkit.NetworkPartition;
import dev.vigil.testkit.TestKitExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partition scenario ({@link PartitionScenario}) once per side, shortened for CI: a 6 s cut
 * with down-after 2000, 100 writes/s. The three-run, 15 s version with its figures is {@code
 * ./bench partition} (docs/benchmarks.md).
 */
@ExtendWith(TestKitExtension.class)
class PartitionIT {
  static final Settings SETTINGS =
      new Settings(Duration.ofSeconds(6), Duration.ofMillis(2000), 100);

  @BeforeAll
  static void needsPartitions() {
    String why = NetworkPartition.unavailableReason();
    Assumptions.assumeTrue(why == null, "PartitionIT skipped: " + why);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void realSentinelsLoseTheWritesOfThePartition() throws Exception {
    Result r = PartitionScenario.run(Kind.SENTINEL, SETTINGS);
    System.out.println("PartitionIT " + r.line());
    assertTrue(r.failedOver(), "the majority side promoted a replica: " + r.line());
    assertTrue(r.lost() > 0, "without fencing the isolated primary's writes are lost: " + r.line());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void vigil() throws Exception {
    Result r = PartitionScenario.run(Kind.VIGIL, SETTINGS);
    System.out.println("PartitionIT " + r.line());
    assertTrue(r.failedOver(), "the majority side promoted a replica: " + r.line());
  }
}
