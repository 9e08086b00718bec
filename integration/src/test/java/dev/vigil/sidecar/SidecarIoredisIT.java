package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ioredis (Node.js) in Sentinel mode, configured as its README shows ({@code new Redis({sentinels,
 * name})}), against three sidecars through a SIGKILL of the primary: the application's writes
 * succeed again within the deadline, ioredis reconnects to the promoted replica, and every write it
 * saw acknowledged after the switch is on the new primary.
 *
 * <p>The application is {@code src/test/node/ioredis-app/writer.js}; its pinned ioredis is
 * installed with {@code npm ci} into {@code target/ioredis-app} (once: skipped while the installed
 * lock file matches). Skipped when {@code node} or {@code npm} is not on the PATH ({@code
 * .ci/install-deps} installs them).
 */
@ExtendWith(TestKitExtension.class)
class SidecarIoredisIT {
  private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String PREFIX = "io";
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
                  PREFIX));
      try {
        Await.until(
            "ioredis connects to " + old + " and writes",
            TIMEOUT,
            () -> {
              abortIfExited(writer);
              WriterOutput out = WriterOutput.read(output);
              return out.connectedTo(old, 0) && out.acksAfter(0).size() > 20;
            },
            () -> ManagedProcess.tail(output, 30));

        long killMillis = System.currentTimeMillis();
        cluster.primary().kill9();
        HostPort promoted = awaitSwitch(events, old);
        long switchSeenMillis = System.currentTimeMillis();
        assertNotEquals(old, promoted);
        ValkeyNode newPrimary = cluster.nodeAt(promoted);
        newPrimary.waitForRole("master", TIMEOUT);

        Await.until(
            "ioredis writes again (20 writes acknowledged after the switch)",
            FAILOVER_TIMEOUT,
            () -> {
              abortIfExited(writer);
              return WriterOutput.read(output).acksAfter(switchSeenMillis).size() >= 20;
            },
            () -> ManagedProcess.tail(output, 30));
        writer.terminate(Duration.ofSeconds(5));

        WriterOutput out = WriterOutput.read(output);
        assertTrue(
            out.connectedTo(promoted, switchSeenMillis - FAILOVER_TIMEOUT.toMillis()),
            "ioredis never connected to the new primary "
                + promoted
                + ":\n"
                + ManagedProcess.tail(output, 40));
        List<Long> acked = out.acksAfter(switchSeenMillis);
        String[] keys = acked.stream().map(n -> PREFIX + ":" + n).toArray(String[]::new);
        String[] mget = new String[keys.length + 1];
        mget[0] = "MGET";
        System.arraycopy(keys, 0, mget, 1, keys.length);
        List<Object> values = newPrimary.client().callList(mget);
        for (int i = 0; i < keys.length; i++) {
          assertEquals("v" + acked.get(i), values.get(i), keys[i] + " on the new primary");
        }
        KitLog.info(
            "ioredis: "
                + out.errors
                + " failed writes, "
                + acked.size()
                + " acknowledged after the switch, all on "
                + promoted
                + "; write gap "
                + out.writeGapAround(killMillis)
                + " ms");
      } finally {
        writer.terminate(Duration.ofSeconds(5));
      }
    }
  }

  private static void abortIfExited(ManagedProcess writer) {
    if (!writer.isAlive()) {
      throw new Await.Abort("the ioredis writer exited with " + writer.exitCode());
    }
  }

  private static HostPort awaitSwitch(SentinelEvents events, HostPort old) {
    String prefix = MASTER + " " + old.host() + " " + old.port() + " ";
    String[] parts =
        events
            .awaitMessage("+switch-master", m -> m.startsWith(prefix), FAILOVER_TIMEOUT)
            .message()
            .split(" ");
    return new HostPort(parts[3], Integer.parseInt(parts[4]));
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
    private final List<long[]> acks = new ArrayList<>(); // {n, millis}
    private final List<String[]> connects = new ArrayList<>(); // {host:port, millis}
    int errors;

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
        String[] parts = line.split(" ", 4);
        try {
          if (parts.length >= 3 && parts[0].equals("ACK")) {
            acks.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
          } else if (parts.length >= 3 && parts[0].equals("ERR")) {
            errors++;
          } else if (parts.length >= 3 && parts[0].equals("CONNECT")) {
            connects.add(new String[] {parts[1], parts[2]});
          }
        } catch (NumberFormatException partialLine) {
          // The last line may still be being written.
        }
      }
    }

    /** True if ioredis connected to {@code address} at or after {@code sinceMillis}. */
    boolean connectedTo(HostPort address, long sinceMillis) {
      String wanted = address.host() + ":" + address.port();
      return connects.stream()
          .anyMatch(c -> c[0].equals(wanted) && Long.parseLong(c[1]) >= sinceMillis);
    }

    /** Sequence numbers of the writes acknowledged after {@code millis}. */
    List<Long> acksAfter(long millis) {
      return acks.stream().filter(a -> a[1] > millis).map(a -> a[0]).toList();
    }

    /** Milliseconds from the last acknowledgement before {@code millis} to the first after. */
    long writeGapAround(long millis) {
      long before = acks.stream().mapToLong(a -> a[1]).filter(t -> t <= millis).max().orElse(0);
      long after = acks.stream().mapToLong(a -> a[1]).filter(t -> t > millis).min().orElse(0);
      return after - before;
    }
  }
}
