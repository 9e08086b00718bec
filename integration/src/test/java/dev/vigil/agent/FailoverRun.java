package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.JavaProcess;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.RespClient;
import dev.vigil.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One failover observed through a legacy application: start the application on one client version
 * (with the agent at start, attached later, or without it), let it write to the primary by address,
 * fail the primary over, let it write on, stop it, and compare what it saw acknowledged with what
 * the new primary holds.
 */
final class FailoverRun {
  /** How the agent gets into the application. */
  enum AgentMode {
    NONE,
    PREMAIN,
    ATTACH,
    /** {@code jcmd <pid> JVMTI.agent_load} with the options in a file. */
    ATTACH_JCMD
  }

  /** Budget from {@code +switch-master} until every write succeeds on the new primary. */
  static final long SWITCH_BUDGET_MS = 1000;

  private static final AtomicLong RUNS = new AtomicLong();

  final JedisMatrix.ClientVersion client;
  final SharedTopology.Failover failover;
  final AppOutput output;
  final String appLog;
  final List<AppOutput.Write> missingAfterSwitch;
  final int lostBeforeSwitch;

  private FailoverRun(
      JedisMatrix.ClientVersion client,
      SharedTopology.Failover failover,
      AppOutput output,
      String appLog,
      List<AppOutput.Write> missingAfterSwitch,
      int lostBeforeSwitch) {
    this.client = client;
    this.failover = failover;
    this.output = output;
    this.appLog = appLog;
    this.missingAfterSwitch = missingAfterSwitch;
    this.lostBeforeSwitch = lostBeforeSwitch;
  }

  /** Runs the scenario with the primary SIGKILLed, after healing the topology from earlier runs. */
  static FailoverRun killPrimary(
      SharedTopology topology,
      JedisMatrix.ClientVersion client,
      AgentMode mode,
      boolean confirmWithWait,
      String agentOptions)
      throws Exception {
    return killPrimary(
        topology, client, mode, confirmWithWait, topology.agentArgs(agentOptions), Hooks.NONE);
  }

  /** Test-specific steps around the kill (e.g. cutting the agent's sentinel link). */
  interface Hooks {
    Hooks NONE = new Hooks() {};

    default void beforeKill() {}

    /** Called once {@code +switch-master} was seen; returns when the run may go on. */
    default void afterSwitch(SharedTopology.Failover failover) {}
  }

  /** As above with the full agent argument string and hooks around the kill. */
  static FailoverRun killPrimary(
      SharedTopology topology,
      JedisMatrix.ClientVersion client,
      AgentMode mode,
      boolean confirmWithWait,
      String agentArgs,
      Hooks hooks)
      throws Exception {
    return run(topology, client, mode, confirmWithWait, agentArgs, hooks, true, null);
  }

  /** A SIGKILL run with the agent at start, the application on another JDK ({@code javaHome}). */
  static FailoverRun killPrimaryOnJava(
      SharedTopology topology, Path javaHome, JedisMatrix.ClientVersion client, String agentOptions)
      throws Exception {
    return run(
        topology,
        client,
        AgentMode.PREMAIN,
        false,
        topology.agentArgs(agentOptions),
        Hooks.NONE,
        true,
        javaHome);
  }

  /**
   * {@code SENTINEL FAILOVER} instead of a kill: the old primary stays up (and a primary) for
   * seconds, so a write that still reaches it is acknowledged and then lost when Sentinel demotes
   * it.
   */
  static FailoverRun manualFailover(
      SharedTopology topology,
      JedisMatrix.ClientVersion client,
      AgentMode mode,
      String agentOptions)
      throws Exception {
    return run(
        topology, client, mode, false, topology.agentArgs(agentOptions), Hooks.NONE, false, null);
  }

