package dev.vigil.agent.advice;

import dev.vigil.agent.bridge.VigilBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code JedisFactory.makeObject} and {@code ConnectionFactory.makeObject}: records
 * every connection a factory makes, with the factory's switch generation read before connecting, so
 * that a connection that raced with a switch is recognised as stale too.
 */
public final class MakeObjectAdvice {
  private MakeObjectAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static long enter(@Advice.This Object factory) {
    return VigilBridge.factoryEpoch(factory);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.This Object factory,
      @Advice.Enter long epochAtStart,
      @Advice.Return Object pooledObject) {
    VigilBridge.objectMade(factory, pooledObject, epochAtStart);
  }
}
