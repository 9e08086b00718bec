package dev.vigil.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers every process the kit started until it is stopped, and kills the leftovers by PID: in
 * {@link TestKitExtension}'s afterEach/afterAll (for the processes started in that scope) and in a
 * JVM shutdown hook (for everything), so no server, sentinel or JVM outlives the test run, even
 * when a test fails or forgets to close what it started.
 *
 * <p>Processes are numbered in start order; a scope remembers the number at its start ({@link
 * #mark()}) and reaps everything started after it ({@link #reapSince(long)}). This assumes test
 * classes in one JVM do not run concurrently (JUnit's default).
 */
public final class ProcessReaper {
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Map<Long, ManagedProcess> LIVE = new ConcurrentSkipListMap<>();
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

  private ProcessReaper() {}

  static void register(ManagedProcess process) {
    if (HOOK_INSTALLED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ProcessReaper::reapAll, "vigil-testkit-reaper"));
      OrphanSweeper.sweepConfiguredBaseDir();
    }
    LIVE.put(SEQUENCE.incrementAndGet(), process);
  }

  static void unregister(ManagedProcess process) {
    LIVE.values().remove(process);
  }

  /** The sequence number of the most recently started process. */
  public static long mark() {
    return SEQUENCE.get();
  }

  /** Processes started after {@code mark} that are still tracked (running or paused). */
  public static List<ManagedProcess> liveSince(long mark) {
    List<ManagedProcess> result = new ArrayList<>();
    LIVE.forEach(
        (seq, p) -> {
          if (seq > mark) {
            result.add(p);
          }
        });
    return result;
  }

  /** Kills (SIGKILL, by PID) every tracked process started after {@code mark}; returns them. */
  public static List<ManagedProcess> reapSince(long mark) {
    List<ManagedProcess> victims = liveSince(mark);
    for (ManagedProcess p : victims) {
      if (p.isAlive()) {
        KitLog.info("reaping leftover " + p);
      }
      p.process().destroyForcibly();
    }
    for (ManagedProcess p : victims) {
      p.waitFor(Duration.ofSeconds(5));
      unregister(p);
    }
    return victims;
  }

  /** Kills every tracked process. */
  public static void reapAll() {
    reapSince(0);
  }
}
