package dev.vigil.management;

import java.util.concurrent.CompletableFuture;

/**
 * The write side of the management plane: every operation is queued onto the engine's thread and
 * completes with the engine's result, or exceptionally with {@link SentinelCommandException}
 * carrying Sentinel's error text. Implementations never touch engine state on the caller's thread.
 */
public interface ManagementOperations {
  /** {@code SENTINEL FAILOVER <master>}: completes with {@code OK}. */
  CompletableFuture<String> failover(String master);

  /** {@code SENTINEL CKQUORUM <master>}: completes with Sentinel's {@code OK ...} text. */
  CompletableFuture<String> checkQuorum(String master);

  /** {@code SENTINEL SET <master> <option> <value>}. */
  CompletableFuture<String> set(String master, String option, String value);

  /** {@code SENTINEL RESET <pattern>}: the number of masters reset. */
  CompletableFuture<Long> reset(String pattern);

  /** {@code SENTINEL FLUSHCONFIG}. */
  CompletableFuture<String> flushConfig();

  /** {@code SENTINEL MONITOR <name> <ip> <port> <quorum>}. */
  CompletableFuture<String> monitor(String name, String ip, int port, int quorum);

  /** {@code SENTINEL REMOVE <name>}. */
  CompletableFuture<String> remove(String name);
}
