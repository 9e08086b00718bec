package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.agent.FailoverRun.AgentMode;
import org.junit.jupiter.api.Test;

/**
 * The matrix with real {@code valkey-sentinel}, plus the runs that need only one backend: the same
 * application without the agent fails (so the matrix can fail), dynamic attach into a running
 * application, and {@code WAIT 1} losing nothing.
 */
class AgentFailoverValkeySentinelIT extends AgentFailoverMatrix {
  @Override
  SentinelBackend backend() {
    return SentinelBackend.valkeySentinel();
  }

  @Test
  void withoutTheAgentTheSameApplicationFails() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(topology, "8.0.2", AgentMode.NONE, false, AGENT_OPTIONS);
    assertThrows(AssertionError.class, run::assertFailoverTransparent, run.summary());
  }

  @Test
  void dynamicAttachIntoARunningApplication() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(topology, "5.2.0", AgentMode.ATTACH, false, AGENT_OPTIONS);
    run.assertFailoverTransparent();
  }

  @Test
  void writesConfirmedWithWaitOneAreNeverLost() throws Exception {
    FailoverRun run =
        FailoverRun.killPrimary(topology, "3.10.0", AgentMode.PREMAIN, true, AGENT_OPTIONS);
    run.assertFailoverTransparent();
    assertEquals(0, run.lostBeforeSwitch, run.summary());
  }
}