  private static FailoverRun run(
      SharedTopology topology,
      JedisMatrix.ClientVersion client,
      AgentMode mode,
      boolean confirmWithWait,
      String agentArgs,
      Hooks hooks,
      boolean kill,
      Path javaHome)
      throws Exception {
    topology.heal(); // whatever happened before (a failed run, a spurious failover), start clean
    String prefix = "r" + RUNS.incrementAndGet() + "-" + client.version();
    Path dir = TempDirs.create("vigil-agent-run");
    Path stopFile = dir.resolve("stop");
    JavaProcess.Builder builder =
        JavaProcess.builder(LegacyJedisApp.class.getName())
            .name("legacy-app-" + client.client() + "-" + client.version() + "-" + mode)
            .classPath(JedisMatrix.classPath(client))
            .jvmArgs("-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:off");
    if (javaHome != null) {
      builder.javaHome(javaHome);
    }
    if (mode == AgentMode.PREMAIN) {
      builder.jvmArgs(JedisMatrix.javaagent(agentArgs));
    }
    builder.args(
        "package=" + client.packageName(),
        "host=" + topology.primary().host(),
        "port=" + topology.primary().port(),
        "hold=2",
        "wait=" + confirmWithWait,
        "prefix=" + prefix,
        "stopFile=" + stopFile);
    try (JavaProcess app = builder.start()) {
      app.waitForLine("^READY", Duration.ofSeconds(30));
      if (mode == AgentMode.ATTACH || mode == AgentMode.ATTACH_JCMD) {
        if (mode == AgentMode.ATTACH) {
          JedisMatrix.attach(app.pid(), agentArgs);
        } else {
          JedisMatrix.attachWithJcmd(app.pid(), agentArgs, dir);
        }
        app.waitForLine("\\[vigil-agent\\] INFO started \\(attached", Duration.ofSeconds(30));
      }
      Await.until(
          "the application acknowledges writes", Duration.ofSeconds(20), () -> acks(app) >= 20);

      hooks.beforeKill();
      SharedTopology.Failover failover =
          kill ? topology.killPrimaryAndAwaitSwitch() : topology.manualFailover();
      hooks.afterSwitch(failover);
      long until =
          Math.max(failover.switchMillis(), System.currentTimeMillis()) + SWITCH_BUDGET_MS + 1000;
      Await.until(
          "the application reports writes up to 1 s past the switch budget",
          Duration.ofSeconds(20),
          () -> lastReportMillis(app) > until);
      Files.createFile(Path.of(stopFile + ".held"));
      Await.until(
          "held connections used", Duration.ofSeconds(10), () -> app.output().contains("HELD 1"));
      Files.createFile(stopFile);
      assertEquals(0, app.waitForExit(Duration.ofSeconds(30)), app.outputTail(40));
      String log = app.output();
      HostPort primaryNow =
          Await.value(
              "the sentinels agree on a primary",
              Duration.ofSeconds(15),
              topology::agreedPrimary,
              java.util.Objects::nonNull);
      assertEquals(
          failover.newPrimary(),
          primaryNow,
          "the sentinels failed over a second time during the run (or disagree), so this run does"
              + " not show one failover: "
              + failover
              + "\n"
              + app.outputTail(20));
      AppOutput output = new AppOutput(log);
      FailoverRun run = measure(topology, client, failover, output, log, prefix);
      KitLog.info(run.summary());
      return run;
    } finally {
      deleteQuietly(dir);
    }
  }

  private static FailoverRun measure(
      SharedTopology topology,
      JedisMatrix.ClientVersion client,
      SharedTopology.Failover failover,
      AppOutput output,
      String log,
      String prefix) {
    List<AppOutput.Write> missingAfter = new ArrayList<>();
    int lostBefore = 0;
    try (RespClient primary = RespClient.connect(failover.newPrimary())) {
      for (AppOutput.Write write : output.writes()) {
        if (!write.acked()) {
          continue;
        }
        boolean present = primary.callLong("EXISTS", write.key(prefix)) == 1;
        if (!present && write.millis() >= failover.switchMillis()) {
          missingAfter.add(write);
        } else if (!present) {
          lostBefore++;
        }
      }
    }
    return new FailoverRun(client, failover, output, log, missingAfter, lostBefore);
  }

  /**
   * The agent's promise: within the budget every writer succeeds, and nothing acknowledged is lost.
   */
  void assertFailoverTransparent() {
    assertWritesRecoverBy(failover.switchMillis(), SWITCH_BUDGET_MS);
    assertAgentBeanReports();
  }

  /** The agent's MBean, read inside the application at its end, tells the same story. */
  void assertAgentBeanReports() {
    String expected =
        "MBEAN "
            + SharedTopology.MASTER
            + " CurrentPrimary="
            + failover.newPrimary()
            + " SwitchCount=1 PoolsManaged="
            + output.writers().size()
            + " ConnectionsEvicted=";
    assertTrue(
        appLog.lines().anyMatch(l -> l.startsWith(expected)),
        "expected a line starting with '" + expected + "'\n" + tail());
  }

