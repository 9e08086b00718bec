package dev.vigil.agent.jedis;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Class names of the Jedis types the agent touches, for one <em>flavour</em> of Jedis: Jedis itself
 * ({@code redis.clients.jedis}) or Valkey's fork valkey-java, the same code under {@code
 * io.valkey}. Everything the agent does is written once against a {@code JedisNames} and applies to
 * every flavour; commons-pool2, which both use unrelocated, has plain constants.
 */
public final class JedisNames {
  public static final JedisNames JEDIS = new JedisNames("Jedis", "redis.clients.jedis");
  public static final JedisNames VALKEY_JAVA = new JedisNames("valkey-java", "io.valkey");

  /** Every flavour the agent instruments. */
  public static final List<JedisNames> ALL =
      Collections.unmodifiableList(Arrays.asList(JEDIS, VALKEY_JAVA));

  public static final String GENERIC_OBJECT_POOL =
      "org.apache.commons.pool2.impl.GenericObjectPool";
  public static final String POOLED_OBJECT = "org.apache.commons.pool2.PooledObject";

  /** For people: logs, MBeans ({@code Jedis}, {@code valkey-java}). */
  public final String library;

  /** The package every name below lives in (or under). */
  public final String packageName;

  public final String jedisPool;
  public final String pooledConnectionProvider;
  public final String jedisSentinelPool;
  public final String jedisFactory;
  public final String connectionFactory;
  public final String defaultSocketFactory;
  public final String connection;
  public final String connectionBuilder;
  public final String jedis;
  public final String hostAndPort;
  public final String dataException;

  private JedisNames(String library, String packageName) {
    this.library = library;
    this.packageName = packageName;
    String p = packageName + ".";
    jedisPool = p + "JedisPool";
    pooledConnectionProvider = p + "providers.PooledConnectionProvider";
    jedisSentinelPool = p + "JedisSentinelPool";
    jedisFactory = p + "JedisFactory";
    connectionFactory = p + "ConnectionFactory";
    defaultSocketFactory = p + "DefaultJedisSocketFactory";
    connection = p + "Connection";
    connectionBuilder = p + "Connection$Builder";
    jedis = p + "Jedis";
    hostAndPort = p + "HostAndPort";
    dataException = p + "exceptions.JedisDataException";
  }

  /**
   * The flavour a class of Jedis belongs to, by its own or a superclass's package; null for a class
   * of neither (e.g. an application's subclass is recognised through its Jedis superclass).
   */
  public static JedisNames of(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (JedisNames names : ALL) {
        if (c.getName().startsWith(names.packageName + ".")) {
          return names;
        }
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return library + " (" + packageName + ")";
  }
}
