package dev.vigil.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

/**
 * An application already on {@code JedisSentinelPool}, launched in its own JVM (reflection only, so
 * it runs on any Jedis of the matrix). It borrows a connection, waits until the pool follows a
 * failover ({@code getCurrentHostMaster} changes), returns the connection, borrows again and prints
 * whether it got the very same, now stale, connection back ({@code SAME}) or a fresh one ({@code
 * FRESH}), and which role the server behind it has ({@code ROLE master|slave}).
 *
 * <p>Arguments: {@code <client package> <master name> <sentinel host:port>...} (the package is
 * {@code redis.clients.jedis} or valkey-java's {@code io.valkey}). Prints {@code BORROWED} when
 * ready for the failover.
 */
public final class SentinelPoolApp {
  private SentinelPoolApp() {}

  public static void main(String[] args) throws Throwable {
    Set<String> sentinels = new HashSet<>();
    for (int i = 2; i < args.length; i++) {
      sentinels.add(args[i]);
    }
    Class<?> type = Class.forName(args[0] + ".JedisSentinelPool");
    Object pool = type.getConstructor(String.class, Set.class).newInstance(args[1], sentinels);
    Method getResource = type.getMethod("getResource");
    Method currentMaster = type.getMethod("getCurrentHostMaster");
    Object before = currentMaster.invoke(pool);
    Object stale = getResource.invoke(pool);
    call(stale, "set", new Class<?>[] {String.class, String.class}, "sentinel-pool", "before");
    System.out.println("BORROWED " + before);
    System.out.flush();
    long deadline = System.currentTimeMillis() + 60_000;
    while (before.equals(currentMaster.invoke(pool)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    System.out.println("SWITCHED " + currentMaster.invoke(pool));
    call(stale, "close", new Class<?>[0]);
    Object next = getResource.invoke(pool);
    System.out.println(next == stale ? "SAME" : "FRESH");
    String info = (String) call(next, "info", new Class<?>[] {String.class}, "replication");
    System.out.println(info.contains("role:master") ? "ROLE master" : "ROLE slave");
    call(next, "close", new Class<?>[0]);
    System.out.println("DONE");
    System.out.flush();
    System.exit(0);
  }

  private static Object call(Object target, String method, Class<?>[] types, Object... args)
      throws Throwable {
    try {
      return target.getClass().getMethod(method, types).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
