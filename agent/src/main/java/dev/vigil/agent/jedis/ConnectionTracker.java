package dev.vigil.agent.jedis;

import dev.vigil.agent.AgentLog;
import dev.vigil.agent.HostPort;
import dev.vigil.agent.WeakIdentityMap;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers, per connection factory, the connections it made since its last switch, held weakly.
 * Each factory has a switch generation ("epoch"): {@link #retireAll} bumps it and retires
 * everything recorded. A connection whose making started under an older epoch (it raced with the
 * switch and may have connected to the old address) is retired as soon as it is reported.
 *
 * <p>Why not compare addresses instead: from Jedis 3.6 on, connections share their factory's socket
 * factory, so after a redirect a stale connection reports the new address.
 */
public final class ConnectionTracker {
  private static final class FactoryRecord {
    /** Held for a whole {@link #switchOnce}, never while {@code factories} is held. */
    final Object switchLock = new Object();

    long epoch;
    WeakIdentityMap<Object, Boolean> made = new WeakIdentityMap<>();
    HostPort target; // where the factory points since its last switch, null if never switched
  }

  private final WeakIdentityMap<Object, FactoryRecord> factories = new WeakIdentityMap<>();
  private final boolean closeSockets;

  public ConnectionTracker(boolean closeSockets) {
    this.closeSockets = closeSockets;
  }

  public long epoch(Object factory) {
    synchronized (factories) {
      FactoryRecord record = factories.get(factory);
      return record == null ? 0L : record.epoch;
    }
  }

  /** Records a connection a factory made; retires it at once if a switch happened meanwhile. */
  public void made(Object factory, Object pooledObject, long epochAtStart) {
    Object made = objectOf(pooledObject);
    if (made == null) {
      return;
    }
    boolean stale;
    HostPort target;
    synchronized (factories) {
      FactoryRecord record = factories.get(factory);
      if (record == null) {
        record = new FactoryRecord();
        factories.put(factory, record);
      }
      stale = record.epoch != epochAtStart;
      target = record.target;
      if (!stale) {
        record.made.put(made, Boolean.TRUE);
      }
    }
    if (stale) {
      AgentLog.debug("connection made across a switch, retiring it");
      StaleConnection.retire(made, closeSockets, target);
    }
  }

  /**
   * Bumps the factory's epoch and retires every connection it made before, re-aiming them at {@code
   * newTarget} (may be null); returns how many were still open.
   */
  public int retireAll(Object factory, HostPort newTarget) {
    List<Object> stale;
    synchronized (factories) {
      FactoryRecord record = factories.get(factory);
      if (record == null) {
        record = new FactoryRecord();
        factories.put(factory, record);
      }
      record.epoch++;
      record.target = newTarget;
      stale = record.made.keys();
      record.made = new WeakIdentityMap<>();
    }
    int retired = 0;
    List<Throwable> failures = new ArrayList<>();
    for (Object made : stale) {
      try {
        if (StaleConnection.retire(made, closeSockets, newTarget)) {
          retired++;
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      AgentLog.warn("could not retire " + failures.size() + " connection(s)", failures.get(0));
    }
    return retired;
  }

  /**
   * Switches the factory to {@code newTarget} once, however many threads report the same switch:
   * counts in {@code heldNow} (pooled objects the pool holds, made before we could see them), then
   * retires everything made before. Returns the number retired, or -1 if the factory already points
   * there.
   *
   * <p>A second caller waits until the first has retired everything: {@code JedisSentinelPool} runs
   * one listener per sentinel, and a listener that returned early would go on to publish the new
   * master while stale connections are still unmarked, so the application could hand one out again.
   */
  public int switchOnce(Object factory, HostPort newTarget, Iterable<?> heldNow) {
    FactoryRecord record;
    synchronized (factories) {
      record = factories.get(factory);
      if (record == null) {
        record = new FactoryRecord();
        factories.put(factory, record);
      }
    }
    synchronized (record.switchLock) {
      if (newTarget.equals(target(factory))) {
        return -1;
      }
      long epoch = epoch(factory);
      for (Object pooledObject : heldNow) {
        made(factory, pooledObject, epoch);
      }
      return retireAll(factory, newTarget);
    }
  }

  /** Where the factory was last switched to, null if never. */
  public HostPort target(Object factory) {
    synchronized (factories) {
      FactoryRecord record = factories.get(factory);
      return record == null ? null : record.target;
    }
  }

  /** Connections currently tracked for a factory (tests, diagnostics). */
  public int tracked(Object factory) {
    synchronized (factories) {
      FactoryRecord record = factories.get(factory);
      return record == null ? 0 : record.made.size();
    }
  }

  private static Object objectOf(Object pooledObject) {
    Method getObject = Reflect.method(pooledObject.getClass(), "getObject");
    return getObject == null ? null : Reflect.invoke(getObject, pooledObject);
  }
}
