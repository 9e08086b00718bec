package dev.vigil.agent.bridge;

/**
 * The only Vigil type the instrumented Jedis code calls. It is injected into the bootstrap class
 * loader so that advice inlined into Jedis classes resolves it from any application class loader
 * (flat class path, Spring Boot fat jar, application servers). It therefore uses JDK types only and
 * holds no logic: it forwards to the {@link Hooks} the agent installs and swallows everything, so
 * that a failure inside the agent can never reach the application.
 */
public final class VigilBridge {
  /** What the agent does when instrumented Jedis code reports an event. JDK types only. */
  public interface Hooks {
    /** A {@code JedisPool} or {@code PooledConnectionProvider} constructor finished. */
    void poolConstructed(Object pool);

    /** The current switch generation of a connection factory, read before it makes an object. */
    long factoryEpoch(Object factory);

    /** A factory made a pooled object; {@code epochAtStart} is what {@link #factoryEpoch} said. */
    void objectMade(Object factory, Object pooledObject, long epochAtStart);

    /** A {@code JedisSentinelPool} finished {@code initPool}/{@code initMaster}. */
    void sentinelPoolMasterSet(Object sentinelPool, Object masterBefore, Object masterAfter);

    /** Jedis built an error reply exception (the agent looks for {@code READONLY}). */
    void dataError(Throwable error);
  }

  private static volatile Hooks hooks;

  private VigilBridge() {}

  /** Installs the agent's hooks once; returns false if an agent is already installed. */
  public static synchronized boolean install(Hooks newHooks) {
    if (hooks != null) {
      return false;
    }
    hooks = newHooks;
    return true;
  }

  /** Whether an agent has installed its hooks (used to make a second attach a no-op). */
  public static boolean installed() {
    return hooks != null;
  }

  public static void poolConstructed(Object pool) {
    Hooks h = hooks;
    if (h == null || pool == null) {
      return;
    }
    try {
      h.poolConstructed(pool);
    } catch (Throwable ignored) {
      // Never let the agent break the application's constructor.
    }
  }

  public static long factoryEpoch(Object factory) {
    Hooks h = hooks;
    if (h == null) {
      return 0L;
    }
    try {
      return h.factoryEpoch(factory);
    } catch (Throwable ignored) {
      return 0L;
    }
  }

  public static void objectMade(Object factory, Object pooledObject, long epochAtStart) {
    Hooks h = hooks;
    if (h == null || pooledObject == null) {
      return;
    }
    try {
      h.objectMade(factory, pooledObject, epochAtStart);
    } catch (Throwable ignored) {
      // The connection is still handed to the application; it just is not tracked.
    }
  }

  public static void sentinelPoolMasterSet(
      Object sentinelPool, Object masterBefore, Object masterAfter) {
    Hooks h = hooks;
    if (h == null) {
      return;
    }
    try {
      h.sentinelPoolMasterSet(sentinelPool, masterBefore, masterAfter);
    } catch (Throwable ignored) {
      // JedisSentinelPool keeps its own behaviour.
    }
  }

  public static void dataError(Throwable error) {
    Hooks h = hooks;
    if (h == null || error == null) {
      return;
    }
    try {
      h.dataError(error);
    } catch (Throwable ignored) {
      // The application gets its exception unchanged.
    }
  }
}
