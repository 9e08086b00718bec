package dev.vigil.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Writes {@code SET k<n> v} in a loop through a {@link JedisSentinelPool}, as an application would,
 * and records every key the server acknowledged plus the first acknowledgement of a write that
 * started after {@link #markFault()} (the fault makes the old primary unable to acknowledge, so
 * that write landed on the new primary).
 */
final class AckedWriter implements AutoCloseable {
  private final JedisSentinelPool pool;
  private final List<String> acked = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long faultNanos = Long.MAX_VALUE;
  private final AtomicLong firstAckAfterFault = new AtomicLong(0);
  private long failures;

  AckedWriter(String master, Set<String> sentinels, int timeoutMs) {
    GenericObjectPoolConfig<Jedis> cfg = new GenericObjectPoolConfig<>();
    cfg.setMaxTotal(4);
    cfg.setMaxWait(java.time.Duration.ofMillis(timeoutMs));
    pool =
        new JedisSentinelPool(master, new HashSet<>(sentinels), cfg, timeoutMs, timeoutMs, null, 0);
    thread = new Thread(this::loop, "bench-writer");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long seq = 0;
    while (running) {
      String key = "k" + seq++;
      long started = System.nanoTime();
      try (Jedis j = pool.getResource()) {
        j.set(key, "v");
        long now = System.nanoTime();
        synchronized (acked) {
          acked.add(key);
        }
        if (started >= faultNanos) {
          firstAckAfterFault.compareAndSet(0, now);
        }
      } catch (RuntimeException e) {
        failures++;
        try {
          Thread.sleep(5); // a retrying application, not a busy loop
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  void markFault() {
    faultNanos = System.nanoTime();
  }

  long faultNanos() {
    return faultNanos;
  }

  /** Nanos of the first acknowledged write started after the fault, 0 while none. */
  long firstAckAfterFault() {
    return firstAckAfterFault.get();
  }

  int ackedCount() {
    synchronized (acked) {
      return acked.size();
    }
  }

  long failures() {
    return failures;
  }

  /** Stops writing and returns every acknowledged key. */
  List<String> stop() throws InterruptedException {
    running = false;
    thread.join(10_000);
    synchronized (acked) {
      return new ArrayList<>(acked);
    }
  }

  @Override
  public void close() {
    running = false;
    pool.close();
  }
}
