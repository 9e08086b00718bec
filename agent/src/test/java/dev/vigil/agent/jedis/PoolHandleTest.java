package dev.vigil.agent.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.HostPort;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The reflective pool access against a real (recent) Jedis and valkey-java, the same tests for both
 * flavours (built by class name). Building pools opens no connection, so no server is needed; the
 * version matrix is covered by the agent ITs.
 */
class PoolHandleTest {
  static List<JedisNames> flavours() {
    return JedisNames.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flavours")
  void theTestClassLoadersJedisIsSupported(JedisNames names) throws Exception {
    ClassLoader loader = PoolHandleTest.class.getClassLoader();
    assertEquals(Collections.emptyList(), new JedisCompatibility().problems(loader, names));
    assertSame(names, JedisNames.of(Class.forName(names.jedisPool)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flavours")
  void readsAndRedirectsAJedisPool(JedisNames names) throws Exception {
    Object pool = create(names.jedisPool, "127.0.0.1", 16379);
    try {
      PoolHandle handle = PoolHandle.inspect(pool);
      assertEquals(
          names == JedisNames.JEDIS ? "JedisPool" : "valkey-java JedisPool", handle.kind());
      assertEquals(new HostPort("127.0.0.1", 16379), handle.target());
      handle.redirect(new HostPort("127.0.0.2", 16380));
      assertEquals(new HostPort("127.0.0.2", 16380), handle.target());
      handle.clearIdle();
      assertEquals(0, handle.numActive());
      assertEquals(0, handle.numIdle());
    } finally {
      ((AutoCloseable) pool).close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flavours")
  void readsAndRedirectsTheProviderOfAPooledClient(JedisNames names) throws Exception {
    Object client = pooledClient(names.packageName, "127.0.0.1", 16379);
    try {
      Field providerField =
          Class.forName(names.packageName + ".UnifiedJedis").getDeclaredField("provider");
      providerField.setAccessible(true);
      PoolHandle handle = PoolHandle.inspect(providerField.get(client));
      assertTrue(handle.kind().endsWith("PooledConnectionProvider"), handle.kind());
      assertEquals(new HostPort("127.0.0.1", 16379), handle.target());
      handle.redirect(new HostPort("localhost", 16381));
      assertEquals(new HostPort("localhost", 16381), handle.target());
    } finally {
      ((AutoCloseable) client).close();
    }
  }

  @Test
  void aPoolOfNeitherFlavourIsRefused() {
    UnsupportedPoolException e =
        assertThrows(UnsupportedPoolException.class, () -> PoolHandle.inspect(new Object()));
    assertTrue(e.getMessage().contains("not a pool of Jedis or valkey-java"), e.getMessage());
    assertNull(JedisNames.of(Object.class));
  }

  /** {@code RedisClient.create} (Jedis 7+), else {@code new JedisPooled} (valkey-java 5). */
  private static Object pooledClient(String packageName, String host, int port) throws Exception {
    try {
      return Class.forName(packageName + ".RedisClient")
          .getMethod("create", String.class, int.class)
          .invoke(null, host, port);
    } catch (ClassNotFoundException e) {
      return create(packageName + ".JedisPooled", host, port);
    }
  }

  private static Object create(String className, String host, int port) throws Exception {
    return Class.forName(className).getConstructor(String.class, int.class).newInstance(host, port);
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("flavours")
  void retiringAConnectionMarksItBroken(JedisNames names) throws Exception {
    Object jedis = create(names.jedis, "127.0.0.1", 16379); // never connected
    assertEquals(
        false, StaleConnection.retire(jedis, true, null), "a closed connection is not counted");
    Object connection = jedis.getClass().getMethod("getConnection").invoke(jedis);
    assertEquals(true, connection.getClass().getMethod("isBroken").invoke(connection));
  }
}
