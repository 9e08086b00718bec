package dev.vigil.partition;

import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.RespClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A client application on one side of a partition: it connects from {@code localHost} (so the
 * firewall puts it on that side), learns the primary from the sentinels as a Sentinel client does
 * (asked every 100 ms, its own side's sentinel first, like a pool listening for {@code
 * +switch-master}), and writes {@code SET k<n> <n>} at a fixed rate. Every write the server
 * acknowledged ({@code +OK}) is recorded with where and when; errors and timeouts are not
 * acknowledgements (the application would retry or report them).
 */
final class PartitionWriter implements AutoCloseable {
  /** One acknowledged write. */
  record Ack(String key, HostPort at, long nanos) {}

  private static final Duration SENTINEL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration WRITE_TIMEOUT = Duration.ofMillis(200);
  private static final long RESOLVE_PERIOD_NANOS = 100_000_000L;

  private final String localHost;
  private final String master;
  private final List<HostPort> sentinels;
  private final long periodNanos;
  private final List<Ack> acks = new ArrayList<>();
  private final Thread writer;
  private final Thread resolver;
  private volatile HostPort primary;
  private volatile boolean running = true;
  private long failures;

  PartitionWriter(String localHost, String master, List<HostPort> sentinels, int writesPerSecond) {
    this.localHost = localHost;
    this.master = master;
    this.sentinels = List.copyOf(sentinels);
    this.periodNanos = 1_000_000_000L / writesPerSecond;
    this.primary = resolve();
    this.resolver = new Thread(this::resolveLoop, "partition-resolver");
    this.writer = new Thread(this::writeLoop, "partition-writer");
    resolver.setDaemon(true);
    writer.setDaemon(true);
    resolver.start();
    writer.start();
  }

  private void resolveLoop() {
    while (running) {
      HostPort p = resolve();
      if (p != null) {
        primary = p;
      }
      LockSupport.parkNanos(RESOLVE_PERIOD_NANOS);
    }
  }

  /** The first answer of a sentinel this side can reach, in the order given; null if none. */
  private HostPort resolve() {
    for (HostPort s : sentinels) {
      try (RespClient c = RespClient.connectFrom(localHost, s, SENTINEL_TIMEOUT)) {
        List<Object> a = c.callList("SENTINEL", "GET-MASTER-ADDR-BY-NAME", master);
        if (a != null && a.size() == 2) {
          return new HostPort(String.valueOf(a.get(0)), Integer.parseInt(String.valueOf(a.get(1))));
        }
      } catch (RuntimeException e) {
        // unreachable or not answering: ask the next one
      }
    }
    return null;
  }

  private void writeLoop() {
    RespClient conn = null;
    HostPort connectedTo = null;
    long seq = 0;
    long next = System.nanoTime();
    while (running) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      // A fixed rate, without bursts to catch up after a slow write.
      next = Math.max(next + periodNanos, System.nanoTime());
      HostPort target = primary;
      if (target == null) {
        failures++;
        continue;
      }
      if (conn != null && !target.equals(connectedTo)) {
        conn.close();
        conn = null;
      }
      String key = "k" + seq++;
      try {
        if (conn == null) {
          conn = RespClient.connectFrom(localHost, target, WRITE_TIMEOUT);
          connectedTo = target;
        }
        Object reply = conn.call("SET", key, key);
        if ("OK".equals(reply)) {
          long now = System.nanoTime();
          synchronized (acks) {
            acks.add(new Ack(key, target, now));
          }
        }
      } catch (RuntimeException e) {
        failures++;
        if (conn != null) {
          conn.close();
          conn = null;
        }
      }
    }
    if (conn != null) {
      conn.close();
    }
  }

  /** Acknowledged writes so far, in order. */
  List<Ack> acks() {
    synchronized (acks) {
      return new ArrayList<>(acks);
    }
  }

  long failures() {
    return failures;
  }

  /** Stops writing; returns every acknowledged write. */
  List<Ack> stop() throws InterruptedException {
    running = false;
    writer.join(5_000);
    resolver.join(5_000);
    return acks();
  }

  @Override
  public void close() {
    running = false;
  }
}
