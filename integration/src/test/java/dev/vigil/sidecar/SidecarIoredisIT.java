package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.LogCursor;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ioredis (Node.js) in Sentinel mode, configured as its README shows ({@code new Redis({sentinels,
 * name})}), against three sidecars, failover after failover. {@code writer.js} runs three clients
 * side by side: ioredis 6.1 with {@code failoverDetector} off and on, and ioredis 5.11 (the last
 * line for Node &lt; 20) with it off; each writes every 10 ms with 100 ms retry strategies.
 *
 * <ul>
 *   <li>Twenty SIGKILLs of the primary in a row: after each, every client reconnects to the
 *       promoted replica and every write it saw acknowledged after the switch is there. A 1-in-3
 *       failure would pass twenty runs with probability 0.67^20 ≈ 0.03 %.
 *   <li>A frozen primary (SIGSTOP: its connections stay open): only the failover detector, which
 *       reacts to the sidecars' {@code +switch-master}, gets its client off it.
 * </ul>
 *
 * <p>ioredis 5.x with {@code failoverDetector: true} is not run: a {@code +switch-master} that
 * reaches it while it is resolving the primary through the sentinels ends the client for good,
 * against real Sentinel as well; ioredis 6.1.0 fixed it (see docs/clients.md).
 *
 * <p>The application is {@code src/test/node/ioredis-app/writer.js}; its pinned packages are
 * installed with {@code npm ci} into {@code target/ioredis-app} (once: skipped while the installed
 * lock file matches). Skipped when {@code node} or {@code npm} is not on the PATH ({@code
 * .ci/install-deps} installs them).
 */
@ExtendWith(TestKitExtension.class)
class SidecarIoredisIT {
  private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int SIGKILL_FAILOVERS = 20;
  private static final int FROZEN_FAILOVERS = 3;

  /** Acknowledged writes after the switch that make a client count as writing again. */
  private static final int ACKS_AFTER_SWITCH = 10;

  private static final String PREFIX = "io";

  /** The clients of writer.js. */
  private static final List<String> WRITERS = List.of("v6-plain", "v6-detector", "v5-plain");

  private static final String DETECTOR = "v6-detector";
  private static final String INSTALLED_STAMP = ".vigil-installed-package-lock.json";

  private static Path app;

  @BeforeAll
  static void installApp() throws IOException {
    Assumptions.assumeTrue(
        onPath("node") && onPath("npm"),
        "node and npm are not on the PATH: skipping the ioredis IT (.ci/install-deps installs them)");
    app = install();
  }

  @Test
  @Timeout(300)
  void everyClientFollowsTwentySigkillFailoversInARow() throws Exception {
    try (IoredisRun run = IoredisRun.start()) {
      Map<String, List<Long>> gaps = new HashMap<>();
      for (int cycle = 1; cycle <= SIGKILL_FAILOVERS; cycle++) {
        String what = "SIGKILL failover " + cycle + "/" + SIGKILL_FAILOVERS;
        ValkeyNode victim = run.cluster.nodeAt(run.primary);
        long killMillis = System.currentTimeMillis();
        HostPort promoted = run.failOver(victim::kill9);
        long switchMillis = System.currentTimeMillis();
        run.awaitWriting(what, WRITERS, promoted, killMillis, switchMillis);
        run.assertAckedWritesOn(promoted, WRITERS, switchMillis);
        for (String w : WRITERS) {
          gaps.computeIfAbsent(w, k -> new ArrayList<>()).add(run.out.longestGap(w, killMillis));
        }
        run.healInto(victim, promoted);
      }
      for (String w : WRITERS) {
        List<Long> sorted = gaps.get(w).stream().sorted().toList();
        KitLog.info(
            "ioredis '"
                + w
                + "': "
                + SIGKILL_FAILOVERS
                + " of "
                + SIGKILL_FAILOVERS
                + " SIGKILL failovers followed; longest time without an acknowledged write: median "
                + sorted.get(sorted.size() / 2)
                + " ms, max "
                + sorted.get(sorted.size() - 1)
                + " ms; "
                + run.out.errors(w)
                + " failed writes");
      }
      run.assertNoSubscribeRefused();
    }
  }

