package dev.vigil.agent.jedis;

import static dev.vigil.agent.jedis.JedisNames.GENERIC_OBJECT_POOL;
import static dev.vigil.agent.jedis.JedisNames.POOLED_OBJECT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent's muzzle: before it touches the Jedis of a class loader it checks, by reflection, that
 * every class, field and method it will use exists there. The answer is computed once per loader
 * and flavour (a loader may hold both Jedis and valkey-java). A loader that fails is left entirely
 * alone for that flavour (its pools are reported as unsupported).
 */
public final class JedisCompatibility {
  private final Map<ClassLoader, Map<JedisNames, List<String>>> problemsByLoader =
      new WeakHashMap<>();

  /** Missing members for the loader's {@code names} flavour, empty when the agent can use it. */
  public synchronized List<String> problems(ClassLoader loader, JedisNames names) {
    Map<JedisNames, List<String>> byFlavour = problemsByLoader.get(loader);
    if (byFlavour == null) {
      byFlavour = new HashMap<>();
      problemsByLoader.put(loader, byFlavour);
    }
    List<String> problems = byFlavour.get(names);
    if (problems == null) {
      problems = check(loader, names);
      byFlavour.put(names, problems);
    }
    return problems;
  }

  /** Whether {@link #problems} was already computed for this loader and flavour (log once). */
  public synchronized boolean known(ClassLoader loader, JedisNames names) {
    Map<JedisNames, List<String>> byFlavour = problemsByLoader.get(loader);
    return byFlavour != null && byFlavour.containsKey(names);
  }

  static List<String> check(ClassLoader loader, JedisNames names) {
    List<String> missing = new ArrayList<>();
    Class<?> hostAndPort = need(loader, names.hostAndPort, missing);
    Class<?> gop = need(loader, GENERIC_OBJECT_POOL, missing);
    Class<?> pooledObject = need(loader, POOLED_OBJECT, missing);
    Class<?> jedisFactory = need(loader, names.jedisFactory, missing);
    Class<?> connection = need(loader, names.connection, missing);
    Class<?> jedis = need(loader, names.jedis, missing);
    Class<?> jedisPool = need(loader, names.jedisPool, missing);
    if (!missing.isEmpty()) {
      return missing;
    }
    try {
      hostAndPort.getConstructor(String.class, int.class);
    } catch (NoSuchMethodException e) {
      missing.add(names.hostAndPort + "(String, int)");
    }
    method(hostAndPort, "getHost", missing);
    method(hostAndPort, "getPort", missing);
    method(gop, "getFactory", missing);
    method(gop, "clear", missing);
    method(gop, "getNumActive", missing);
    method(gop, "getNumIdle", missing);
    method(pooledObject, "getObject", missing);
    if (Reflect.method(jedisFactory, "setHostAndPort", hostAndPort) == null) {
      missing.add(names.jedisFactory + ".setHostAndPort(HostAndPort)");
    }
    boolean oldTarget = Reflect.field(jedisFactory, "hostAndPort") != null;
    boolean socketTarget = Reflect.field(jedisFactory, "jedisSocketFactory") != null;
    if (!oldTarget && !socketTarget) {
      missing.add(names.jedisFactory + ".hostAndPort or .jedisSocketFactory");
    }
    if (socketTarget) {
      checkSocketFactory(loader, names, hostAndPort, missing);
    }
    if (Reflect.field(connection, "socket") == null) {
      missing.add(names.connection + ".socket");
    }
    if (Reflect.method(connection, "setBroken") == null
        && Reflect.field(connection, "broken") == null) {
      missing.add(names.connection + ".setBroken() or .broken");
    }
    if (Reflect.method(jedis, "getConnection") == null
        && Reflect.method(jedis, "getClient") == null) {
      missing.add(names.jedis + ".getConnection() or .getClient()");
    }
    if (!Reflect.isA(jedisPool, GENERIC_OBJECT_POOL)
        && Reflect.field(jedisPool, "internalPool") == null) {
      missing.add(names.jedisPool + " is no GenericObjectPool and has no internalPool");
    }
    Class<?> provider = Reflect.load(loader, names.pooledConnectionProvider);
    if (provider != null) {
      if (Reflect.field(provider, "pool") == null) {
        missing.add(names.pooledConnectionProvider + ".pool");
      }
      Class<?> connectionFactory = need(loader, names.connectionFactory, missing);
      if (connectionFactory != null) {
        boolean direct = Reflect.field(connectionFactory, "jedisSocketFactory") != null;
        boolean viaBuilder = Reflect.field(connectionFactory, "connectionBuilder") != null;
        if (!direct && !viaBuilder) {
          missing.add(names.connectionFactory + ".jedisSocketFactory or .connectionBuilder");
        }
        if (viaBuilder) {
          Class<?> builder = need(loader, names.connectionBuilder, missing);
          if (builder != null) {
            method(builder, "getSocketFactory", missing);
          }
        }
        checkSocketFactory(loader, names, hostAndPort, missing);
      }
    }
    Class<?> sentinelPool = Reflect.load(loader, names.jedisSentinelPool);
    if (sentinelPool != null) {
      if (Reflect.field(sentinelPool, "factory") == null) {
        missing.add(names.jedisSentinelPool + ".factory");
      }
      if (Reflect.field(sentinelPool, "currentHostMaster") == null) {
        missing.add(names.jedisSentinelPool + ".currentHostMaster");
      }
    }
    return missing;
  }

  private static void checkSocketFactory(
      ClassLoader loader, JedisNames names, Class<?> hostAndPort, List<String> missing) {
    Class<?> socketFactory = need(loader, names.defaultSocketFactory, missing);
    if (socketFactory != null) {
      method(socketFactory, "getHostAndPort", missing);
      if (Reflect.method(socketFactory, "updateHostAndPort", hostAndPort) == null) {
        missing.add(names.defaultSocketFactory + ".updateHostAndPort(HostAndPort)");
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
