package dev.vigil.agent.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.HostPort;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The follower against two fake sentinels: every sentinel subscribed, messages, sentinels leaving.
 */
class SentinelFollowerTest {
  private final BlockingQueue<String> switches = new LinkedBlockingQueue<>();
  private final BlockingQueue<List<MasterAnswer>> checks = new LinkedBlockingQueue<>();

  private final SentinelFollower.Listener listener =
      new SentinelFollower.Listener() {
        @Override
        public void checked(List<MasterAnswer> answers, int sentinelsReached) {
          checks.add(answers);
        }

        @Override
        public void switchMaster(
            HostPort sentinel, String masterName, HostPort oldPrimary, HostPort newPrimary) {
          switches.add(masterName + " " + oldPrimary + " -> " + newPrimary);
        }
      };

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  @Test
  void subscribesEverywhereFollowsMessagesAndSurvivesASentinelLeaving() throws Exception {
    try (FakeSentinel a = new FakeSentinel("10.0.0.1", 6379, 1);
        FakeSentinel b = new FakeSentinel("10.0.0.1", 6379, 1)) {
      SentinelFollower follower =
          new SentinelFollower(
              Arrays.asList(
                  new HostPort("127.0.0.1", a.port()), new HostPort("127.0.0.1", b.port())),
              Arrays.asList("mymaster"),
              new SentinelAccess(null, null),
              200,
              listener);
      follower.start();
      try {
        await("both subscriptions", () -> a.subscriberCount() == 1 && b.subscriberCount() == 1);
        List<MasterAnswer> first = checks.poll(10, TimeUnit.SECONDS);
        assertEquals(new HostPort("10.0.0.1", 6379), first.get(0).primary());
        assertEquals(1, first.get(0).configEpoch());

        b.publish("mymaster 10.0.0.1 6379 10.0.0.2 6380");
        b.publish("othermaster 10.0.0.7 1 10.0.0.8 2"); // not configured: ignored
        assertEquals(
            "mymaster 10.0.0.1:6379 -> 10.0.0.2:6380", switches.poll(10, TimeUnit.SECONDS));

        a.close(); // one sentinel goes away; the other keeps answering the periodic checks
        b.setPrimary("10.0.0.3", 6381, 2);
        checks.clear();
        await(
            "a check that reaches the remaining sentinel",
            () -> {
              List<MasterAnswer> answers = checks.poll();
              return answers != null
                  && answers.size() == 1
                  && answers.get(0).primary().equals(new HostPort("10.0.0.3", 6381));
            });
        await(
            "only the remaining sentinel connected",
            () -> follower.connectedSentinels().equals(Arrays.asList("127.0.0.1:" + b.port())));
        assertTrue(switches.isEmpty(), "no switch from the unconfigured group: " + switches);
      } finally {
        follower.stop();
      }
    }
  }
}
