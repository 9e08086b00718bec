package dev.vigil.agent.advice;

import dev.vigil.agent.bridge.VigilBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code JedisSentinelPool.initPool(HostAndPort)} (2.x–3.5) and {@code
 * initMaster(HostAndPort)} (3.6+): reports the master before and after, so the agent can mark the
 * connections made for the old master broken (Jedis itself only clears idle ones).
 */
public final class SentinelPoolMasterAdvice {
  private SentinelPoolMasterAdvice() {}

  /**
   * Retires at entry, before Jedis changes anything: Jedis publishes the new master ({@code
   * currentHostMaster}) before it redirects its factory, and an application thread that sees it may
   * return and re-borrow a stale connection before the method exits. The agent acts once per new
   * master, however many sentinel listeners report it.
   */
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object pool,
      @Advice.Argument(0) Object newMaster,
      @Advice.FieldValue("currentHostMaster") Object before) {
    VigilBridge.sentinelPoolMasterSet(pool, before, newMaster);
  }
}