  @Test
  @Timeout(120)
  void theFailoverDetectorLeavesAFrozenPrimary() throws Exception {
    try (IoredisRun run = IoredisRun.start()) {
      for (int cycle = 1; cycle <= FROZEN_FAILOVERS; cycle++) {
        String what = "frozen-primary failover " + cycle + "/" + FROZEN_FAILOVERS;
        ValkeyNode victim = run.cluster.nodeAt(run.primary);
        int detected = run.out.failoversDetected;
        long freezeMillis = System.currentTimeMillis();
        HostPort promoted = run.failOver(victim::pause);
        long switchMillis = System.currentTimeMillis();
        // The old primary is still frozen, its connections open: only +switch-master tells.
        run.awaitWriting(what, List.of(DETECTOR), promoted, freezeMillis, switchMillis);
        run.assertAckedWritesOn(promoted, List.of(DETECTOR), switchMillis);
        assertTrue(
            run.out.failoversDetected > detected,
            "the detector client moved without a +switch-master from a sidecar:\n" + run.tail());
        // Killing the frozen node closes the plain clients' connections: they follow too.
        long killMillis = System.currentTimeMillis();
        run.healInto(victim, promoted);
        run.awaitWriting(what + " (frozen node gone)", WRITERS, promoted, freezeMillis, killMillis);
      }
      run.assertNoSubscribeRefused();
    }
  }

  /** Three sidecars over a primary and two replicas, and writer.js writing through them. */
  private static final class IoredisRun implements AutoCloseable {
    final SidecarCluster cluster;
    final ManagedProcess writer;
    final Path output;
    final WriterOutput out;
    HostPort primary;

    private IoredisRun(SidecarCluster cluster, ManagedProcess writer, Path output) {
      this.cluster = cluster;
      this.writer = writer;
      this.output = output;
      this.out = new WriterOutput(LogCursor.atStart(output));
      this.primary = cluster.primary().address();
    }

