package dev.vigil.sidecar;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * What an application does through a failover: writes key {@code n} in a loop on its own thread,
 * retrying a failed write after a short pause, and counts the writes its client acknowledged.
 */
final class BackgroundWriter {
  final AtomicInteger written = new AtomicInteger();
  private final AtomicReference<String> lastFailure = new AtomicReference<>("none");
  private volatile boolean stopped;
  private final Thread thread;

  /** Starts writing at once; {@code write} writes key number n and throws if that failed. */
  BackgroundWriter(String name, IntConsumer write) {
    thread =
        new Thread(
            () -> {
              while (!stopped) {
                try {
                  write.accept(written.get());
                  written.incrementAndGet();
                } catch (RuntimeException failing) {
                  lastFailure.set(failing.toString());
                  pause();
                }
              }
            },
            "writer-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  String lastFailure() {
    return "last write failure: " + lastFailure.get();
  }

  void stop() throws InterruptedException {
    stopped = true;
    thread.join(10_000);
  }

  private static void pause() {
    try {
      Thread.sleep(50); // back-off between retries, not synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
