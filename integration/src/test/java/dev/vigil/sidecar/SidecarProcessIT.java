package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestKitExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sidecar as an operating-system process: start-up, SIGTERM, bad config, crash. */
@ExtendWith(TestKitExtension.class)
class SidecarProcessIT {
  @Test
  void startsQuicklyAndStopsCleanlyOnSigterm() throws Exception {
    assumeTrue(VigilLauncher.isVigil(), "Vigil-specific log lines");
    try (ReplicationGroup group = ReplicationGroup.start(0)) {
      long begin = System.nanoTime();
      SentinelNode sidecar = SidecarCluster.sidecar("sidecar", group.primary());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      KitLog.info("sidecar JVM answered PING " + ms + " ms after launch");
      try {
        String myid = String.valueOf(sidecar.call("SENTINEL", "MYID"));
        ManagedProcess process = sidecar.process();
        sidecar.stop(); // SIGTERM
        assertEquals(0, process.exitCode());
        String log = Files.readString(sidecar.logFile(), StandardCharsets.UTF_8);
        assertTrue(log.contains("# User requested shutdown..."), log);
        assertTrue(log.contains("# Sentinel is now ready to exit, bye bye..."), log);
        assertTrue(
            Files.readString(sidecar.configFile()).contains("sentinel myid " + myid),
            "the config was flushed");
      } finally {
        sidecar.close();
      }
    }
  }

  /**
   * The libraries' own logging (Netty, Dropwizard Metrics through SLF4J) must not put warnings on
   * the operator's terminal: without an SLF4J provider in the jar every start printed SLF4J's
   * three-line "No SLF4J providers were found" warning to stderr, when the metrics started.
   */
  @Test
  void startUpWritesNoLibraryWarningsToStderr() throws Exception {
    assumeTrue(VigilLauncher.isVigil(), "Vigil-specific output");
    try (ReplicationGroup group = ReplicationGroup.start(0)) {
      SentinelNode sidecar =
          SidecarCluster.sidecar(
              "quiet", group.primary(), "vigil jolokia-port " + FreePorts.allocate());
      try {
        // The management plane (metrics, JMX, Jolokia) starts after the port opens; its last
        // log line says it is up, so every library has initialised its logging by then.
        Await.until(
            "the management plane started",
            Duration.ofSeconds(30),
            () -> readLog(sidecar).contains("* Jolokia agent at "),
            () -> sidecar.logTail(30));
        ManagedProcess process = sidecar.process();
        sidecar.stop(); // SIGTERM
        assertEquals(0, process.exitCode());
        String output = Files.readString(process.output(), StandardCharsets.UTF_8);
        assertFalse(output.contains("SLF4J"), output);
      } finally {
        sidecar.close();
      }
    }
  }

  private static String readLog(SentinelNode node) {
    try {
      return Files.readString(node.logFile(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void badConfigLineStopsStartUpWithExitCodeOne() throws Exception {
    assumeTrue(VigilLauncher.isVigil(), "runs the launcher directly");
    Path dir = TempDirs.create("vigil-badconf");
    try {
      Path conf = dir.resolve("sentinel.conf");
      Files.writeString(conf, "port 26379\nsentinel monitor mymaster 127.0.0.1 6379 0\n");
      List<String> command = new ArrayList<>(VigilLauncher.get().command(conf));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, p.exitValue(), out);
      assertTrue(out.contains("*** FATAL CONFIG FILE ERROR (Version 8.0.1) ***"), out);
      // Like valkey-sentinel: the line number, the offending line and the problem; Vigil also
      // names the file, so an operator with several sidecars knows which config to fix.
      assertTrue(out.contains("Reading the configuration file, at line 2"), out);
      assertTrue(out.contains(">>> 'sentinel monitor mymaster 127.0.0.1 6379 0'"), out);
      assertTrue(out.contains("Quorum must be 1 or greater."), out);
      assertTrue(out.contains("Configuration file: " + conf.toAbsolutePath()), out);
    } finally {
      TempDirs.delete(dir);
    }
  }

  @Test
  void simulatedCrashAfterElectionExitsWith99() throws Exception {
    try (ReplicationGroup group = ReplicationGroup.start(1)) {
      SentinelNode sidecar =
          SentinelNode.builder()
              .name("crashing")
              .launcher(VigilLauncher.get())
              .monitor(MASTER, group.primary().address(), 1)
              .startTimeout(Duration.ofSeconds(20))
              .start();
      try {
        assertEquals(
            "OK",
            String.valueOf(sidecar.call("SENTINEL", "SIMULATE-FAILURE", "crash-after-election")));
        ManagedProcess process = sidecar.process();
        group.primary().kill9();
        assertTrue(process.waitFor(Duration.ofSeconds(30)), "crashed");
        assertEquals(99, process.exitCode());
        assertTrue(
            Files.readString(sidecar.logFile())
                .contains("Sentinel CRASH because of SENTINEL simulate-failure"));
      } finally {
        sidecar.close();
      }
    }
  }
}
