package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkType;
import dev.vigil.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineLoopTest {
  /** Records what the loop did to it, from which thread, and returns scripted deadlines. */
  static final class FakeEngine {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    volatile long pollEveryMs = 50;
    volatile boolean failNextHandle;

    void touch(String call) {
      calls.add(call);
      threads.add(Thread.currentThread());
    }
  }

  static final EngineLoop.Driver<FakeEngine> DRIVER =
      new EngineLoop.Driver<>() {
        @Override
        public void start(FakeEngine engine) {
          engine.touch("start");
        }

        @Override
        public long poll(FakeEngine engine, long nowMs) {
          engine.touch("poll");
          return nowMs + engine.pollEveryMs;
        }

        @Override
        public void handle(FakeEngine engine, Inbound message) {
          engine.touch("handle " + message.endpoint().port());
          if (engine.failNextHandle) {
            engine.failNextHandle = false;
            throw new IllegalStateException("engine bug");
          }
        }
      };

  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  @Test
  void startsThenPollsAtTheDeadlinesOnOneThread() throws Exception {
    FakeEngine engine = new FakeEngine();
    try (EngineLoop<FakeEngine> loop = new EngineLoop<>(new SystemClock(), DRIVER, errors::add)) {
      loop.start(engine);
      awaitTrue(() -> engine.calls.stream().filter("poll"::equals).count() >= 5);
      assertEquals("start", engine.calls.get(0));
      assertEquals(1, engine.threads.stream().distinct().count());
      assertEquals("vigil-engine", engine.threads.get(0).getName());
    }
  }

  @Test
  void handlesMessagesInOrderAndPollsAfterThem() throws Exception {
    FakeEngine engine = new FakeEngine();
    engine.pollEveryMs = 60_000; // only messages can wake the loop
    try (EngineLoop<FakeEngine> loop = new EngineLoop<>(new SystemClock(), DRIVER, errors::add)) {
      loop.start(engine);
      for (int port = 1; port <= 100; port++) {
        loop.deliver(new Inbound.LinkDown(Endpoint.data("h", port), LinkType.COMMAND, "x"));
      }
      awaitTrue(() -> engine.calls.contains("handle 100"));
      List<String> handled = new ArrayList<>();
      for (String call : engine.calls) {
        if (call.startsWith("handle")) {
          handled.add(call);
        }
      }
      for (int i = 0; i < 100; i++) {
        assertEquals("handle " + (i + 1), handled.get(i));
      }
      awaitTrue(() -> engine.calls.get(engine.calls.size() - 1).equals("poll"));
    }
  }

  @Test
  void submitRunsOnTheLoopAndReturnsTheResult() throws Exception {
    FakeEngine engine = new FakeEngine();
    try (EngineLoop<FakeEngine> loop = new EngineLoop<>(new SystemClock(), DRIVER, errors::add)) {
      loop.start(engine);
      Thread caller = Thread.currentThread();
      assertEquals(
          "vigil-engine",
          loop.submit(e -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
      assertTrue(loop.submit(e -> e == engine).get(5, TimeUnit.SECONDS));
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () ->
                  loop.submit(
                          e -> {
                            throw new IllegalArgumentException("bad request");
                          })
                      .get(5, TimeUnit.SECONDS));
      assertEquals("bad request", failure.getCause().getMessage());
      assertTrue(Thread.currentThread() == caller);
    }
  }

  @Test
  void anEngineExceptionIsReportedAndTheLoopGoesOn() throws Exception {
    FakeEngine engine = new FakeEngine();
    engine.failNextHandle = true;
    try (EngineLoop<FakeEngine> loop = new EngineLoop<>(new SystemClock(), DRIVER, errors::add)) {
      loop.start(engine);
      loop.deliver(new Inbound.LinkDown(Endpoint.data("h", 1), LinkType.COMMAND, "x"));
      loop.deliver(new Inbound.LinkDown(Endpoint.data("h", 2), LinkType.COMMAND, "x"));
      awaitTrue(() -> engine.calls.contains("handle 2"));
      assertEquals(1, errors.size());
      assertEquals("engine bug", errors.get(0).getMessage());
    }
  }

  @Test
  void submitAfterCloseFailsInsteadOfHanging() {
    FakeEngine engine = new FakeEngine();
    EngineLoop<FakeEngine> loop = new EngineLoop<>(new SystemClock(), DRIVER, errors::add);
    loop.start(engine);
    loop.close();
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> loop.submit(e -> 1).get(5, TimeUnit.SECONDS));
    assertTrue(failure.getCause() instanceof IllegalStateException);
  }

  interface Check {
    boolean holds();
  }

  static void awaitTrue(Check check) {
    Await.until("the condition", Duration.ofSeconds(5), check::holds);
  }
}
