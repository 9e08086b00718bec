package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.FailoverRun.AgentMode;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.TestKitExtension;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code +switch-master} the agent never receives: its only sentinel link is cut (silently, as a
 * network fault does) just before the primary is killed and comes back only after the failover.
 * Sentinel never repeats the message; the agent must find the new primary by asking again.
 */
@ExtendWith(TestKitExtension.class)
class AgentMissedSwitchMessageIT {
  private static final long CHECK_INTERVAL_MS = 1000;
  private static final long OUTAGE_AFTER_SWITCH_MS = 1500;
  private static SharedTopology topology;
  private static FreezableProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    topology = SharedTopology.start(SentinelBackend.valkeySentinel());
    HostPort sentinel = topology.sentinelAddresses().get(0);
    proxy = new FreezableProxy(sentinel.host(), sentinel.port());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (topology != null) {
      topology.close();
    }
  }

  @Test
  void periodicCheckRecoversAMissedSwitch() throws Exception {
    AtomicLong restoredAt = new AtomicLong();
    String agentArgs =
        "sentinels=127.0.0.1:"
            + proxy.port()
            + ",master="
            + SharedTopology.MASTER
            + ",checkIntervalMs="
            + CHECK_INTERVAL_MS;
    FailoverRun run =
        FailoverRun.killPrimary(
            topology,
            JedisMatrix.jedis("8.0.2"),
            AgentMode.PREMAIN,
            false,
            agentArgs,
            new FailoverRun.Hooks() {
              @Override
              public void beforeKill() {
                proxy.cut();
              }

              @Override
              public void afterSwitch(SharedTopology.Failover failover) {
                // The message has been published and missed. The outage lasts a while longer (the
                // scenario, not synchronisation), then new connections get through again.
                try {
                  Thread.sleep(OUTAGE_AFTER_SWITCH_MS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                proxy.acceptNewConnections();
                restoredAt.set(System.currentTimeMillis());
              }
            });
    KitLog.info(
        "link restored "
            + (restoredAt.get() - run.failover.switchMillis())
            + " ms after the switch");
    assertTrue(
        run.appLog.contains("(check of"),
        "the agent learned the new primary from a check, not from the message:\n" + run.tail());
    assertTrue(
        !run.appLog.contains("(+switch-master"),
        "the message should have been missed:\n" + run.tail());
    // One check interval, plus the check itself and the redirect.
    run.assertWritesRecoverBy(restoredAt.get(), CHECK_INTERVAL_MS + 1000);
  }
}
