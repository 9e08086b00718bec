package dev.vigil.sim;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The one source of time and randomness of a simulated run: a seeded PRNG and a queue of timed
 * tasks ordered by (virtual time, insertion sequence), so that a seed replays the exact same run.
 *
 * <p>Nothing in the simulation reads real time or creates threads; every component schedules work
 * here and the run loop executes it one task at a time.
 */
final class SimScheduler {
  private final SplittableRandom random;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowMs;
  private long sequence;
  private long executed;
  private long tasksAtThisInstant;

  /**
   * More tasks than this at one virtual instant means something loops without letting time pass.
   */
  static final long MAX_TASKS_PER_INSTANT = 20_000;

  /** Thrown when work repeats without virtual time advancing (a busy loop). */
  static final class BusyLoopException extends RuntimeException {
    BusyLoopException(String message) {
      super(message, null, false, false);
    }
  }

  SimScheduler(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Virtual milliseconds since the start of the run. */
  long nowMs() {
    return nowMs;
  }

  SplittableRandom random() {
    return random;
  }

  /** A child generator with its own stream, e.g. for one engine's RandomGenerator. */
  SplittableRandom split() {
    return random.split();
  }

  long executedTasks() {
    return executed;
  }

  /** Runs {@code action} at {@code nowMs + delayMs} (never in the past). */
  void after(long delayMs, Runnable action) {
    at(nowMs + Math.max(0, delayMs), action);
  }

  /** Runs {@code action} at virtual time {@code timeMs} (clamped to now). */
  void at(long timeMs, Runnable action) {
    queue.add(new Task(Math.max(timeMs, nowMs), sequence++, action));
  }

  /** Executes every task due up to and including {@code endMs}, then sets the time to it. */
  void runUntil(long endMs) {
    while (!queue.isEmpty() && queue.peek().timeMs <= endMs) {
      runTask(queue.poll());
    }
    nowMs = Math.max(nowMs, endMs);
  }

  /** Executes the next task if any; returns false when the queue is empty. */
  boolean step() {
    Task task = queue.poll();
    if (task == null) {
      return false;
    }
    runTask(task);
    return true;
  }

  private void runTask(Task task) {
    if (task.timeMs == nowMs) {
      if (++tasksAtThisInstant > MAX_TASKS_PER_INSTANT) {
        throw new BusyLoopException(
            tasksAtThisInstant + " tasks at virtual time " + nowMs + " ms without time passing");
      }
    } else {
      tasksAtThisInstant = 1;
    }
    nowMs = task.timeMs;
    executed++;
    task.action.run();
  }

  int pending() {
    return queue.size();
  }

  /** Uniform in [lo, hi] (inclusive). */
  long between(long lo, long hi) {
    return hi <= lo ? lo : lo + random.nextLong(hi - lo + 1);
  }

  boolean chance(double probability) {
    return probability > 0 && random.nextDouble() < probability;
  }

  private record Task(long timeMs, long seq, Runnable action) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(timeMs, o.timeMs);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
