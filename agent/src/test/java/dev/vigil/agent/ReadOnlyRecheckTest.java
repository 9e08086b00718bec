package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.sentinel.FakeSentinel;
import dev.vigil.agent.sentinel.SentinelAccess;
import dev.vigil.agent.sentinel.SentinelFollower;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A READONLY reply makes the agent ask the sentinels at once instead of at the next interval; other
 * errors do not.
 */
class ReadOnlyRecheckTest {
  @Test
  void readOnlyErrorTriggersAnImmediateCheck() throws Exception {
    try (FakeSentinel sentinel = new FakeSentinel("10.0.0.1", 6379, 1)) {
      PoolManager manager = new PoolManager(Arrays.asList("mymaster"), true);
      SentinelFollower follower =
          new SentinelFollower(
              Arrays.asList(new HostPort("127.0.0.1", sentinel.port())),
              Arrays.asList("mymaster"),
              new SentinelAccess(null, null),
              600_000, // the periodic check cannot be what finds the change
              manager);
      manager.setFollower(follower);
      MasterGroup group = manager.groups().get(0);
      follower.start();
      try {
        awaitPrimary(group, new HostPort("10.0.0.1", 6379));
        // A failover whose +switch-master this agent never saw.
        sentinel.setPrimary("10.0.0.2", 6380, 2);
        manager.dataError(
            new RuntimeException("READONLY You can't write against a read only replica."));
        awaitPrimary(group, new HostPort("10.0.0.2", 6380));
        assertEquals(1, group.switchCount());
      } finally {
        follower.stop();
      }
    }
  }

  /**
   * Only READONLY means the primary moved. (Checked on the decision itself: that another error
   * leads to no check cannot be observed by waiting, a check is asynchronous and may come late.)
   */
  @Test
  void onlyAReadOnlyErrorMeansThePrimaryMoved() {
    assertTrue(
        PoolManager.meansPrimaryMoved(
            new RuntimeException("READONLY You can't write against a read only replica.")));
    assertFalse(PoolManager.meansPrimaryMoved(new RuntimeException("ERR something else")));
    assertFalse(PoolManager.meansPrimaryMoved(new RuntimeException("LOADING dataset")));
    assertFalse(PoolManager.meansPrimaryMoved(new RuntimeException((String) null)));
  }

  private static void awaitPrimary(MasterGroup group, HostPort expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!expected.equals(group.primary())) {
      assertTrue(
          System.nanoTime() < deadline,
          "primary stayed " + group.primary() + ", expected " + expected);
      Thread.sleep(10);
    }
  }
}
