package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.SentinelEvent;
import dev.vigil.runtime.ScriptLauncher.ExitStatus;
import dev.vigil.runtime.ScriptQueue.PendingScript;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Sentinel's script queue rules with a fake launcher and explicit times. */
class ScriptQueueTest {
  /** Records starts and kills; pids count up from 1000. */
  static final class FakeLauncher implements ScriptLauncher {
    final List<List<String>> started = new ArrayList<>();
    final Set<Long> killed = new HashSet<>();
    final Set<String> unexecutable = new HashSet<>();
    long nextPid = 1000;

    @Override
    public Started start(List<String> argv) throws IOException {
      if (unexecutable.contains(argv.get(0))) {
        throw new IOException("Cannot run program: error=13, Permission denied");
      }
      started.add(argv);
      long pid = nextPid++;
      return new Started() {
        @Override
        public long pid() {
          return pid;
        }

        @Override
        public void kill() {
          killed.add(pid);
        }

        @Override
        public CompletionStage<ExitStatus> onExit() {
          return new CompletableFuture<>();
        }
      };
    }
  }

  private final FakeLauncher launcher = new FakeLauncher();
  private final List<SentinelEvent> events = new ArrayList<>();
  private final ScriptQueue queue = new ScriptQueue(launcher, events::add);

  private static List<String> argv(String... a) {
    return List.of(a);
  }

  private List<String> published() {
    List<String> out = new ArrayList<>();
    for (SentinelEvent e : events) {
      if (e.level() != SentinelEvent.Level.DEBUG) {
        out.add(e.toString());
      }
    }
    return out;
  }

  @Test
  void successfulScriptRunsOnceAndLeavesTheQueue() {
    queue.schedule(argv("/n.sh", "+sdown", "master mymaster 127.0.0.1 6379"));
    assertEquals(1, queue.size());
    assertEquals(0, queue.running());
    queue.runPending(100);
    assertEquals(
        List.of(argv("/n.sh", "+sdown", "master mymaster 127.0.0.1 6379")), launcher.started);
    assertEquals(1, queue.running());
    assertEquals(
        List.of(
            new PendingScript(
                argv("/n.sh", "+sdown", "master mymaster 127.0.0.1 6379"), true, 1000, 250, 1)),
        queue.pending(350));

    assertTrue(queue.exited(1000, new ExitStatus(0, 0), 400));
    assertEquals(0, queue.size());
    assertEquals(0, queue.running());
    assertEquals(List.of(), published(), "exit 0 is not an error");
    assertEquals("+script-child 1000", events.get(0).toString());
    assertEquals("-script-child 1000 0 0", events.get(1).toString());
    assertEquals(SentinelEvent.Level.DEBUG, events.get(1).level());
  }

  @Test
  void exitCodeOneIsRetriedWithDoublingDelayUpToTenRunsThenReported() {
    queue.schedule(argv("/s.sh"));
    long now = 0;
    List<Long> delays = new ArrayList<>();
    for (int run = 1; run <= 10; run++) {
      queue.runPending(now);
      assertEquals(run, launcher.started.size(), "run " + run + " started at " + now);
      long pid = 1000 + run - 1;
      assertEquals(run, queue.pending(now).get(0).retryNum());
      queue.exited(pid, new ExitStatus(1, 0), now + 5);
      if (run == 10) {
        break;
      }
      PendingScript waiting = queue.pending(now + 5).get(0);
      assertFalse(waiting.running());
      assertEquals(0, waiting.pid());
      delays.add(waiting.timeMs());
      assertEquals(now + 5 + waiting.timeMs(), queue.nextDeadline(now + 5));
      // Not a millisecond early.
      queue.runPending(now + 5 + waiting.timeMs() - 1);
      assertEquals(run, launcher.started.size());
      now = now + 5 + waiting.timeMs();
    }
    assertEquals(
        List.of(
            30_000L,
            60_000L,
            120_000L,
            240_000L,
            480_000L,
            960_000L,
            1_920_000L,
            3_840_000L,
            7_680_000L),
        delays);
    assertEquals(0, queue.size(), "removed after the tenth run");
    assertEquals(List.of("-script-error /s.sh 0 1"), published());
  }

  @Test
  void exitCodeTwoOrMoreIsNotRetried() {
    queue.schedule(argv("/a.sh"));
    queue.schedule(argv("/b.sh"));
    queue.runPending(0);
    queue.exited(1000, new ExitStatus(2, 0), 10);
    queue.exited(1001, new ExitStatus(7, 0), 10);
    assertEquals(0, queue.size());
    assertEquals(List.of("-script-error /a.sh 0 2", "-script-error /b.sh 0 7"), published());
  }

  @Test
  void deathBySignalIsRetried() {
    queue.schedule(argv("/a.sh"));
    queue.runPending(0);
    queue.exited(1000, new ExitStatus(0, 15), 10);
    assertEquals(1, queue.size());
    PendingScript p = queue.pending(10).get(0);
    assertEquals("scheduled", p.running() ? "running" : "scheduled");
    assertEquals(30_000, p.timeMs());
    assertEquals(List.of(), published());
  }

