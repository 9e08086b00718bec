package dev.vigil.runtime;

import dev.vigil.engine.Clock;
import dev.vigil.engine.EventSink;
import dev.vigil.engine.ScriptRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the {@link ScriptQueue} on its own thread ({@code vigil-scripts}), so starting processes and
 * waiting for them never holds up the engine loop. The engine's {@link ScriptRunner#schedule} and
 * process exits ({@link Process#onExit}, on JDK threads) arrive as tasks on that thread; after each
 * task the queue starts what is due, kills what overran, and a wake-up is set for the next deadline
 * (retry time or max runtime), measured with the runtime's {@link Clock}. Events ({@code
 * -script-error}, {@code -script-timeout}) go to the sink given, which hands them to the engine
 * loop.
 *
 * <p>Lifecycle: construct, use, {@link #close}. Closing stops the thread; scripts already running
 * are left to finish, as Sentinel's children outlive it.
 */
final class ScriptExecutor implements ScriptRunner, StatusBoard.ScriptCounts, AutoCloseable {
  private final Clock clock;
  private final ScriptQueue queue;
  private final ScheduledExecutorService thread;
  private final Consumer<Throwable> errors;
  private ScheduledFuture<?> wakeUp;
  private long wakeUpAt = Long.MAX_VALUE;
  private volatile int running;
  private volatile int queued;

  ScriptExecutor(
      Clock clock, ScriptLauncher launcher, EventSink events, Consumer<Throwable> errors) {
    this.clock = clock;
    this.errors = errors;
    this.queue = new ScriptQueue(watching(launcher), events);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-scripts");
              t.setDaemon(true);
              return t;
            });
  }

  /** Called on the engine thread; returns at once. */
  @Override
  public void schedule(List<String> argv) {
    List<String> copy = List.copyOf(argv);
    run(() -> queue.schedule(copy));
  }

  /** {@code SENTINEL DEBUG script-max-runtime / script-retry-delay} changed. */
  void setTiming(long maxRuntimeMs, long retryDelayMs) {
    run(() -> queue.setTiming(maxRuntimeMs, retryDelayMs));
  }

  /** {@code SENTINEL PENDING-SCRIPTS}, taken on the scripts thread. */
  CompletableFuture<List<ScriptQueue.PendingScript>> pending() {
    CompletableFuture<List<ScriptQueue.PendingScript>> result = new CompletableFuture<>();
    try {
      thread.execute(() -> result.complete(queue.pending(clock.monotonicMs())));
    } catch (RejectedExecutionException e) {
      result.complete(List.of());
    }
    return result;
  }

  /** INFO {@code sentinel_running_scripts}. */
  @Override
  public int running() {
    return running;
  }

  /** INFO {@code sentinel_scripts_queue_length}. */
  @Override
  public int queueLength() {
    return queued;
  }

  /** Applies {@code change} on the scripts thread, then does what is due. */
  private void run(Runnable change) {
    try {
      thread.execute(
          () -> {
            try {
              change.run();
              step();
            } catch (RuntimeException e) {
              errors.accept(e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed: nothing runs any more.
    }
  }

  /** Sentinel's timer part for scripts: run pending, kill timed out; then wait for what is next. */
  private void step() {
    long now = clock.monotonicMs();
    queue.runPending(now);
    queue.killTimedOut(now);
    running = queue.running();
    queued = queue.size();
    long next = queue.nextDeadline(clock.monotonicMs());
    if (next == wakeUpAt && wakeUp != null && !wakeUp.isDone()) {
      return;
    }
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
    wakeUpAt = next;
    if (next != Long.MAX_VALUE) {
      long delay = Math.max(0, next - clock.monotonicMs());
      wakeUp = thread.schedule(() -> run(() -> {}), delay, TimeUnit.MILLISECONDS);
    }
  }

  /** Reports each started process's exit back to this thread ({@code waitpid} in Sentinel). */
  private ScriptLauncher watching(ScriptLauncher launcher) {
    return argv -> {
      ScriptLauncher.Started started = launcher.start(argv);
      long pid = started.pid();
      started
          .onExit()
          .whenComplete(
              (status, failure) -> {
                if (status != null) {
                  run(() -> queue.exited(pid, status, clock.monotonicMs()));
                } else {
                  errors.accept(failure);
                }
              });
      return started;
    };
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
