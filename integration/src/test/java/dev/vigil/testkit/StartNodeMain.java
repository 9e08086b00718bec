package dev.vigil.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * Starts a {@link ValkeyNode} through the kit inside a separate JVM, prints its PID and port, and
 * waits to be killed: lets tests SIGKILL a JVM that owns a server and check what happens to it.
 */
public final class StartNodeMain {
  private StartNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    ValkeyNode node = ValkeyNode.builder().name("child-node").start();
    System.out.println("node pid=" + node.pid() + " port=" + node.port());
    new CountDownLatch(1).await();
  }
}
