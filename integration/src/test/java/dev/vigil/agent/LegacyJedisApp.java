package dev.vigil.agent;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A "legacy application" for the agent ITs: it names its Redis by one fixed address and writes
 * through a {@code JedisPool} and, where the client version has one, a {@code RedisClient} or
 * {@code JedisPooled}. It is launched in its own JVM with one client version of the matrix (Jedis
 * or valkey-java) on its class path, so it uses only reflection and the API common to all versions
 * (constructor {@code (String, int)}, {@code getResource}, {@code set}, {@code waitReplicas},
 * {@code close}).
 *
 * <p>Arguments {@code key=value}: {@code package} (of the client's classes, {@code
 * redis.clients.jedis} by default, {@code io.valkey} for valkey-java), {@code host}, {@code port},
 * {@code prefix} (of the keys {@code <prefix>:<writer>:<seq>}), {@code hold} (connections borrowed
 * at start and kept), {@code wait} (confirm each write with {@code WAIT 1}), {@code stopFile} (exit
 * when it exists), {@code heldFile} (when it exists, write once through each held connection and
 * return it). Output, one line per event on stdout: {@code READY}, {@code ACK <writer> <seq>
 * <millis>}, {@code ERR <writer> <seq> <millis> <error>}, {@code HELD <i> OK|ERR ...}, {@code
 * DONE}.
 */
public final class LegacyJedisApp {
  private static final PrintStream OUT = System.out;

  private LegacyJedisApp() {}

  public static void main(String[] args) throws Throwable {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    String host = options.get("host");
    int port = Integer.parseInt(options.get("port"));
    int hold = Integer.parseInt(options.getOrDefault("hold", "0"));
    boolean confirm = Boolean.parseBoolean(options.getOrDefault("wait", "false"));
    Path stopFile = Paths.get(options.get("stopFile"));
    Path heldFile = Paths.get(options.getOrDefault("heldFile", stopFile + ".held"));
    String prefix = options.getOrDefault("prefix", "k");
    String clientPackage = options.getOrDefault("package", "redis.clients.jedis");

    Class<?> poolType = Class.forName(clientPackage + ".JedisPool");
    Object pool = poolType.getConstructor(String.class, int.class).newInstance(host, port);
    Method getResource = poolType.getMethod("getResource");
    List<Object> held = new ArrayList<>();
    for (int i = 0; i < hold; i++) {
      Object jedis = getResource.invoke(pool);
      call(jedis, "set", new Class<?>[] {String.class, String.class}, "held:" + i, "before");
      held.add(jedis);
    }
    Object unified = createUnifiedClient(clientPackage, host, port);

    List<Thread> writers = new ArrayList<>();
    writers.add(
        writer(
            "pool",
            stopFile,
            seq -> {
              Object jedis = getResource.invoke(pool);
              try {
                return write(jedis, prefix + ":pool:" + seq, confirm, false);
              } finally {
                call(jedis, "close", new Class<?>[0]);
              }
            }));
    if (unified != null) {
      writers.add(
          writer(
              "unified",
              stopFile,
              seq -> write(unified, prefix + ":unified:" + seq, confirm, true)));
    }
    print(
        "READY writers="
            + writers.size()
            + " unified="
            + (unified == null ? "-" : unified.getClass().getSimpleName()));
    writers.forEach(Thread::start);

    while (!Files.exists(stopFile)) {
      if (!held.isEmpty() && Files.exists(heldFile)) {
        useHeldConnections(held);
      }
      Thread.sleep(20);
    }
    for (Thread writer : writers) {
      writer.join(10_000);
    }
    printAgentBeans();
    print("DONE");
    System.exit(0);
  }

  /** What the agent's MBean says, read as any JMX client would (nothing of Vigil's needed). */
  private static void printAgentBeans() {
    try {
      javax.management.MBeanServer server =
          java.lang.management.ManagementFactory.getPlatformMBeanServer();
      for (javax.management.ObjectName name :
          server.queryNames(
              new javax.management.ObjectName("vigil:type=AgentMasterGroup,*"), null)) {
        StringBuilder line = new StringBuilder("MBEAN " + name.getKeyProperty("name"));
        for (String attribute :
            new String[] {"CurrentPrimary", "SwitchCount", "PoolsManaged", "ConnectionsEvicted"}) {
          line.append(' ')
              .append(attribute)
              .append('=')
              .append(server.getAttribute(name, attribute));
        }
        print(line.toString());
      }
    } catch (Exception e) {
      print("MBEAN-ERR " + oneLine(e));
    }
  }

  /** The unified client of this client version, or null for Jedis 2.x/3.x. */
  private static Object createUnifiedClient(String clientPackage, String host, int port)
      throws Exception {
    try {
      Class<?> redisClient = Class.forName(clientPackage + ".RedisClient");
      return redisClient.getMethod("create", String.class, int.class).invoke(null, host, port);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      // 4.x–7.1: JedisPooled instead.
    }
    try {
      Class<?> pooled = Class.forName(clientPackage + ".JedisPooled");
      return pooled.getConstructor(String.class, int.class).newInstance(host, port);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static void useHeldConnections(List<Object> held) {
    for (int i = 0; i < held.size(); i++) {
      Object jedis = held.get(i);
      try {
        call(jedis, "set", new Class<?>[] {String.class, String.class}, "held:" + i, "after");
        print("HELD " + i + " OK");
      } catch (Throwable e) {
        print("HELD " + i + " ERR " + oneLine(e));
      }
      try {
        call(jedis, "close", new Class<?>[0]);
      } catch (Throwable e) {
        print("HELD " + i + " CLOSE-ERR " + oneLine(e));
      }
    }
    held.clear();
  }

  /** SET, then optionally {@code WAIT 1 500}; returns an error text or null when acknowledged. */
  private static String write(Object client, String key, boolean confirm, boolean unified)
      throws Throwable {
    call(client, "set", new Class<?>[] {String.class, String.class}, key, "v");
    if (confirm) {
      Object replicas =
          unified
              ? call(
                  client,
                  "waitReplicas",
                  new Class<?>[] {String.class, int.class, long.class},
                  key,
                  1,
                  500L)
              : call(client, "waitReplicas", new Class<?>[] {int.class, long.class}, 1, 500L);
      if (((Number) replicas).longValue() < 1) {
        return "WAIT reached no replica";
      }
    }
    return null;
  }

  private interface Write {
    String run(long seq) throws Throwable;
  }

  private static Thread writer(String name, Path stopFile, Write write) {
    Thread thread =
        new Thread(
            () -> {
              long seq = 0;
              while (!Files.exists(stopFile)) {
                seq++;
                String error;
                try {
                  error = write.run(seq);
                } catch (Throwable e) {
                  error = oneLine(e);
                }
                long now = System.currentTimeMillis();
                print(
                    error == null
                        ? "ACK " + name + " " + seq + " " + now
                        : "ERR " + name + " " + seq + " " + now + " " + error);
                try {
                  Thread.sleep(error == null ? 10 : 20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "writer-" + name);
    return thread;
  }

  private static Object call(Object target, String method, Class<?>[] types, Object... args)
      throws Throwable {
    try {
      return target.getClass().getMethod(method, types).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String oneLine(Throwable e) {
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  private static synchronized void print(String line) {
    OUT.println(line);
    OUT.flush();
  }
}
