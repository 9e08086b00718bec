package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void returnsTheFirstAcceptedValue() {
    AtomicInteger calls = new AtomicInteger();
    int value =
        Await.value("third call", Duration.ofSeconds(5), calls::incrementAndGet, v -> v >= 3);
    assertEquals(3, value);
  }

  @Test
  void probeExceptionsMeanNotYetAndBecomeTheCauseOnTimeout() {
    IllegalStateException refused = new IllegalStateException("connection refused");
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                Await.until(
                    "server up",
                    Duration.ofMillis(100),
                    () -> {
                      throw refused;
                    },
                    () -> "log tail here"));
    assertSame(refused, error.getCause());
    assertTrue(error.getMessage().contains("server up"), error.getMessage());
    assertTrue(error.getMessage().contains("log tail here"), error.getMessage());
  }

  @Test
  void abortStopsWaitingAtOnce() {
    long start = System.nanoTime();
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                Await.until(
                    "server up",
                    Duration.ofSeconds(30),
                    () -> {
                      throw new Await.Abort("exited with 1");
                    }));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    assertTrue(error.getMessage().contains("exited with 1"), error.getMessage());
  }
}
