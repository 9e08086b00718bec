package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestKitExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sentinel's scripts run by sidecar JVMs against real servers: the notification script sees the
 * failover's events, the client-reconfig script the leader's and observers' switch, and {@code
 * SENTINEL PENDING-SCRIPTS} a script that runs too long until it is killed.
 */
@ExtendWith(TestKitExtension.class)
class SidecarScriptsIT {
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Path dir;

  @BeforeEach
  void createDir() {
    dir = TempDirs.create("vigil-scripts");
  }

  @AfterEach
  void deleteDir() {
    TempDirs.delete(dir);
  }

  /** A script that appends its arguments, one run per line, to {@code log}. */
  private Path recorder(String name, Path log) {
    return script(name, "#!/bin/sh\necho \"$@\" >> '" + log + "'\n");
  }

  private Path script(String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, text);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).count();
  }

  @Test
  void scriptsSeeTheFailoverOfAKilledPrimary() {
    Path notifications = dir.resolve("notifications.log");
    Path reconfigurations = dir.resolve("reconfigurations.log");
    Path notify = recorder("notify.sh", notifications);
    Path reconfig = recorder("reconfig.sh", reconfigurations);
    try (SidecarCluster cluster =
        SidecarCluster.start(
            2,
            3,
            "sentinel notification-script " + MASTER + " " + notify,
            "sentinel client-reconfig-script " + MASTER + " " + reconfig)) {
      HostPort old = cluster.primary().address();
      String oldAt = MASTER + " " + old.host() + " " + old.port();
      Await.until(
          "+monitor from every sidecar",
          TIMEOUT,
          () -> count(lines(notifications), "+monitor master " + oldAt + " quorum 2") == 3);
      try (SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
        cluster.primary().kill9();
        String[] parts =
            events
                .awaitMessage("+switch-master", m -> m.startsWith(oldAt + " "), FAILOVER_TIMEOUT)
                .message()
                .split(" ");
        String fromTo = old.host() + " " + old.port() + " " + parts[3] + " " + parts[4];

        Await.until(
            "every sidecar's +switch-master notification",
            TIMEOUT,
            () -> count(lines(notifications), "+switch-master " + MASTER + " " + fromTo) == 3,
            () -> String.join("\n", lines(notifications)));
        List<String> seen = lines(notifications);
        assertTrue(count(seen, "+sdown master " + oldAt) >= 1, String.join("\n", seen));
        assertTrue(count(seen, "+odown master " + oldAt + " #quorum ") >= 1, seen.toString());
        assertTrue(count(seen, "+try-failover master " + oldAt) >= 1, seen.toString());
        assertTrue(count(seen, "+elected-leader master " + oldAt) >= 1, seen.toString());
        assertTrue(count(seen, "+promoted-slave slave ") >= 1, seen.toString());
        assertEquals(0, count(seen, "+slave "), "NOTICE events run no script: " + seen);

        // The leader runs it at the promotion, the two others when a hello tells them.
        Await.until(
            "three client-reconfig runs",
            TIMEOUT,
            () -> lines(reconfigurations).size() == 3,
            () -> String.join("\n", lines(reconfigurations)));
        List<String> runs = new ArrayList<>(lines(reconfigurations));
        assertEquals(
            List.of(MASTER + " leader start " + fromTo),
            runs.stream().filter(l -> l.contains(" leader ")).toList(),
            runs.toString());
        assertEquals(
            List.of(MASTER + " observer start " + fromTo, MASTER + " observer start " + fromTo),
            runs.stream().filter(l -> !l.contains(" leader ")).toList(),
            runs.toString());
      }
    }
  }

  /** The same steps against the real sentinel show that the reply shapes and events match. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vigil", "sentinel"})
  void pendingScriptsShowsASlowScriptRunningUntilItIsKilledAndRetried(String kind) {
    Path slow = script("slow.sh", "#!/bin/sh\nexec sleep 20\n");
    try (ReplicationGroup group = ReplicationGroup.start(0);
        SentinelNode sidecar =
            SentinelNode.builder()
                .name(kind)
                .launcher(kind.equals("vigil") ? VigilLauncher.get() : ServerBinaries.sentinel())
                // A long down-after: no +sdown of a slow-to-answer primary on a busy machine adds
                // a second notification to the queue.
                .monitor(MASTER, group.primary().address(), 2, Duration.ofSeconds(60), TIMEOUT)
                .config("sentinel notification-script " + MASTER + " " + slow)
                .startTimeout(TIMEOUT)
                .start()) {
      HostPort primary = group.primary().address();
      List<String> argv =
          List.of(
              slow.toString(),
              "+monitor",
              "master " + MASTER + " " + primary.host() + " " + primary.port() + " quorum 2");
      List<?> job =
          Await.value(
              "the +monitor notification running",
              TIMEOUT,
              () -> firstJob(sidecar),
              j -> j != null && "running".equals(j.get(3)));
      assertEquals(List.of("argv", argv, "flags", "running", "pid"), job.subList(0, 5));
      long pid = Long.parseLong((String) job.get(5));
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertEquals("run-time", job.get(6));
      assertEquals(List.of("retry-num", "1"), job.subList(8, 10));
      assertTrue(
          String.valueOf(sidecar.call("INFO", "sentinel")).contains("sentinel_running_scripts:1"));

      try (SentinelEvents timeouts = sidecar.subscribe("-script-timeout")) {
        assertEquals(
            "OK", String.valueOf(sidecar.call("SENTINEL", "DEBUG", "script-max-runtime", "1000")));
        assertEquals(slow + " " + pid, timeouts.awaitMessage("-script-timeout", TIMEOUT).message());
      }
      List<?> retry =
          Await.value(
              "the retry scheduled",
              TIMEOUT,
              () -> firstJob(sidecar),
              j -> j != null && "scheduled".equals(j.get(3)));
      assertEquals(
          List.of("argv", argv, "flags", "scheduled", "pid", "0", "run-delay"),
          retry.subList(0, 7));
      long delay = Long.parseLong((String) retry.get(7));
      assertTrue(delay > 20_000 && delay <= 30_000, "run-delay " + delay);
      assertEquals(List.of("retry-num", "1"), retry.subList(8, 10));
      Await.until(
          "the killed script gone",
          TIMEOUT,
          () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
  }

  /** The first job of PENDING-SCRIPTS as a flat list of texts (RESP2), or null if none. */
  private static List<?> firstJob(SentinelNode sidecar) {
    List<?> jobs = (List<?>) sidecar.call("SENTINEL", "PENDING-SCRIPTS");
    return jobs.isEmpty() ? null : (List<?>) jobs.get(0);
  }
}
