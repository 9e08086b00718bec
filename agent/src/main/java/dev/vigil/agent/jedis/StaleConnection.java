package dev.vigil.agent.jedis;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.Socket;

/**
 * Retires one connection a factory made before a switch: marks it broken, so that when the
 * application returns it the pool destroys it instead of handing it out again ({@code
 * Connection.setBroken()} in 4.x+, the private {@code broken} field before), and optionally closes
 * its socket, so that a borrowed connection cannot go on writing to the demoted primary.
 */
public final class StaleConnection {
  private StaleConnection() {}

  /**
   * Retires {@code made} (a {@code Jedis} or a {@code Connection}); returns true if it was still
   * open, i.e. it really was evicted rather than already gone.
   */
  public static boolean retire(Object made, boolean closeSocket) {
    Object connection = connectionOf(made);
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

  static Object connectionOf(Object made) {
    Class<?> type = made.getClass();
    if (Reflect.isA(type, JedisNames.CONNECTION)) {
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
