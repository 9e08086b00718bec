package dev.vigil.link;

import dev.vigil.engine.Inbound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects what the transport delivers and lets a test wait for a matching message. */
final class RecordingSink implements InboundSink {
  private final LinkedBlockingQueue<Inbound> queue = new LinkedBlockingQueue<>();
  private final List<Inbound> seen = new ArrayList<>();

  @Override
  public void deliver(Inbound message) {
    queue.add(message);
  }

  /** Waits for the first not yet consumed message of {@code type} matching {@code match}. */
  <T extends Inbound> T await(Class<T> type, Predicate<T> match, Duration timeout)
      throws InterruptedException {
    synchronized (seen) {
      for (int i = 0; i < seen.size(); i++) {
        Inbound m = seen.get(i);
        if (type.isInstance(m) && match.test(type.cast(m))) {
          seen.remove(i);
          return type.cast(m);
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        Inbound m = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (m == null) {
          throw new AssertionError(
              "no " + type.getSimpleName() + " matching within " + timeout + "; seen " + seen);
        }
        if (type.isInstance(m) && match.test(type.cast(m))) {
          return type.cast(m);
        }
        seen.add(m);
      }
    }
  }

  <T extends Inbound> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
    return await(type, match, Duration.ofSeconds(5));
  }

  /** Everything delivered so far and not consumed by {@link #await}. */
  List<Inbound> drain() {
    synchronized (seen) {
      queue.drainTo(seen);
      List<Inbound> all = new ArrayList<>(seen);
      seen.clear();
      return all;
    }
  }
}
