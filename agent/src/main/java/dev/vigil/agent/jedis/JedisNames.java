package dev.vigil.agent.jedis;

/** Class names of the Jedis and commons-pool2 types the agent touches, in one place. */
public final class JedisNames {
  public static final String JEDIS_POOL = "redis.clients.jedis.JedisPool";
  public static final String POOLED_CONNECTION_PROVIDER =
      "redis.clients.jedis.providers.PooledConnectionProvider";
  public static final String JEDIS_SENTINEL_POOL = "redis.clients.jedis.JedisSentinelPool";
  public static final String JEDIS_FACTORY = "redis.clients.jedis.JedisFactory";
  public static final String CONNECTION_FACTORY = "redis.clients.jedis.ConnectionFactory";
  public static final String DEFAULT_SOCKET_FACTORY =
      "redis.clients.jedis.DefaultJedisSocketFactory";
  public static final String CONNECTION = "redis.clients.jedis.Connection";
  public static final String CONNECTION_BUILDER = "redis.clients.jedis.Connection$Builder";
  public static final String JEDIS = "redis.clients.jedis.Jedis";
  public static final String HOST_AND_PORT = "redis.clients.jedis.HostAndPort";
  public static final String DATA_EXCEPTION = "redis.clients.jedis.exceptions.JedisDataException";
  public static final String GENERIC_OBJECT_POOL =
      "org.apache.commons.pool2.impl.GenericObjectPool";
  public static final String POOLED_OBJECT = "org.apache.commons.pool2.PooledObject";

  private JedisNames() {}
}
