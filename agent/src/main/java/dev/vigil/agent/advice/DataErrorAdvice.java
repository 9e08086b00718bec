package dev.vigil.agent.advice;

import dev.vigil.agent.bridge.VigilBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code JedisDataException} constructors: the agent looks for {@code
 * READONLY} replies, which mean a pool still talks to a demoted primary, and re-checks at once.
 */
public final class DataErrorAdvice {
  private DataErrorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Throwable error) {
    VigilBridge.dataError(error);
  }
}
