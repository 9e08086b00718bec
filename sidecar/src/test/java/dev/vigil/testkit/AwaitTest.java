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
  void timescaleMultipliesDeadlines() {
    assertEquals(Duration.ofMillis(250), Await.scaled(Duration.ofMillis(100), 2.5));
    assertEquals(Duration.ofSeconds(30), Await.scaled(Duration.ofSeconds(30), 1));
    assertEquals(1, Await.parseTimescale(""));
    assertEquals(2, Await.parseTimescale(" 2 "));
  }

  @Test
  void aTimescaleThatWouldShortenOrIsNotANumberIsRefused() {
    for (String bad : new String[] {"0.5", "0", "-1", "fast", "1000"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Await.parseTimescale(bad));
      assertTrue(e.getMessage().contains("vigil.test.timescale=" + bad), e.getMessage());
    }
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
