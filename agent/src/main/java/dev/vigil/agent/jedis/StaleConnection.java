package dev.vigil.agent.jedis;

import dev.vigil.agent.HostPort;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.Socket;

/**
 * Retires one connection a factory made before a switch: marks it broken, so that when the
 * application returns it the pool destroys it instead of handing it out again ({@code
 * Connection.setBroken()} in 4.x+, the private {@code broken} field before), and optionally closes
 * its socket, so that a borrowed connection cannot go on writing to the demoted primary: its next
 * command reconnects, to the new primary.
 */
public final class StaleConnection {
  private StaleConnection() {}

  /**
   * Retires {@code made} (a {@code Jedis} or a {@code Connection}); returns true if it was still
   * open, i.e. it really was evicted rather than already gone.
   */
  public static boolean retire(Object made, boolean closeSocket, HostPort newTarget) {
    Object connection = connectionOf(made);
    if (newTarget != null) {
      reaim(connection, newTarget);
    }
    Field socketField = Reflect.field(connection.getClass(), "socket");
    Socket socket = socketField == null ? null : (Socket) Reflect.get(socketField, connection);
    boolean wasOpen = socket != null && !socket.isClosed();
    markBroken(connection);
    if (closeSocket && socket != null) {
      try {
        socket.close();
      } catch (Exception ignored) {
        // Closing is best effort; the broken mark alone already keeps it out of the pool.
      }
    }
    return wasOpen;
  }

  /**
   * Up to 3.5 a connection keeps its own address and reconnects to it after its socket closes, so a
   * borrowed connection would go back to the old primary; point it at the new one ({@code
   * setHost}/{@code setPort}). From 3.6 on connections share the factory's address and already
   * follow the redirect.
   */
  private static void reaim(Object connection, HostPort newTarget) {
    Method setHost = Reflect.method(connection.getClass(), "setHost", String.class);
    Method setPort = Reflect.method(connection.getClass(), "setPort", int.class);
    if (setHost != null && setPort != null) {
      Reflect.invoke(setHost, connection, newTarget.host());
      Reflect.invoke(setPort, connection, newTarget.port());
    }
  }

  static Object connectionOf(Object made) {
    Class<?> type = made.getClass();
    JedisNames names = JedisNames.of(type);
    if (names != null && Reflect.isA(type, names.connection)) {
      return made;
    }
    Method getConnection = Reflect.method(type, "getConnection");
    if (getConnection != null) {
      return Reflect.invoke(getConnection, made);
    }
    Method getClient = Reflect.method(type, "getClient");
    if (getClient != null) {
      return Reflect.invoke(getClient, made);
    }
    throw new IllegalStateException("no connection in " + type.getName());
  }

  private static void markBroken(Object connection) {
    Method setBroken = Reflect.method(connection.getClass(), "setBroken");
    if (setBroken != null) {
      Reflect.invoke(setBroken, connection);
      return;
    }
    Field broken = Reflect.field(connection.getClass(), "broken");
    if (broken == null) {
      throw new IllegalStateException("cannot mark " + connection.getClass().getName() + " broken");
    }
    try {
      broken.setBoolean(connection, true);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "cannot mark " + connection.getClass().getName() + " broken", e);
    }
  }
}
