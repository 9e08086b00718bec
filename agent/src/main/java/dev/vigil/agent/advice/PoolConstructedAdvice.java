package dev.vigil.agent.advice;

import dev.vigil.agent.bridge.VigilBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of every {@code JedisPool} and {@code PooledConnectionProvider} constructor.
 * Chained constructors fire it several times per pool; the agent dedupes by identity.
 */
public final class PoolConstructedAdvice {
  private PoolConstructedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Object pool) {
    VigilBridge.poolConstructed(pool);
  }
}
