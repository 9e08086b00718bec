package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ioredis (Node.js) in Sentinel mode, configured as its README shows ({@code new Redis({sentinels,
 * name})}), against three sidecars through a SIGKILL of the primary. Two clients write in a loop,
 * one with ioredis' defaults and one with {@code failoverDetector: true} (which SUBSCRIBEs to
 * {@code +switch-master} on the sidecars); for both, writes succeed again within the deadline,
 * ioredis reconnects to the promoted replica, and every write it saw acknowledged after the switch
 * is on the new primary.
 *
 * <p>The application is {@code src/test/node/ioredis-app/writer.js}; its pinned ioredis is
 * installed with {@code npm ci} into {@code target/ioredis-app} (once: skipped while the installed
 * lock file matches). Skipped when {@code node} or {@code npm} is not on the PATH ({@code
 * .ci/install-deps} installs them).
 */
@ExtendWith(TestKitExtension.class)
class SidecarIoredisIT {
  private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration FAILOVER_TIMEOUT = SidecarCluster.FAILOVER_TIMEOUT;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String PREFIX = "io";

  /** The two clients of writer.js: ioredis' defaults, and with {@code failoverDetector: true}. */
  private static final List<String> WRITERS = List.of("plain", "detector");

  private static final String INSTALLED_STAMP = ".vigil-installed-package-lock.json";

  @Test
  void ioredisWritesOnTheNewPrimaryAfterAFailover() throws Exception {
    Assumptions.assumeTrue(
        onPath("node") && onPath("npm"),
        "node and npm are not on the PATH: skipping the ioredis IT (.ci/install-deps installs them)");
    Path app = installApp();

    try (SidecarCluster cluster = SidecarCluster.start(2, 3);
        SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
      HostPort old = cluster.primary().address();
      Path output = TempDirs.create("ioredis-writer").resolve("writer.out");
      ManagedProcess writer =
          ManagedProcess.start(
              "ioredis-writer",
              List.of("node", "writer.js"),
              app,
              output,
              Map.of(
                  "VIGIL_SENTINELS",
                  cluster.sentinels.stream()
                      .map(s -> s.address().host() + ":" + s.port())
                      .collect(Collectors.joining(",")),
                  "VIGIL_MASTER",
                  MASTER,
                  "VIGIL_PREFIX",
                  PREFIX,
                  // ioredis' own trace of which sentinel it asked and what it resolved, for
                  // post-mortems (stderr goes to the same file; the parser skips those lines).
                  "DEBUG",
                  "ioredis:SentinelConnector,ioredis:FailoverDetector"));
      try {
        Await.until(
            "both ioredis clients connect to " + old + " and write",
            TIMEOUT,
            () -> {
              abortIfExited(writer);
              WriterOutput out = WriterOutput.read(output);
              return WRITERS.stream()
                  .allMatch(w -> out.connectedTo(w, old, 0) && out.acksAfter(w, 0).size() > 20);
            },
            () -> ManagedProcess.tail(output, 30));
        // ioredis swallows SUBSCRIBE failures (it only logs them to DEBUG), so look for both.
        Await.until(
            "the failover detector subscribes on the sidecars",
            TIMEOUT,
            () -> WriterOutput.read(output).subscribed.contains("detector"),
            () -> ManagedProcess.tail(output, 30));

        long killMillis = System.currentTimeMillis();
        cluster.primary().kill9();
        HostPort promoted = SidecarCluster.awaitSwitch(events, old);
        long switchSeenMillis = System.currentTimeMillis();
        assertNotEquals(old, promoted);
        ValkeyNode newPrimary = cluster.nodeAt(promoted);
        newPrimary.waitForRole("master", TIMEOUT);

        Await.until(
            "both ioredis clients write again (20 writes each acknowledged after the switch)",
            FAILOVER_TIMEOUT,
            () -> {
              abortIfExited(writer);
              WriterOutput out = WriterOutput.read(output);
              return WRITERS.stream()
                  .allMatch(w -> out.acksAfter(w, switchSeenMillis).size() >= 20);
            },
            () -> ManagedProcess.tail(output, 30));
        writer.terminate(Duration.ofSeconds(5));

        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertFalse(
            text.contains("Failed to subscribe"),
            "ioredis could not SUBSCRIBE on a sidecar:\n" + ManagedProcess.tail(output, 40));
        assertTrue(
            text.contains("Failover detected"),
            "the failover detector never got +switch-master from a sidecar:\n"
                + ManagedProcess.tail(output, 40));
        WriterOutput out = WriterOutput.read(output);
        for (String w : WRITERS) {
          assertTrue(
              out.connectedTo(w, promoted, killMillis),
              "ioredis client '"
                  + w
                  + "' never connected to the new primary "
                  + promoted
                  + ":\n"
                  + ManagedProcess.tail(output, 40));
          List<Long> acked = out.acksAfter(w, switchSeenMillis);
          String[] mget = new String[acked.size() + 1];
          mget[0] = "MGET";
          for (int i = 0; i < acked.size(); i++) {
            mget[i + 1] = PREFIX + ":" + w + ":" + acked.get(i);
          }
          List<Object> values = newPrimary.client().callList(mget);
          for (int i = 0; i < acked.size(); i++) {
            assertEquals("v" + acked.get(i), values.get(i), mget[i + 1] + " on the new primary");
          }
          KitLog.info(
              "ioredis '"
                  + w
                  + "': "
                  + out.errors(w)
                  + " failed writes, "
                  + acked.size()
                  + " acknowledged after the switch, all on "
                  + promoted
                  + "; write gap "
                  + out.writeGapAround(w, killMillis)
                  + " ms");
        }
      } finally {
        writer.terminate(Duration.ofSeconds(5));
        TempDirs.delete(output.getParent());
      }
    }
  }

