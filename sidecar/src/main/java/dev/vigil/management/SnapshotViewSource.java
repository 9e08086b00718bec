package dev.vigil.management;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.EngineSnapshot.MasterSnapshot;
import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.jmx.SentinelNotifications;
import dev.vigil.management.EngineViews.PromotionOrder;
import dev.vigil.management.view.SentinelView;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The management plane's view of a running engine: takes a snapshot on the engine's thread (the
 * only place it may be taken), converts it here, and caches it for {@value #MAX_AGE_MS} ms so a
 * JConsole refresh of twenty attributes costs one engine task, not twenty.
 *
 * <p>It also records the promotion order each failover used: {@link #promotionRecorder()} sees
 * {@code +selected-slave} on the engine thread and queues a snapshot right behind that engine step.
 * Ranking ignores the promoted flag and nothing else has arrived in between, so that snapshot's
 * order is the order the selection saw.
 */
public final class SnapshotViewSource implements Supplier<SentinelView> {
  static final long MAX_AGE_MS = 100;
  static final long TIMEOUT_MS = 5_000;

  private final EngineTasks tasks;
  private final int port;
  private final long startedAtEpochMs;
  private final LongSupplier monotonicMs;
  private final Map<String, PromotionOrder> used = new ConcurrentHashMap<>();
  private SentinelView cached;
  private volatile boolean stale;
  private long cachedAtMs;

  public SnapshotViewSource(
      EngineTasks tasks, int port, long startedAtEpochMs, LongSupplier monotonicMs) {
    this.tasks = tasks;
    this.port = port;
    this.startedAtEpochMs = startedAtEpochMs;
    this.monotonicMs = monotonicMs;
  }

  @Override
  public synchronized SentinelView get() {
    long now = monotonicMs.getAsLong();
    if (cached == null || stale || now - cachedAtMs >= MAX_AGE_MS) {
      stale = false;
      EngineSnapshot snapshot;
      try {
        snapshot = tasks.submit(SentinelEngine::snapshot).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the engine's state");
      } catch (Exception e) {
        throw new IllegalStateException("the engine did not hand out its state: " + e, e);
      }
      cached = view(snapshot);
      cachedAtMs = now;
    }
    return cached;
  }

  /** Converts {@code snapshot} with the promotion orders recorded so far. */
  SentinelView view(EngineSnapshot snapshot) {
    used.keySet().retainAll(snapshot.masters().stream().map(MasterSnapshot::name).toList());
    return EngineViews.toView(snapshot, port, startedAtEpochMs, new HashMap<>(used));
  }

  /**
   * An event sink (it runs on the engine thread and must not block): on {@code +selected-slave} it
   * queues a snapshot behind the current engine step and records that snapshot's order.
   */
  public EventSink promotionRecorder() {
    return event -> {
      if (SentinelNotifications.SELECTED_SLAVE.equals(event.type()) && event.masterName() != null) {
        String master = event.masterName();
        tasks.submit(SentinelEngine::snapshot).thenAccept(s -> record(master, s));
      }
    };
  }

  /** Records the order {@code master}'s failover used, as shown by a snapshot taken right after. */
  void record(String master, EngineSnapshot snapshot) {
    MasterSnapshot m = snapshot.master(master);
    if (m != null) {
      used.put(master, new PromotionOrder(m.failoverEpoch(), EngineViews.currentOrder(m)));
      // Runs on the engine thread (the future completes there): never take this object's lock,
      // which get() holds while it waits for the engine.
      stale = true;
    }
  }
}
