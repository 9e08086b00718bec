package dev.vigil.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * A trivial program for {@link JavaProcess} tests: prints its PID, a system property and its
 * arguments, prints {@code bye} from a shutdown hook, and otherwise waits to be killed.
 */
public final class EchoMain {
  private EchoMain() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("bye")));
    System.out.println("ready pid=" + ProcessHandle.current().pid());
    System.out.println("prop=" + System.getProperty("vigil.echo"));
    System.err.println("args=" + String.join(",", args));
    new CountDownLatch(1).await();
  }
}
