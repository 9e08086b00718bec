package dev.vigil.agent.jedis;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Small reflection helpers that look through the class hierarchy and open access. */
final class Reflect {
  private Reflect() {}

  /**
   * The named field declared by {@code type} or a superclass, accessible, or null. A class whose
   * declared members cannot all be resolved (an optional dependency missing) is skipped.
   */
  static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException | LinkageError ignored) {
        // Keep looking in the superclass.
      }
    }
    return null;
  }

  /**
   * The named method of {@code type} or a superclass, accessible, or null.
   *
   * <p>Public methods are looked up first with {@code getMethod}, which resolves only the public
   * methods' signatures: Jedis 7+/8 classes have private members typed with classes of the optional
   * {@code redis-authx-core}, and {@code getDeclaredMethod} fails with {@code NoClassDefFoundError}
   * when it is absent, as it is in most applications.
   */
  static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
    try {
      Method method = type.getMethod(name, parameterTypes);
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException | LinkageError | SecurityException notPublic) {
      // Fall through to the declared (non-public) methods.
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method method = c.getDeclaredMethod(name, parameterTypes);
        method.setAccessible(true);
        return method;
      } catch (NoSuchMethodException | LinkageError ignored) {
        // Keep looking in the superclass.
      }
    }
    return null;
  }

  /** Whether {@code type} is or extends the class with the given name. */
  static boolean isA(Class<?> type, String className) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  static Object get(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method, e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(method + " failed", cause);
    }
  }

  static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
