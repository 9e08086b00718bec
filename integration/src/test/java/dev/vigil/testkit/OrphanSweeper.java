package dev.vigil.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kills processes left behind by an earlier test JVM that died without running its shutdown hooks
 * (SIGKILL, OOM killer). Each process the kit starts gets an owner marker in its working dir naming
 * the test JVM and the process, each with its start time; a later run sweeps the kit's base dir
 * ({@code -Dvigil.testkit.dir}, never the shared temp dir, so other users' processes are never
 * touched) and kills a marked process only if its owner is gone and the PID still belongs to the
 * very process that was started (same start time), so a recycled PID is never signalled.
 */
final class OrphanSweeper {
  static final String MARKER_PREFIX = ".vigil-kit-owner-";

  private OrphanSweeper() {}

  /** Writes the owner marker for {@code process} into {@code workDir}; best effort. */
  static void mark(Path workDir, ProcessHandle process) {
    mark(workDir, ProcessHandle.current(), process);
  }

  /** As above with an explicit owner (tests simulate a dead owner JVM). */
  static void mark(Path workDir, ProcessHandle owner, ProcessHandle process) {
    String content =
        owner.pid()
            + " "
            + startMillis(owner)
            + "\n"
            + process.pid()
            + " "
            + startMillis(process)
            + "\n";
    try {
      Files.writeString(workDir.resolve(MARKER_PREFIX + process.pid()), content);
    } catch (IOException e) {
      KitLog.info("cannot write owner marker in " + workDir + ": " + e);
    }
  }

  /** Sweeps the configured base dir, if any. */
  static void sweepConfiguredBaseDir() {
    String base = System.getProperty("vigil.testkit.dir");
    if (base != null && Files.isDirectory(Paths.get(base))) {
      sweep(Paths.get(base));
    }
  }

  /** Kills orphans recorded under {@code base} (its direct subdirectories); returns the count. */
  static int sweep(Path base) {
    int killed = 0;
    try (Stream<Path> dirs = Files.list(base)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path marker :
              files.filter(f -> f.getFileName().toString().startsWith(MARKER_PREFIX)).toList()) {
            killed += sweepMarker(marker) ? 1 : 0;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      KitLog.info("orphan sweep of " + base + " incomplete: " + e);
    }
    return killed;
  }

  private static boolean sweepMarker(Path marker) throws IOException {
    List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return false;
    }
    long[] owner = parse(lines.get(0));
    long[] child = parse(lines.get(1));
    if (owner == null || child == null || isRunning(owner[0], owner[1])) {
      return false; // unreadable, or its owner JVM still runs and will clean up itself
    }
    Files.deleteIfExists(marker);
    Optional<ProcessHandle> orphan = ProcessHandle.of(child[0]);
    if (orphan.isPresent() && orphan.get().isAlive() && startMillis(orphan.get()) == child[1]) {
      KitLog.info("killing orphan pid=" + child[0] + " left by dead test JVM pid=" + owner[0]);
      orphan.get().destroyForcibly();
      return true;
    }
    return false;
  }

  private static boolean isRunning(long pid, long startMillis) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(h -> startMillis(h) == startMillis)
        .orElse(false);
  }

  private static long[] parse(String line) {
    String[] parts = line.trim().split(" ");
    try {
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long startMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }
}
