package dev.vigil.engine;

import java.util.List;

/**
 * Where the engine asks for {@code client-reconfig-script} runs (spec §9): {@code argv = [path,
 * <master-name>, leader|observer, start, <from-ip>, <from-port>, <to-ip>, <to-port>]}. The runtime
 * queues and executes them (fork/exec, retries, timeouts); the engine does no I/O. Notification
 * scripts need no hook: they run for every {@link SentinelEvent.Level#WARNING} event that has a
 * master, with the master's {@code notification-script}.
 */
@FunctionalInterface
public interface ScriptRunner {
  void schedule(List<String> argv);

  ScriptRunner NONE = argv -> {};
}
