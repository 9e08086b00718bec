package dev.vigil.agent.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.HostPort;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * The reflective pool access against a real (recent) Jedis. Building pools opens no connection, so
 * no server is needed; the version matrix is covered by the agent ITs.
 */
class PoolHandleTest {
  @Test
  void theTestClassLoadersJedisIsSupported() {
    assertEquals(
        java.util.Collections.emptyList(),
        new JedisCompatibility().problems(JedisPool.class.getClassLoader()));
  }

  @Test
  void readsAndRedirectsAJedisPool() throws Exception {
    try (JedisPool pool = new JedisPool("127.0.0.1", 16379)) {
      PoolHandle handle = PoolHandle.inspect(pool);
      assertEquals("JedisPool", handle.kind());
      assertEquals(new HostPort("127.0.0.1", 16379), handle.target());
      handle.redirect(new HostPort("127.0.0.2", 16380));
      assertEquals(new HostPort("127.0.0.2", 16380), handle.target());
      handle.clearIdle();
      assertEquals(0, handle.numActive());
      assertEquals(0, handle.numIdle());
    }
  }

  @Test
  void readsAndRedirectsTheProviderOfARedisClient() throws Exception {
    try (RedisClient client = RedisClient.create("127.0.0.1", 16379)) {
      java.lang.reflect.Field providerField =
          redis.clients.jedis.UnifiedJedis.class.getDeclaredField("provider");
      providerField.setAccessible(true);
      PooledConnectionProvider provider = (PooledConnectionProvider) providerField.get(client);
      PoolHandle handle = PoolHandle.inspect(provider);
      assertEquals("PooledConnectionProvider", handle.kind());
      assertEquals(new HostPort("127.0.0.1", 16379), handle.target());
      handle.redirect(new HostPort("localhost", 16381));
      assertEquals(new HostPort("localhost", 16381), handle.target());
    }
  }

  @Test
  void refusesAPoolWithACustomObjectFactory() {
    BasePooledObjectFactory<Jedis> custom =
        new BasePooledObjectFactory<Jedis>() {
          @Override
          public Jedis create() {
            return new Jedis("127.0.0.1", 16379);
          }

          @Override
          public PooledObject<Jedis> wrap(Jedis jedis) {
            return new DefaultPooledObject<>(jedis);
          }
        };
    try (JedisPool pool = new JedisPool(new GenericObjectPoolConfig<Jedis>(), custom)) {
      UnsupportedPoolException e =
          assertThrows(UnsupportedPoolException.class, () -> PoolHandle.inspect(pool));
      assertTrue(e.getMessage().contains("custom object factory"), e.getMessage());
    }
  }

  @Test
  void retiringAConnectionMarksItBroken() {
    Jedis jedis = new Jedis("127.0.0.1", 16379); // never connected
    assertEquals(
        false, StaleConnection.retire(jedis, true, null), "a closed connection is not counted");
    assertTrue(jedis.getConnection().isBroken());
  }
}