  @Test
  void overrunningScriptIsReportedKilledOnceAndRetried() {
    queue.setTiming(60_000, 30_000);
    queue.schedule(argv("/slow.sh", "x"));
    queue.runPending(1_000);
    assertEquals(61_001, queue.nextDeadline(1_000));
    queue.killTimedOut(61_000);
    assertTrue(launcher.killed.isEmpty(), "exactly the max runtime is still allowed");
    queue.killTimedOut(61_001);
    assertEquals(Set.of(1000L), launcher.killed);
    queue.killTimedOut(61_500);
    assertEquals(List.of("-script-timeout /slow.sh 1000"), published(), "reported once");
    assertEquals(Long.MAX_VALUE, queue.nextDeadline(61_500), "waiting for the exit only");

    queue.exited(1000, ExitStatus.fromJavaExitValue(128 + 9), 61_510);
    assertEquals(1, queue.size());
    assertEquals(91_510, queue.nextDeadline(61_510));
    queue.runPending(91_510);
    assertEquals(2, launcher.started.size());
    assertEquals(2, queue.pending(91_510).get(0).retryNum());
  }

  @Test
  void atMostSixteenRunAtOnceOldestFirst() {
    for (int i = 0; i < 20; i++) {
      queue.schedule(argv("/s.sh", "" + i));
    }
    queue.runPending(0);
    assertEquals(16, queue.running());
    assertEquals(argv("/s.sh", "15"), launcher.started.get(15));
    assertEquals(60_001, queue.nextDeadline(0), "full: only the timeouts are due");
    queue.exited(1003, new ExitStatus(0, 0), 5);
    queue.runPending(5);
    assertEquals(argv("/s.sh", "16"), launcher.started.get(16));
    assertEquals(16, queue.running());
    assertEquals(19, queue.size());
  }

  @Test
  void aFullQueueDropsTheOldestJobThatIsNotRunning() {
    for (int i = 0; i < 16; i++) {
      queue.schedule(argv("/run.sh", "" + i));
    }
    queue.runPending(0);
    for (int i = 0; i < 240; i++) {
      queue.schedule(argv("/wait.sh", "" + i));
    }
    assertEquals(256, queue.size());
    queue.schedule(argv("/wait.sh", "240"));
    assertEquals(256, queue.size());
    List<PendingScript> pending = queue.pending(0);
    assertEquals(argv("/run.sh", "0"), pending.get(0).argv(), "running jobs stay");
    assertEquals(argv("/wait.sh", "1"), pending.get(16).argv(), "the oldest waiting one went");
    assertEquals(argv("/wait.sh", "240"), pending.get(255).argv());
  }

  @Test
  void aScriptThatCannotBeExecutedIsAnExitCodeTwo() {
    launcher.unexecutable.add("/gone.sh");
    queue.schedule(argv("/gone.sh", "+odown", "master m 1.2.3.4 5"));
    queue.schedule(argv("/ok.sh"));
    queue.runPending(0);
    assertEquals(List.of("-script-error /gone.sh 0 2"), published());
    assertEquals(1, queue.size());
    assertEquals(1, queue.running());
    assertEquals(argv("/ok.sh"), launcher.started.get(0));
  }

  @Test
  void unknownPidsAreIgnored() {
    assertFalse(queue.exited(4242, new ExitStatus(1, 0), 0));
    assertEquals(0, queue.size());
  }

  @Test
  void pendingShowsRunDelayZeroBeforeTheFirstRunAndAfterTheRetryTime() {
    queue.schedule(argv("/a.sh"));
    assertEquals(List.of(new PendingScript(argv("/a.sh"), false, 0, 0, 0)), queue.pending(123));
    queue.runPending(0);
    queue.exited(1000, new ExitStatus(1, 0), 0);
    assertEquals(30_000, queue.pending(0).get(0).timeMs());
    assertEquals(0, queue.pending(40_000).get(0).timeMs());
  }

  @Test
  void javaExitValuesAboveOneHundredTwentyEightAreSignals() {
    assertEquals(new ExitStatus(0, 9), ExitStatus.fromJavaExitValue(137));
    assertEquals(new ExitStatus(0, 15), ExitStatus.fromJavaExitValue(143));
    assertEquals(new ExitStatus(1, 0), ExitStatus.fromJavaExitValue(1));
    assertEquals(new ExitStatus(128, 0), ExitStatus.fromJavaExitValue(128));
    assertEquals(new ExitStatus(255, 0), ExitStatus.fromJavaExitValue(255));
  }

  @Test
  void retryDelayFollowsSentinelDebug() {
    queue.setTiming(1_000, 500);
    assertEquals(500, queue.retryDelay(1));
    assertEquals(1_000, queue.retryDelay(2));
    assertEquals(256_000, queue.retryDelay(10));
  }
}
