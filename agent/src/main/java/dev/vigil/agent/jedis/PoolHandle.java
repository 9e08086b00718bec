package dev.vigil.agent.jedis;

import static dev.vigil.agent.jedis.JedisNames.GENERIC_OBJECT_POOL;

import dev.vigil.agent.HostPort;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reflective access to one application pool ({@code JedisPool} of any version, or a 4.x+ {@code
 * PooledConnectionProvider}, of Jedis or valkey-java): where it points, how to point it elsewhere,
 * how to drop its idle connections. Built by {@link #inspect}, which refuses pools the agent cannot
 * redirect safely.
 *
 * <p>Where the target lives: {@code JedisFactory.hostAndPort} (an {@code AtomicReference}, ≤ 3.5),
 * or the {@code DefaultJedisSocketFactory} shared by the factory and every connection it made
 * (3.6+; {@code ConnectionFactory.jedisSocketFactory} in 4–6, {@code
 * connectionBuilder.getSocketFactory()} in 7+).
 */
public final class PoolHandle {
  private final String kind;
  private final JedisNames names;
  private final Object genericObjectPool;
  private final Object factory;
  private final Object socketFactory;
  private final ClassLoader loader;

  private PoolHandle(
      String kind,
      JedisNames names,
      Object genericObjectPool,
      Object factory,
      Object socketFactory,
      ClassLoader loader) {
    this.kind = kind;
    this.names = names;
    this.genericObjectPool = genericObjectPool;
    this.factory = factory;
    this.socketFactory = socketFactory;
    this.loader = loader;
  }

  /**
   * Kind name for a pool object: {@code JedisPool} or {@code PooledConnectionProvider} for Jedis,
   * the same prefixed with {@code valkey-java } for valkey-java, else the class name.
   */
  public static String kindOf(Object pool) {
    Class<?> type = pool.getClass();
    JedisNames names = JedisNames.of(type);
    if (names == null) {
      return type.getName();
    }
    String prefix = names == JedisNames.JEDIS ? "" : names.library + " ";
    if (Reflect.isA(type, names.jedisPool)) {
      return prefix + "JedisPool";
    }
    if (Reflect.isA(type, names.pooledConnectionProvider)) {
      return prefix + "PooledConnectionProvider";
    }
    return type.getName();
  }

  public static PoolHandle inspect(Object pool) throws UnsupportedPoolException {
    Class<?> type = pool.getClass();
    ClassLoader loader = type.getClassLoader();
    JedisNames names = JedisNames.of(type);
    if (names == null) {
      throw new UnsupportedPoolException("not a pool of Jedis or valkey-java");
    }
    Object gop;
    String kind = kindOf(pool);
    if (Reflect.isA(type, names.jedisPool)) {
      if (Reflect.isA(type, GENERIC_OBJECT_POOL)) {
        gop = pool; // 4.x+: the pool is the GenericObjectPool.
      } else {
        Field internalPool = Reflect.field(type, "internalPool");
        if (internalPool == null) {
          throw new UnsupportedPoolException("no internalPool in " + type.getName());
        }
        gop = Reflect.get(internalPool, pool);
      }
    } else if (Reflect.isA(type, names.pooledConnectionProvider)) {
      Field poolField = Reflect.field(type, "pool");
      if (poolField == null) {
        throw new UnsupportedPoolException("no pool field in " + type.getName());
      }
      gop = Reflect.get(poolField, pool);
    } else {
      throw new UnsupportedPoolException("not a JedisPool or PooledConnectionProvider");
    }
    if (gop == null || !Reflect.isA(gop.getClass(), GENERIC_OBJECT_POOL)) {
      throw new UnsupportedPoolException("its pool is not a commons-pool2 GenericObjectPool");
    }
    Object factory = Reflect.invoke(Reflect.method(gop.getClass(), "getFactory"), gop);
    if (factory == null) {
      throw new UnsupportedPoolException("its pool has no factory");
    }
    String factoryName = factory.getClass().getName();
    Object socketFactory = null;
    if (factoryName.equals(names.jedisFactory)) {
      Field socketFactoryField = Reflect.field(factory.getClass(), "jedisSocketFactory");
      if (socketFactoryField != null) {
        socketFactory =
            requireDefaultSocketFactory(names, Reflect.get(socketFactoryField, factory));
      } else if (Reflect.field(factory.getClass(), "hostAndPort") == null) {
        throw new UnsupportedPoolException("JedisFactory holds no target address this agent knows");
      }
    } else if (factoryName.equals(names.connectionFactory)) {
      Field direct = Reflect.field(factory.getClass(), "jedisSocketFactory");
      Object candidate = null;
      if (direct != null) {
        candidate = Reflect.get(direct, factory);
      }
      if (candidate == null) {
        Field builderField = Reflect.field(factory.getClass(), "connectionBuilder");
        Object builder = builderField == null ? null : Reflect.get(builderField, factory);
        if (builder != null) {
          candidate =
              Reflect.invoke(Reflect.method(builder.getClass(), "getSocketFactory"), builder);
        }
      }
      socketFactory = requireDefaultSocketFactory(names, candidate);
    } else {
      throw new UnsupportedPoolException("custom object factory " + factoryName);
    }
    return new PoolHandle(kind, names, gop, factory, socketFactory, loader);
  }

  private static Object requireDefaultSocketFactory(JedisNames names, Object socketFactory)
      throws UnsupportedPoolException {
    if (socketFactory == null) {
      throw new UnsupportedPoolException("no socket factory found");
    }
    if (!socketFactory.getClass().getName().equals(names.defaultSocketFactory)) {
      throw new UnsupportedPoolException(
          "custom socket factory " + socketFactory.getClass().getName());
    }
    return socketFactory;
  }

  public String kind() {
    return kind;
  }

  /** The connection factory; the agent tracks what it makes. */
  public Object factory() {
    return factory;
  }

  /** Where new connections of this pool go now. */
  public HostPort target() {
    Object hostAndPort;
    if (socketFactory != null) {
      hostAndPort =
          Reflect.invoke(Reflect.method(socketFactory.getClass(), "getHostAndPort"), socketFactory);
    } else {
      Object ref = Reflect.get(Reflect.field(factory.getClass(), "hostAndPort"), factory);
      hostAndPort = ((AtomicReference<?>) ref).get();
    }
    return toHostPort(hostAndPort);
  }

  /** Points new connections at {@code target}. */
  public void redirect(HostPort target) {
    Class<?> hostAndPortType = Reflect.load(loader(), names.hostAndPort);
    Object hostAndPort;
    try {
      hostAndPort =
          hostAndPortType
              .getConstructor(String.class, int.class)
              .newInstance(target.host(), target.port());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create HostAndPort", e);
    }
    if (factory.getClass().getName().equals(names.jedisFactory)) {
      // In 3.6+ this forwards to the socket factory; in 4.x it is package-private, hence
      // reflection.
      Method setter = Reflect.method(factory.getClass(), "setHostAndPort", hostAndPortType);
      Reflect.invoke(setter, factory, hostAndPort);
    } else {
      Method update =
          Reflect.method(socketFactory.getClass(), "updateHostAndPort", hostAndPortType);
      Reflect.invoke(update, socketFactory, hostAndPort);
    }
  }

  /** Destroys idle connections (borrowed ones are handled by the connection tracker). */
  public void clearIdle() {
    Reflect.invoke(Reflect.method(genericObjectPool.getClass(), "clear"), genericObjectPool);
  }

  /**
   * The pooled objects (idle and borrowed) the pool holds now, from commons-pool2's private {@code
   * allObjects} map. Used when the agent meets a pool it did not see being built (dynamic attach),
   * so that connections made before the agent arrived can still be retired on a switch.
   */
  public java.util.Collection<?> pooledObjects() {
    return pooledObjectsOf(genericObjectPool);
  }

  /**
   * The pooled objects of any Jedis pool: a 4.x+ pool is itself a {@code GenericObjectPool}, a
   * 2.x/3.x one holds it in {@code internalPool}. Empty when neither applies.
   */
  public static java.util.Collection<?> pooledObjectsOf(Object pool) {
    Object gop = pool;
    if (!Reflect.isA(pool.getClass(), GENERIC_OBJECT_POOL)) {
      Field internalPool = Reflect.field(pool.getClass(), "internalPool");
      gop = internalPool == null ? null : Reflect.get(internalPool, pool);
    }
    if (gop == null) {
      return java.util.Collections.emptyList();
    }
    Field allObjects = Reflect.field(gop.getClass(), "allObjects");
    if (allObjects == null) {
      return java.util.Collections.emptyList();
    }
    Object map = Reflect.get(allObjects, gop);
    return map instanceof java.util.Map
        ? new java.util.ArrayList<Object>(((java.util.Map<?, ?>) map).values())
        : java.util.Collections.emptyList();
  }

  public int numActive() {
    return (Integer)
        Reflect.invoke(
            Reflect.method(genericObjectPool.getClass(), "getNumActive"), genericObjectPool);
  }

  public int numIdle() {
    return (Integer)
        Reflect.invoke(
            Reflect.method(genericObjectPool.getClass(), "getNumIdle"), genericObjectPool);
  }

  private ClassLoader loader() {
    ClassLoader factoryLoader = factory.getClass().getClassLoader();
    return factoryLoader != null ? factoryLoader : loader;
  }

  /** Converts a Jedis {@code HostAndPort} (any version) to ours. */
  public static HostPort toHostPort(Object hostAndPort) {
    if (hostAndPort == null) {
      return null;
    }
    String host =
        (String) Reflect.invoke(Reflect.method(hostAndPort.getClass(), "getHost"), hostAndPort);
    int port =
        (Integer) Reflect.invoke(Reflect.method(hostAndPort.getClass(), "getPort"), hostAndPort);
    return new HostPort(host, port);
  }
}
