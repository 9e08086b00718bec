package dev.vigil.runtime;

import dev.vigil.engine.Clock;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.link.InboundSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one thread that owns a {@link SentinelEngine}. Everything that touches the engine arrives
 * here as a message: transport answers ({@link #deliver}) and tasks from the RESP server and the
 * management plane ({@link #submit}). Between messages the loop sleeps until the deadline the
 * engine's last {@code poll} returned; after every batch of messages it polls again, since polling
 * early is always safe and a message may have moved a deadline forward.
 *
 * <p>Lifecycle: construct (the transport needs this as its sink before the engine exists), {@link
 * #start} with the engine (runs {@code engine.start()} on the loop thread), {@link #close}. An
 * exception thrown by the engine is reported to the error handler and the loop goes on: one bad
 * message must not stop failure detection.
 */
public final class EngineLoop<E> implements InboundSink, AutoCloseable {
  /**
   * How the loop drives its engine; {@link #SENTINEL} for the real one, fakes in the loop's tests.
   */
  public interface Driver<E> {
    void start(E engine);

    long poll(E engine, long nowMs);

    void handle(E engine, Inbound message);
  }

  /** Drives a {@link SentinelEngine}. */
  public static final Driver<SentinelEngine> SENTINEL =
      new Driver<>() {
        @Override
        public void start(SentinelEngine engine) {
          engine.start();
        }

        @Override
        public long poll(SentinelEngine engine, long nowMs) {
          return engine.poll(nowMs);
        }

        @Override
        public void handle(SentinelEngine engine, Inbound message) {
          engine.handle(message);
        }
      };

  /** A loop for the Sentinel engine. */
  public static EngineLoop<SentinelEngine> forSentinel(
      Clock clock, Consumer<Throwable> errors, Predicate<Throwable> fatal) {
    return new EngineLoop<>(clock, SENTINEL, errors, fatal);
  }

  /** Upper bound on one sleep, so a lost wake-up can never stall the engine for long. */
  static final long MAX_WAIT_MS = 1_000;

  private final Clock clock;
  private final Driver<E> driver;
  private final Consumer<Throwable> errors;
  private final Predicate<Throwable> fatal;
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private volatile Thread thread;
  private E engine;

  public EngineLoop(Clock clock, Driver<E> driver, Consumer<Throwable> errors) {
    this(clock, driver, errors, t -> false);
  }

  /**
   * @param errors told of every exception the engine throws, on the loop thread
   * @param fatal which exceptions end the loop (after {@code errors} was told), e.g. the engine's
   *     simulated crash; the engine must not be used after them
   */
  public EngineLoop(
      Clock clock, Driver<E> driver, Consumer<Throwable> errors, Predicate<Throwable> fatal) {
    this.clock = clock;
    this.driver = driver;
    this.errors = errors;
    this.fatal = fatal;
  }

  /** Starts the loop thread, which calls {@code engine.start()} first. */
  public synchronized void start(E engine) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    this.engine = engine;
    running = true;
    Thread t = new Thread(this::run, "vigil-engine");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void deliver(Inbound message) {
    queue.add(() -> driver.handle(engine, message));
  }

  /**
   * Runs {@code action} on the engine's thread and completes the future with its result (or its
   * exception). Fails at once when the loop is not running.
   */
  public <T> CompletableFuture<T> submit(Function<E, T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    queue.add(new Task<>(action, result));
    if (!running) {
      // Stopped before or while queueing: nobody will run it.
      abandonQueued();
    }
    return result;
  }

  private interface Abandonable extends Runnable {
    void abandon();
  }

  /** A submitted action; abandoned tasks fail their future instead of leaving callers waiting. */
  private final class Task<T> implements Abandonable {
    private final Function<E, T> action;
    private final CompletableFuture<T> result;

    Task(Function<E, T> action, CompletableFuture<T> result) {
      this.action = action;
      this.result = result;
    }

    @Override
    public void run() {
      try {
        result.complete(action.apply(engine));
      } catch (Throwable t) {
        result.completeExceptionally(t);
        if (fatal.test(t)) {
          stopAfter(t);
        }
      }
    }

    public void abandon() {
      result.completeExceptionally(new IllegalStateException("engine loop is not running"));
    }
  }

  private void abandonQueued() {
    for (Runnable r; (r = queue.poll()) != null; ) {
      if (r instanceof Abandonable task) {
        task.abandon();
      }
    }
  }

  /** True when called on the loop thread. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    long deadline = safely(() -> driver.start(engine)) ? poll() : clock.monotonicMs();
    while (running) {
      long waitMs = Math.min(MAX_WAIT_MS, Math.max(1, deadline - clock.monotonicMs()));
      Runnable next;
      try {
        next = queue.poll(waitMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      while (next != null && running) {
        safely(next);
        next = queue.poll();
      }
      if (running) {
        deadline = poll();
      }
    }
    abandonQueued();
  }

  private long poll() {
    long now = clock.monotonicMs();
    try {
      return driver.poll(engine, now);
    } catch (Throwable t) {
      report(t);
      return now + 100;
    }
  }

  private boolean safely(Runnable action) {
    try {
      action.run();
      return true;
    } catch (Throwable t) {
      report(t);
      return false;
    }
  }

  private void report(Throwable t) {
    if (fatal.test(t)) {
      stopAfter(t);
    } else {
      errors.accept(t);
    }
  }

  /** Ends the loop: nothing else reaches the engine after a fatal exception. */
  private void stopAfter(Throwable t) {
    running = false;
    errors.accept(t);
  }

  /** Stops the loop after the message in progress and waits for the thread to end. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    queue.add(() -> {});
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
