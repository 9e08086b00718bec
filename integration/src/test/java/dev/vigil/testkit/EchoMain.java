package dev.vigil.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A trivial program for {@link JavaProcess} tests: prints its PID, a system property and its
 * arguments, echoes stdin lines as {@code echo: <line>}, prints {@code bye} from a shutdown hook,
 * and otherwise waits to be killed.
 */
public final class EchoMain {
  private EchoMain() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("bye")));
    System.out.println("ready pid=" + ProcessHandle.current().pid());
    System.out.println("prop=" + System.getProperty("vigil.echo"));
    System.err.println("args=" + String.join(",", args));
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
      System.out.println("echo: " + line);
    }
    new CountDownLatch(1).await();
  }
}
