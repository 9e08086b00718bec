package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.agent.FailoverRun.AgentMode;
import org.junit.jupiter.api.Test;

/**
 * The matrix with real {@code valkey-sentinel}, plus the runs that need only one backend: the same
 * application without the agent fails (so the matrix can fail), dynamic attach into a running
 * application (attach API and jcmd), and {@code WAIT 1} losing nothing.
 */
class AgentFailoverValkeySentinelIT extends AgentFailoverMatrix {
  @Override
  SentinelBackend backend() {
    return SentinelBackend.valkeySentinel();
  }

  @Test
  void withoutTheAgentTheSameApplicationFails() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology, JedisMatrix.jedis("8.0.2"), AgentMode.NONE, false, AGENT_OPTIONS);
    assertThrows(AssertionError.class, run::assertFailoverTransparent, run.summary());
  }

  /**
   * The old primary stays up after {@code SENTINEL FAILOVER}: without the agent the application
   * keeps writing to it, and those acknowledged writes are missing on the new primary; with the
   * agent none is.
   */
  @Test
  void noWriteLandsOnTheOldPrimaryAfterTheSwitch() throws Exception {
    FailoverRun plain =
        FailoverRun.manualFailover(
            topology, JedisMatrix.jedis("5.2.0"), AgentMode.NONE, AGENT_OPTIONS);
    org.junit.jupiter.api.Assertions.assertFalse(
        plain.missingAfterSwitch.isEmpty(),
        "without the agent, writes after the switch should reach the old primary: "
            + plain.summary());
    FailoverRun agent =
        FailoverRun.manualFailover(
            topology, JedisMatrix.jedis("5.2.0"), AgentMode.PREMAIN, AGENT_OPTIONS);
    agent.assertWritesRecoverBy(agent.failover.switchMillis(), FailoverRun.SWITCH_BUDGET_MS, 100);
    agent.assertAgentBeanReports();
  }

  @Test
  void dynamicAttachIntoARunningApplication() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology, JedisMatrix.jedis("5.2.0"), AgentMode.ATTACH, false, AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }

  @Test
  void dynamicAttachWithJcmdAndAnOptionsFile() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology, JedisMatrix.jedis("7.5.3"), AgentMode.ATTACH_JCMD, false, AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }

  /** The agent is built for Java 8 and must also instrument applications on the newest JDK. */
  @Test
  void theAgentWorksInAnApplicationOnANewerJdk() throws Exception {
    java.nio.file.Path jdk =
        JedisMatrix.newerJdk()
            .orElseThrow(
                () ->
                    new org.opentest4j.TestAbortedException(
                        "no JDK newer than "
                            + Runtime.version().feature()
                            + " under /usr/lib/jvm: newer-runtime run skipped"));
    FailoverRun run =
        FailoverRun.killPrimaryOnJava(topology, jdk, JedisMatrix.jedis("8.0.2"), AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }

  @Test
  void writesConfirmedWithWaitOneAreNeverLost() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(
            topology, JedisMatrix.jedis("3.10.0"), AgentMode.PREMAIN, true, AGENT_OPTIONS);
    run.assertFailoverTransparent();
    assertEquals(0, run.lostBeforeSwitch, run.summary());
  }
}