  /**
   * Every writer has a write acknowledged within {@code budgetMs} of {@code switchAt} and none
   * failed after that; everything acknowledged after the switch is on the new primary.
   */
  void assertWritesRecoverBy(long switchAt, long budgetMs) {
    assertWritesRecoverBy(switchAt, budgetMs, 0);
  }

  /**
   * As above, but a write acknowledged less than {@code graceMs} after the switch may be missing:
   * when the old primary is still up, a write in flight while the agent receives {@code
   * +switch-master} (the same moment the test does) can still reach it.
   */
  void assertWritesRecoverBy(long switchAt, long budgetMs, long graceMs) {
    long budgetEnd = switchAt + budgetMs;
    assertTrue(output.writers().contains("pool"), "no pool writer output\n" + tail());
    for (String writer : output.writers()) {
      List<AppOutput.Write> writes = output.of(writer);
      AppOutput.Write firstAckAfterSwitch =
          writes.stream().filter(w -> w.acked() && w.millis() >= switchAt).findFirst().orElse(null);
      assertTrue(
          firstAckAfterSwitch != null && firstAckAfterSwitch.millis() <= budgetEnd,
          writer
              + " writer: first write acknowledged after the switch at "
              + switchAt
              + " was "
              + firstAckAfterSwitch
              + "\n"
              + tail());
      List<AppOutput.Write> lateErrors =
          writes.stream().filter(w -> !w.acked() && w.millis() > budgetEnd).toList();
      assertTrue(
          lateErrors.isEmpty(),
          writer + " writer failed after the budget: " + lateErrors + "\n" + tail());
      assertTrue(
          writes.stream().anyMatch(w -> w.acked() && w.millis() > budgetEnd),
          writer + " writer wrote nothing after the budget\n" + tail());
    }
    assertTrue(
        missingAfterSwitch.stream().noneMatch(w -> w.millis() >= failover.switchMillis() + graceMs),
        "acknowledged after the switch but missing on the new primary: " + missingAfterSwitch);
  }

  String summary() {
    long switchAt = failover.switchMillis();
    StringBuilder text = new StringBuilder();
    text.append(client)
        .append(": ")
        .append(failover.oldPrimary())
        .append(" -> ")
        .append(failover.newPrimary());
    text.append(", switch ").append(switchAt - failover.killMillis()).append(" ms after the kill");
    for (String writer : output.writers()) {
      List<AppOutput.Write> writes = output.of(writer);
      long acked = writes.stream().filter(AppOutput.Write::acked).count();
      long failed = writes.size() - acked;
      String firstAck =
          writes.stream()
              .filter(w -> w.acked() && w.millis() >= switchAt)
              .findFirst()
              .map(w -> (w.millis() - switchAt) + " ms")
              .orElse("never");
      text.append("; ")
          .append(writer)
          .append(": ")
          .append(acked)
          .append(" acked, ")
          .append(failed)
          .append(" failed, first ack after switch ")
          .append(firstAck);
    }
    text.append("; lost to async replication (acked before the switch, missing after): ")
        .append(lostBeforeSwitch);
    text.append("; acked after the switch but missing: ").append(missingAfterSwitch.size());
    text.append("; held connections: ").append(output.heldLines());
    return text.toString();
  }

  String tail() {
    String[] lines = appLog.split("\n");
    StringBuilder agentLines = new StringBuilder();
    for (String line : lines) {
      if (line.contains("[vigil-agent]")) {
        agentLines.append(line).append('\n');
      }
    }
    appLog
        .lines()
        .filter(l -> l.startsWith("MBEAN"))
        .forEach(l -> agentLines.append(l).append('\n'));
    return summary() + "\n--- agent log ---\n" + agentLines;
  }

  private static long acks(JavaProcess app) {
    return app.output().lines().filter(l -> l.startsWith("ACK ")).count();
  }

  private static long lastReportMillis(JavaProcess app) {
    long last = 0;
    for (String line : app.output().split("\n")) {
      String[] parts = line.split(" ", 5);
      if (parts.length >= 4 && (parts[0].equals("ACK") || parts[0].equals("ERR"))) {
        try {
          last = Math.max(last, Long.parseLong(parts[3]));
        } catch (NumberFormatException ignored) {
          // Interleaved line.
        }
      }
    }
    return last;
  }

  private static void deleteQuietly(Path dir) {
    try {
      TempDirs.delete(dir);
    } catch (UncheckedIOException | IllegalStateException e) {
      // Temp dirs are also removed with the build directory.
    }
  }

  static void touch(Path file) {
    try {
      Files.createFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
