package dev.vigil.agent.jedis;

import static dev.vigil.agent.jedis.JedisNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent's muzzle: before it touches the Jedis of a class loader it checks, by reflection, that
 * every class, field and method it will use exists there. The answer is computed once per loader. A
 * loader that fails is left entirely alone (its pools are reported as unsupported).
 */
public final class JedisCompatibility {
  private final Map<ClassLoader, List<String>> problemsByLoader = new WeakHashMap<>();

  /** Missing members for the loader, empty when the agent can work with its Jedis. */
  public synchronized List<String> problems(ClassLoader loader) {
    List<String> problems = problemsByLoader.get(loader);
    if (problems == null) {
      problems = check(loader);
      problemsByLoader.put(loader, problems);
    }
    return problems;
  }

  /** Whether {@link #problems} was already computed for this loader (to log only once). */
  public synchronized boolean known(ClassLoader loader) {
    return problemsByLoader.containsKey(loader);
  }

  static List<String> check(ClassLoader loader) {
    List<String> missing = new ArrayList<>();
    Class<?> hostAndPort = need(loader, HOST_AND_PORT, missing);
    Class<?> gop = need(loader, GENERIC_OBJECT_POOL, missing);
    Class<?> pooledObject = need(loader, POOLED_OBJECT, missing);
    Class<?> jedisFactory = need(loader, JEDIS_FACTORY, missing);
    Class<?> connection = need(loader, CONNECTION, missing);
    Class<?> jedis = need(loader, JEDIS, missing);
    Class<?> jedisPool = need(loader, JEDIS_POOL, missing);
    if (!missing.isEmpty()) {
      return missing;
    }
    try {
      hostAndPort.getConstructor(String.class, int.class);
    } catch (NoSuchMethodException e) {
      missing.add(HOST_AND_PORT + "(String, int)");
    }
    method(hostAndPort, "getHost", missing);
    method(hostAndPort, "getPort", missing);
    method(gop, "getFactory", missing);
    method(gop, "clear", missing);
    method(gop, "getNumActive", missing);
    method(gop, "getNumIdle", missing);
    method(pooledObject, "getObject", missing);
    if (Reflect.method(jedisFactory, "setHostAndPort", hostAndPort) == null) {
      missing.add(JEDIS_FACTORY + ".setHostAndPort(HostAndPort)");
    }
    boolean oldTarget = Reflect.field(jedisFactory, "hostAndPort") != null;
    boolean socketTarget = Reflect.field(jedisFactory, "jedisSocketFactory") != null;
    if (!oldTarget && !socketTarget) {
      missing.add(JEDIS_FACTORY + ".hostAndPort or .jedisSocketFactory");
    }
    if (socketTarget) {
      checkSocketFactory(loader, hostAndPort, missing);
    }
    if (Reflect.field(connection, "socket") == null) {
      missing.add(CONNECTION + ".socket");
    }
    if (Reflect.method(connection, "setBroken") == null
        && Reflect.field(connection, "broken") == null) {
      missing.add(CONNECTION + ".setBroken() or .broken");
    }
    if (Reflect.method(jedis, "getConnection") == null
        && Reflect.method(jedis, "getClient") == null) {
      missing.add(JEDIS + ".getConnection() or .getClient()");
    }
    if (!Reflect.isA(jedisPool, GENERIC_OBJECT_POOL)
        && Reflect.field(jedisPool, "internalPool") == null) {
      missing.add(JEDIS_POOL + " is no GenericObjectPool and has no internalPool");
    }
    Class<?> provider = Reflect.load(loader, POOLED_CONNECTION_PROVIDER);
    if (provider != null) {
      if (Reflect.field(provider, "pool") == null) {
        missing.add(POOLED_CONNECTION_PROVIDER + ".pool");
      }
      Class<?> connectionFactory = need(loader, CONNECTION_FACTORY, missing);
      if (connectionFactory != null) {
        boolean direct = Reflect.field(connectionFactory, "jedisSocketFactory") != null;
        boolean viaBuilder = Reflect.field(connectionFactory, "connectionBuilder") != null;
        if (!direct && !viaBuilder) {
          missing.add(CONNECTION_FACTORY + ".jedisSocketFactory or .connectionBuilder");
        }
        if (viaBuilder) {
          Class<?> builder = need(loader, CONNECTION_BUILDER, missing);
          if (builder != null) {
            method(builder, "getSocketFactory", missing);
          }
        }
        checkSocketFactory(loader, hostAndPort, missing);
      }
    }
    Class<?> sentinelPool = Reflect.load(loader, JEDIS_SENTINEL_POOL);
    if (sentinelPool != null) {
      if (Reflect.field(sentinelPool, "factory") == null) {
        missing.add(JEDIS_SENTINEL_POOL + ".factory");
      }
      if (Reflect.field(sentinelPool, "currentHostMaster") == null) {
        missing.add(JEDIS_SENTINEL_POOL + ".currentHostMaster");
      }
    }
    return missing;
  }

  private static void checkSocketFactory(
      ClassLoader loader, Class<?> hostAndPort, List<String> missing) {
    Class<?> socketFactory = need(loader, DEFAULT_SOCKET_FACTORY, missing);
    if (socketFactory != null) {
      method(socketFactory, "getHostAndPort", missing);
      if (Reflect.method(socketFactory, "updateHostAndPort", hostAndPort) == null) {
        missing.add(DEFAULT_SOCKET_FACTORY + ".updateHostAndPort(HostAndPort)");
      }
    }
  }

  private static Class<?> need(ClassLoader loader, String name, List<String> missing) {
    Class<?> type = Reflect.load(loader, name);
    if (type == null && !missing.contains(name)) {
      missing.add(name);
    }
    return type;
  }

  private static void method(Class<?> type, String name, List<String> missing) {
    if (Reflect.method(type, name) == null) {
      missing.add(type.getName() + "." + name + "()");
    }
  }
}
