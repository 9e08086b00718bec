package dev.vigil.runtime;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.Timing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sentinel's script queue (spec §9: {@code sentinelScheduleScriptExecution}, {@code
 * sentinelRunPendingScripts}, {@code sentinelCollectTerminatedScripts}, {@code
 * sentinelKillTimedoutScripts}, {@code sentinelPendingScriptsCommand}) without threads or a clock
 * of its own: the caller passes the time and reports process exits. Owned by one thread ({@link
 * ScriptExecutor}'s).
 *
 * <p>Rules, as in {@code sentinel.c}:
 *
 * <ul>
 *   <li>At most {@value #MAX_QUEUE} jobs; scheduling one more drops the oldest job that is not
 *       running.
 *   <li>At most {@value #MAX_RUNNING} run at once; jobs start oldest first, each start increments
 *       {@code retry-num} (so the first run has retry-num 1).
 *   <li>Exit 0: done. Exit 1 or death by a signal (SIGKILL after a timeout included): run again
 *       after {@code script-retry-delay * 2^(retry-num - 1)} (30 s, 60 s, 2 min, ...), unless this
 *       was run number {@value #MAX_RETRY}. Otherwise (exit ≥ 2 or retries exhausted) the job is
 *       removed with {@code -script-error <path> <signal> <exitcode>} when it did not exit 0.
 *   <li>A job running longer than {@code script-max-runtime} gets {@code -script-timeout <path>
 *       <pid>} and SIGKILL.
 * </ul>
 *
 * <p>A script that cannot be executed (no such file, not executable) behaves as Sentinel's child
 * whose {@code execve} failed: exit code 2, so {@code -script-error <path> 0 2} and no retry.
 */
final class ScriptQueue {
  static final int MAX_QUEUE = 256; // SENTINEL_SCRIPT_MAX_QUEUE
  static final int MAX_RUNNING = 16; // SENTINEL_SCRIPT_MAX_RUNNING
  static final int MAX_RETRY = 10; // SENTINEL_SCRIPT_MAX_RETRY

  /** "Not set" for times, far from any real monotonic time and safe to subtract. */
  private static final long NEVER = Long.MIN_VALUE / 4;

  /** A job as {@code SENTINEL PENDING-SCRIPTS} shows it. */
  record PendingScript(List<String> argv, boolean running, long pid, long timeMs, int retryNum) {}

  private static final class Job {
    final List<String> argv;
    boolean running;

    /** When the current run started, or (not running) when a retry may start; NEVER at first. */
    long startTime = NEVER;

    long pid;
    int retryNum;
    ScriptLauncher.Started process;
    boolean killSent;

    Job(List<String> argv) {
      this.argv = argv;
    }
  }

  private final ScriptLauncher launcher;
  private final EventSink events;
  private final List<Job> jobs = new ArrayList<>();
  private int running;
  private long maxRuntimeMs = Timing.DEFAULTS.scriptMaxRuntimeMs();
  private long retryDelayMs = Timing.DEFAULTS.scriptRetryDelayMs();

  ScriptQueue(ScriptLauncher launcher, EventSink events) {
    this.launcher = launcher;
    this.events = events;
  }

  /** {@code SENTINEL DEBUG script-max-runtime / script-retry-delay}. */
  void setTiming(long maxRuntimeMs, long retryDelayMs) {
    this.maxRuntimeMs = maxRuntimeMs;
    this.retryDelayMs = retryDelayMs;
  }

  /** {@code sentinelScheduleScriptExecution}: queued, started by the next {@link #runPending}. */
  void schedule(List<String> argv) {
    jobs.add(new Job(List.copyOf(argv)));
    if (jobs.size() > MAX_QUEUE) {
      // The oldest job that is not running makes room (there always is one: 16 < 256).
      for (Iterator<Job> it = jobs.iterator(); it.hasNext(); ) {
        if (!it.next().running) {
          it.remove();
          break;
        }
      }
    }
  }

  /** {@code sentinelRunPendingScripts}: starts due jobs, oldest first, up to the running limit. */
  void runPending(long now) {
    for (Iterator<Job> it = jobs.iterator(); running < MAX_RUNNING && it.hasNext(); ) {
      Job job = it.next();
      if (job.running || (job.startTime != NEVER && job.startTime > now)) {
        continue;
      }
      job.running = true;
      job.startTime = now;
      job.retryNum++;
      job.killSent = false;
      ScriptLauncher.Started process;
      try {
        process = launcher.start(job.argv);
      } catch (IOException e) {
        // Sentinel's child _exit(2)s when execve fails: not retried.
        scriptError(job, 0, 2);
        it.remove();
        continue;
      }
      running++;
      job.process = process;
      job.pid = process.pid();
      events.emit(new SentinelEvent(Level.DEBUG, "+script-child", Long.toString(job.pid), null));
    }
  }

  /** {@code sentinelCollectTerminatedScripts} for one process: true if it was one of ours. */
  boolean exited(long pid, ScriptLauncher.ExitStatus status, long now) {
    events.emit(
        new SentinelEvent(
            Level.DEBUG,
            "-script-child",
            pid + " " + status.exitCode() + " " + status.signal(),
            null));
    Job job = runningJob(pid);
    if (job == null) {
      return false;
    }
    job.running = false;
    job.pid = 0;
    job.process = null;
    running--;
    boolean retryable = status.signal() != 0 || status.exitCode() == 1;
    if (retryable && job.retryNum != MAX_RETRY) {
      job.startTime = now + retryDelay(job.retryNum);
    } else {
      if (status.signal() != 0 || status.exitCode() != 0) {
        scriptError(job, status.signal(), status.exitCode());
      }
      jobs.remove(job);
    }
    return true;
  }

  /** {@code sentinelKillTimedoutScripts}: SIGKILL (once) for runs older than the max runtime. */
  void killTimedOut(long now) {
    for (Job job : jobs) {
      if (job.running && !job.killSent && now - job.startTime > maxRuntimeMs) {
        job.killSent = true;
        events.emit(
            new SentinelEvent(
                Level.WARNING, "-script-timeout", job.argv.get(0) + " " + job.pid, null));
        job.process.kill();
      }
    }
  }

  /**
   * When something is next due: a retry becoming runnable, or a run reaching its max runtime;
   * {@code now} when a job could start at once, {@link Long#MAX_VALUE} when nothing is due.
   */
  long nextDeadline(long now) {
    long next = Long.MAX_VALUE;
    for (Job job : jobs) {
      if (job.running) {
        if (!job.killSent) {
          next = Math.min(next, job.startTime + maxRuntimeMs + 1);
        }
      } else if (job.startTime != NEVER && job.startTime > now) {
        next = Math.min(next, job.startTime);
      } else if (running < MAX_RUNNING) {
        return now;
      }
    }
    return next;
  }

  /** {@code SENTINEL PENDING-SCRIPTS}: every job, oldest first. */
  List<PendingScript> pending(long now) {
    List<PendingScript> out = new ArrayList<>(jobs.size());
    for (Job job : jobs) {
      long time;
      if (job.running) {
        time = now - job.startTime;
      } else {
        time = job.startTime == NEVER ? 0 : Math.max(0, job.startTime - now);
      }
      out.add(new PendingScript(job.argv, job.running, job.pid, time, job.retryNum));
    }
    return out;
  }

  /** INFO {@code sentinel_running_scripts}. */
  int running() {
    return running;
  }

  /** INFO {@code sentinel_scripts_queue_length}. */
  int size() {
    return jobs.size();
  }

  /** {@code sentinelScriptRetryDelay}: the delay doubles with every further retry. */
  long retryDelay(int retryNum) {
    long delay = retryDelayMs;
    for (int n = retryNum; n > 1; n--) {
      delay *= 2;
    }
    return delay;
  }

  private Job runningJob(long pid) {
    for (Job job : jobs) {
      if (job.running && job.pid == pid) {
        return job;
      }
    }
    return null;
  }

  private void scriptError(Job job, int signal, int exitCode) {
    events.emit(
        new SentinelEvent(
            Level.WARNING, "-script-error", job.argv.get(0) + " " + signal + " " + exitCode, null));
  }
}