  private static void abortIfExited(ManagedProcess writer) {
    if (!writer.isAlive()) {
      throw new Await.Abort("the ioredis writer exited with " + writer.exitCode());
    }
  }

  /**
   * Copies the app into {@code target/ioredis-app} and runs {@code npm ci} there unless the lock
   * file installed last time is the current one (so later runs work offline).
   */
  private static Path installApp() throws IOException {
    Path base = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();
    Path source = base.resolve("src/test/node/ioredis-app");
    Path app = Files.createDirectories(base.resolve("target/ioredis-app"));
    for (String file : List.of("package.json", "package-lock.json", "writer.js")) {
      Files.copy(source.resolve(file), app.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    byte[] lock = Files.readAllBytes(app.resolve("package-lock.json"));
    Path stamp = app.resolve("node_modules").resolve(INSTALLED_STAMP);
    if (Files.isRegularFile(stamp) && Arrays.equals(lock, Files.readAllBytes(stamp))) {
      return app;
    }
    Path log = TempDirs.create("npm-ci").resolve("npm-ci.out");
    ManagedProcess npm =
        ManagedProcess.start(
            "npm-ci",
            List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=warn"),
            app,
            log,
            Map.of());
    if (!npm.waitFor(INSTALL_TIMEOUT)) {
      npm.kill9();
      throw new AssertionError(
          "npm ci did not finish in " + INSTALL_TIMEOUT + ":\n" + ManagedProcess.tail(log, 30));
    }
    if (npm.exitCode() != 0) {
      throw new AssertionError(
          "npm ci in "
              + app
              + " failed (exit "
              + npm.exitCode()
              + "; the first install needs the npm registry):\n"
              + ManagedProcess.tail(log, 30));
    }
    npm.kill9(); // already exited: only unregisters it from the reaper
    Files.write(stamp, lock);
    TempDirs.delete(log.getParent());
    return app;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Paths.get(dir, program)));
  }

  /** The parsed stdout of {@code writer.js} (line format in its header comment). */
  private static final class WriterOutput {
    private record Line(String kind, String writer, String value, long millis) {}

    private final List<Line> lines = new ArrayList<>();
    final Set<String> subscribed = new HashSet<>();

    static WriterOutput read(Path file) {
      try {
        return new WriterOutput(
            Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private WriterOutput(String text) {
      for (String line : text.split("\n")) {
        String[] parts = line.split(" ", 5);
        try {
          switch (parts[0]) {
            case "ACK", "ERR", "CONNECT" -> {
              if (parts.length >= 4) {
                lines.add(new Line(parts[0], parts[1], parts[2], Long.parseLong(parts[3])));
              }
            }
            case "SUBSCRIBED" -> subscribed.add(parts[1]);
            default -> {
              // EVENT lines and ioredis' DEBUG trace: for people, not for assertions.
            }
          }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException partialLine) {
          // The last line may still be being written.
        }
      }
    }

    private List<Line> of(String kind, String writer) {
      return lines.stream().filter(l -> l.kind.equals(kind) && l.writer.equals(writer)).toList();
    }

    /** True if {@code writer} connected to {@code address} at or after {@code sinceMillis}. */
    boolean connectedTo(String writer, HostPort address, long sinceMillis) {
      String wanted = address.host() + ":" + address.port();
      return of("CONNECT", writer).stream()
          .anyMatch(c -> c.value.equals(wanted) && c.millis >= sinceMillis);
    }

    /** Sequence numbers of {@code writer}'s writes acknowledged after {@code millis}. */
    List<Long> acksAfter(String writer, long millis) {
      return of("ACK", writer).stream()
          .filter(a -> a.millis > millis)
          .map(a -> Long.parseLong(a.value))
          .toList();
    }

    int errors(String writer) {
      return of("ERR", writer).size();
    }

    /** Milliseconds from the last acknowledgement before {@code millis} to the first after. */
    long writeGapAround(String writer, long millis) {
      List<Line> acks = of("ACK", writer);
      long before = acks.stream().mapToLong(Line::millis).filter(t -> t <= millis).max().orElse(0);
      long after = acks.stream().mapToLong(Line::millis).filter(t -> t > millis).min().orElse(0);
      return after - before;
    }
  }
}
