package dev.vigil.management;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.EngineSnapshot.MasterSnapshot;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.management.EngineViews.PromotionOrder;
import dev.vigil.management.view.SentinelView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The management plane's view of a running engine: takes a snapshot on the engine's thread (the
 * only place it may be taken), converts it here, and caches it for {@value #MAX_AGE_MS} ms so a
 * JConsole refresh of twenty attributes costs one engine task, not twenty.
 *
 * <p>It also remembers the promotion order a failover used: while this sidecar runs a failover and
 * has not picked a replica yet, the current order is remembered; the remembered order is frozen for
 * that epoch once a promoted replica appears. A failover forced through {@link #failoverWithOrder}
 * records the order of the snapshot taken in the same engine task, which is exactly what the
 * selection sees.
 */
public final class SnapshotViewSource implements Supplier<SentinelView> {
  static final long MAX_AGE_MS = 100;
  static final long TIMEOUT_MS = 5_000;

  private final EngineTasks tasks;
  private final int port;
  private final long startedAtEpochMs;
  private final LongSupplier monotonicMs;
  private final Map<String, PromotionOrder> pending = new ConcurrentHashMap<>();
  private final Map<String, PromotionOrder> used = new ConcurrentHashMap<>();
  private SentinelView cached;
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
    if (cached == null || now - cachedAtMs >= MAX_AGE_MS) {
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

  /** Converts {@code snapshot}, updating the promotion memory with what it shows. */
  SentinelView view(EngineSnapshot snapshot) {
    for (MasterSnapshot m : snapshot.masters()) {
      observe(m);
    }
    used.keySet().retainAll(snapshot.masters().stream().map(MasterSnapshot::name).toList());
    return EngineViews.toView(snapshot, port, startedAtEpochMs, new HashMap<>(used));
  }

  private void observe(MasterSnapshot m) {
    if (!m.failoverInProgress()) {
      pending.remove(m.name());
      return;
    }
    PromotionOrder frozen = used.get(m.name());
    if (frozen != null && frozen.epoch() == m.failoverEpoch()) {
      return;
    }
    if (m.promotedReplica() == null) {
      pending.put(m.name(), new PromotionOrder(m.failoverEpoch(), EngineViews.currentOrder(m)));
    } else {
      PromotionOrder before = pending.remove(m.name());
      if (before != null && before.epoch() == m.failoverEpoch() && !before.addresses().isEmpty()) {
        used.put(m.name(), before);
      }
    }
  }

  /**
   * A task for {@link EngineTasks} that forces a failover and records the promotion order the
   * engine's selection sees in that same step.
   */
  Function<SentinelEngine, String> failoverWithOrder(String master) {
    return engine -> {
      MasterSnapshot before = engine.snapshot().master(master);
      String error = engine.failover(master);
      if (error == null && before != null) {
        MasterSnapshot after = engine.snapshot().master(master);
        long epoch = after == null ? 0 : after.failoverEpoch();
        List<String> order = EngineViews.currentOrder(before);
        if (!order.isEmpty()) {
          pending.put(master, new PromotionOrder(epoch, order));
          if (after != null && after.promotedReplica() != null) {
            used.put(master, pending.remove(master));
          }
        }
      }
      return error;
    };
  }
}
