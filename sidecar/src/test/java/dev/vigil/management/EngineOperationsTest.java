package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.Clock;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operations against a real engine owned by one thread, as the runtime's loop owns it. */
class EngineOperationsTest {
  private final ExecutorService engineThread = Executors.newSingleThreadExecutor();
  private final AtomicBoolean storeWorks = new AtomicBoolean(true);
  private final SentinelEngine engine =
      new SentinelEngine(
          new SentinelState(
              null,
              0,
              GlobalOptions.DEFAULTS,
              List.of(MasterState.monitor("m1", "127.0.0.1", 6379, 2))),
          EngineOptions.defaults(26379),
          new Clock() {
            @Override
            public long monotonicMs() {
              return 1_000;
            }

            @Override
            public long wallMs() {
              return 1_700_000_000_000L;
            }
          },
          new SplittableRandom(1),
          request -> {},
          event -> {},
          state -> storeWorks.get());
  private final EngineOperations ops =
      new EngineOperations(
          new EngineTasks() {
            @Override
            public <T> CompletableFuture<T> submit(Function<SentinelEngine, T> action) {
              return CompletableFuture.supplyAsync(() -> action.apply(engine), engineThread);
            }
          });

  @AfterEach
  void stop() {
    engineThread.shutdownNow();
  }

  private static <T> T ok(java.util.concurrent.Future<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  private static String error(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
    assertEquals(SentinelCommandException.class, e.getCause().getClass(), e.toString());
    return e.getCause().getMessage();
  }

  @Test
  void sentinelErrorTextsComeThroughUnchanged() throws Exception {
    engineThread.submit(engine::start).get(5, TimeUnit.SECONDS);
    assertEquals("ERR No such master with that name", error(ops.failover("nope")));
    assertEquals("NOGOODSLAVE No suitable replica to promote", error(ops.failover("m1")));
    assertTrue(error(ops.checkQuorum("m1")).startsWith("NOQUORUM"));
  }

  @Test
  void commandsChangeTheEngineState() throws Exception {
    engineThread.submit(engine::start).get(5, TimeUnit.SECONDS);
    assertEquals("OK", ok(ops.set("m1", "down-after-milliseconds", "1234")));
    assertEquals("OK", ok(ops.monitor("m*2", "127.0.0.1", 7000, 1)));
    assertEquals(1L, ok(ops.reset(EngineOperations.literalPattern("m*2"))));
    assertEquals(2L, ok(ops.reset("m*")));
    assertEquals("OK", ok(ops.remove("m*2")));
    SentinelState state = ok(engineThread.submit(engine::state));
    assertEquals(1, state.masters().size());
    assertEquals(1234, state.masters().get(0).downAfterMs());
    assertEquals("OK", ok(ops.flushConfig()));
    storeWorks.set(false);
    assertEquals(SentinelEngine.ERR_SAVE_FAILED, error(ops.flushConfig()));
  }
}
