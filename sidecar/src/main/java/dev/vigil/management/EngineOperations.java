package dev.vigil.management;

import dev.vigil.engine.SentinelEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ManagementOperations} on the real engine: each operation is one task on the engine's
 * thread calling the same command method the {@code SENTINEL} command uses, so JMX, Jolokia and
 * RESP clients get the same results and the same error texts.
 */
public final class EngineOperations implements ManagementOperations {
  private final EngineTasks tasks;

  public EngineOperations(EngineTasks tasks) {
    this.tasks = tasks;
  }

  /** The engine's convention: null means {@code +OK}, anything else is Sentinel's error text. */
  private static String okOrThrow(String error) {
    if (error != null) {
      throw new SentinelCommandException(error);
    }
    return "OK";
  }

  @Override
  public CompletableFuture<String> failover(String master) {
    return tasks.submit(engine -> okOrThrow(engine.failover(master)));
  }

  @Override
  public CompletableFuture<String> checkQuorum(String master) {
    return tasks.submit(
        engine -> {
          SentinelEngine.CommandReply reply = engine.ckquorum(master);
          if (reply.error()) {
            throw new SentinelCommandException(reply.text());
          }
          return reply.text();
        });
  }

  @Override
  public CompletableFuture<String> set(String master, String option, String value) {
    return tasks.submit(engine -> okOrThrow(engine.set(master, List.of(option, value))));
  }

  @Override
  public CompletableFuture<Long> reset(String pattern) {
    return tasks.submit(engine -> (long) engine.reset(pattern));
  }

  @Override
  public CompletableFuture<String> flushConfig() {
    return tasks.submit(
        engine -> okOrThrow(engine.flushConfig() ? null : SentinelEngine.ERR_SAVE_FAILED));
  }

  @Override
  public CompletableFuture<String> monitor(String name, String ip, int port, int quorum) {
    return tasks.submit(
        engine ->
            okOrThrow(engine.monitor(name, ip, Integer.toString(port), Integer.toString(quorum))));
  }

  @Override
  public CompletableFuture<String> remove(String name) {
    return tasks.submit(engine -> okOrThrow(engine.remove(name)));
  }

  /**
   * A glob that matches exactly {@code name}: Sentinel's RESET takes a pattern, but resetting one
   * master must not reset others whose names happen to match.
   */
  public static String literalPattern(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 4);
    for (char c : name.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
