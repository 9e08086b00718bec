package dev.vigil.management.mbeans;

import dev.vigil.management.SentinelCommandException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, on the JMX caller's thread, for an operation queued into the engine. Failures become
 * {@link IllegalStateException} (a JDK class, so JConsole and other remote clients can deserialize
 * it without our jars) whose message is Sentinel's error text.
 */
final class OperationCall {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private OperationCall() {}

  static <T> T await(String what, CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SentinelCommandException) {
        throw new IllegalStateException(cause.getMessage());
      }
      throw new IllegalStateException(what + " failed: " + cause, null);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new IllegalStateException(what + ": the engine did not answer within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted");
    }
  }
}