    static IoredisRun start() throws IOException {
      SidecarCluster cluster = SidecarCluster.start(2, 3);
      ManagedProcess writer = null;
      try {
        Path output = TempDirs.create("ioredis-writer").resolve("writer.out");
        writer =
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
                    // ioredis' own trace of which sentinel it asked and what it resolved (stderr
                    // goes to the same file; the parser counts "Failover detected" and skips the
                    // rest), for post-mortems.
                    "DEBUG",
                    "ioredis:SentinelConnector,ioredis:FailoverDetector"));
        IoredisRun run = new IoredisRun(cluster, writer, output);
        run.awaitWriting("start", WRITERS, run.primary, 0, 0);
        KitLog.info("ioredis writer running on " + run.out.versions);
        // ioredis swallows SUBSCRIBE failures (it only logs them to DEBUG), so look for both.
        Await.until(
            "the failover detector subscribes on the sidecars",
            TIMEOUT,
            () -> run.poll().subscribed.contains(DETECTOR),
            run::tail);
        return run;
      } catch (RuntimeException | Error e) {
        if (writer != null) {
          writer.terminate(Duration.ofSeconds(5));
        }
        cluster.close();
        throw e;
      }
    }

    WriterOutput poll() {
      if (!writer.isAlive()) {
        out.read();
        throw new Await.Abort("the ioredis writer exited with " + writer.exitCode());
      }
      out.read();
      if (!out.ended.isEmpty()) {
        throw new Await.Abort("ioredis client(s) " + out.ended + " closed for good");
      }
      return out;
    }

    /**
     * Runs {@code fault} on the primary and waits for {@code +switch-master} away from it (on a
     * subscription made just before: the same switch, e.g. back to a healed node, recurs over the
     * cycles); returns the promoted node once it is master.
     */
    HostPort failOver(Runnable fault) {
      try (SentinelEvents events = cluster.sentinels.get(0).subscribe("+switch-master")) {
        fault.run();
        HostPort promoted = SidecarCluster.awaitSwitch(events, primary);
        assertNotEquals(primary, promoted);
        cluster.nodeAt(promoted).waitForRole("master", TIMEOUT);
        return promoted;
      }
    }

    /**
     * Waits until each of {@code writers} connected to {@code target} at or after {@code
     * connectedSince} and has {@link #ACKS_AFTER_SWITCH} writes acknowledged after {@code
     * ackedAfter}.
     */
    void awaitWriting(
        String what, List<String> writers, HostPort target, long connectedSince, long ackedAfter) {
      Await.until(
          what + ": ioredis " + writers + " write on " + target,
          SidecarCluster.FAILOVER_TIMEOUT,
          () -> {
            WriterOutput o = poll();
            return writers.stream()
                .allMatch(
                    w ->
                        o.connectedTo(w, target, connectedSince)
                            && o.acksAfter(w, ackedAfter).size() >= ACKS_AFTER_SWITCH);
          },
          this::tail);
    }

    /** Every write acknowledged after {@code switchMillis} is on the new primary. */
    void assertAckedWritesOn(HostPort promoted, List<String> writers, long switchMillis) {
      ValkeyNode newPrimary = cluster.nodeAt(promoted);
      for (String w : writers) {
        List<Long> acked = out.acksAfter(w, switchMillis);
        String[] mget = new String[acked.size() + 1];
        mget[0] = "MGET";
        for (int i = 0; i < acked.size(); i++) {
          mget[i + 1] = PREFIX + ":" + w + ":" + acked.get(i);
        }
        List<Object> values = newPrimary.client().callList(mget);
        for (int i = 0; i < acked.size(); i++) {
          assertEquals("v" + acked.get(i), values.get(i), mget[i + 1] + " on the new primary");
        }
      }
    }

    /**
     * Brings the failed node back as a replica of {@code promoted} and waits until both other nodes
     * replicate from it: the next failover starts from a primary with two linked replicas.
     */
    void healInto(ValkeyNode victim, HostPort promoted) {
      victim.restart();
      victim.replicaOf(promoted);
      for (ValkeyNode node : cluster.group.nodes()) {
        if (!node.address().equals(promoted)) {
          node.waitForReplicaOf(promoted, TIMEOUT);
        }
      }
      primary = promoted;
    }

    /**
     * ioredis only logs (to DEBUG) a SUBSCRIBE that failed, so look for it: a refusal by a sidecar
     * fails the test. "Connection is closed." is ioredis closing its own detector connections (the
     * primary's stream closed while they were subscribing, e.g. when a sentinel's CLIENT KILL after
     * a promotion ends a fresh connection), not an answer of the sentinel.
     */
    void assertNoSubscribeRefused() {
      out.read();
      List<String> refused =
          out.subscribeFailures.stream()
              .filter(line -> !line.contains("(Connection is closed.)"))
              .toList();
      assertTrue(refused.isEmpty(), "ioredis could not SUBSCRIBE on a sidecar: " + refused);
    }

    String tail() {
      return ManagedProcess.tail(output, 40);
    }

    @Override
    public void close() {
      try {
        writer.terminate(Duration.ofSeconds(5));
        cluster.close();
      } finally {
        TempDirs.delete(output.getParent());
      }
    }
  }

  /**
   * Copies the app into {@code target/ioredis-app} and runs {@code npm ci} there unless the lock
   * file installed last time is the current one (so later runs work offline).
   */
  private static Path install() throws IOException {
    Path base = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();
    Path source = base.resolve("src/test/node/ioredis-app");
    Path dir = Files.createDirectories(base.resolve("target/ioredis-app"));
    for (String file : List.of("package.json", "package-lock.json", "writer.js")) {
      Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    byte[] lock = Files.readAllBytes(dir.resolve("package-lock.json"));
    Path stamp = dir.resolve("node_modules").resolve(INSTALLED_STAMP);
    if (Files.isRegularFile(stamp) && Arrays.equals(lock, Files.readAllBytes(stamp))) {
      return dir;
    }
    Path log = TempDirs.create("npm-ci").resolve("npm-ci.out");
    ManagedProcess npm =
        ManagedProcess.start(
            "npm-ci",
            List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=warn"),
            dir,
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
              + dir
              + " failed (exit "
              + npm.exitCode()
              + "; the first install needs the npm registry):\n"
              + ManagedProcess.tail(log, 30));
    }
    npm.kill9(); // already exited: only unregisters it from the reaper
    Files.write(stamp, lock);
    TempDirs.delete(log.getParent());
    return dir;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Paths.get(dir, program)));
  }

  /**
   * The stdout of {@code writer.js} (line format in its header comment), parsed as it grows: each
   * {@link #read} consumes only the lines appended since the last one.
   */
  private static final class WriterOutput {
    private record Event(String value, long millis) {}

    private final LogCursor cursor;
    private final Map<String, List<Event>> acks = new HashMap<>();
    private final Map<String, List<Event>> connects = new HashMap<>();
    private final Map<String, Integer> errors = new HashMap<>();
    final Set<String> subscribed = new HashSet<>();
    final Set<String> ended = new HashSet<>();
    final List<String> subscribeFailures = new ArrayList<>();
    int failoversDetected;
    String versions = "?";

    WriterOutput(LogCursor cursor) {
      this.cursor = cursor;
    }

    void read() {
      for (String line : cursor.newLines()) {
        String[] parts = line.split(" ", 5);
        try {
          switch (parts[0]) {
            case "ACK" -> add(acks, parts);
            case "CONNECT" -> add(connects, parts);
            case "ERR" -> errors.merge(parts[1], 1, Integer::sum);
            case "SUBSCRIBED" -> subscribed.add(parts[1]);
            case "END" -> ended.add(parts[1]);
            case "START" -> versions = line.substring("START ".length());
            default -> {
              if (line.contains("Failover detected")) {
                failoversDetected++;
              } else if (line.contains("Failed to subscribe")) {
                subscribeFailures.add(line);
              }
              // Other EVENT lines and ioredis' DEBUG trace: for people, not for assertions.
            }
          }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException garbled) {
          // DEBUG output (stderr) interleaved with a stdout line: not an event.
        }
      }
    }

    private static void add(Map<String, List<Event>> events, String[] parts) {
      Event event = new Event(parts[2], Long.parseLong(parts[3]));
      events.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(event);
    }

    /** True if {@code writer} connected to {@code address} at or after {@code sinceMillis}. */
    boolean connectedTo(String writer, HostPort address, long sinceMillis) {
      String wanted = address.host() + ":" + address.port();
      return connects.getOrDefault(writer, List.of()).stream()
          .anyMatch(c -> c.value.equals(wanted) && c.millis >= sinceMillis);
    }

    /** Sequence numbers of {@code writer}'s writes acknowledged after {@code millis}. */
    List<Long> acksAfter(String writer, long millis) {
      List<Event> all = acks.getOrDefault(writer, List.of());
      int first = all.size();
      while (first > 0 && all.get(first - 1).millis > millis) {
        first--;
      }
      return all.subList(first, all.size()).stream().map(a -> Long.parseLong(a.value)).toList();
    }

    int errors(String writer) {
      return errors.getOrDefault(writer, 0);
    }

    /**
     * The longest time {@code writer} went without an acknowledgement between {@code fromMillis}
     * and its latest one: a failover's write outage, from the last write the old primary
     * acknowledged to the first on the new one.
     */
    long longestGap(String writer, long fromMillis) {
      long longest = 0;
      long previous = -1;
      for (Event a : acks.getOrDefault(writer, List.of())) {
        if (previous >= 0 && a.millis >= fromMillis) {
          longest = Math.max(longest, a.millis - previous);
        }
        previous = a.millis;
      }
      return longest;
    }
  }
}
