package dev.vigil.engine;

import java.util.List;

/**
 * Where the engine asks for script runs (spec §9); the runtime queues and executes them (fork/exec,
 * retries, timeouts) and the engine does no I/O. Two kinds arrive here:
 *
 * <ul>
 *   <li>{@code notification-script}: {@code argv = [path, <event-type>, <event-message>]} for every
 *       {@link SentinelEvent.Level#WARNING} event that concerns a primary with a notification
 *       script (its replicas' and sentinels' events included);
 *   <li>{@code client-reconfig-script}: {@code argv = [path, <master-name>, leader|observer, start,
 *       <from-ip>, <from-port>, <to-ip>, <to-port>]}.
 * </ul>
 *
 * <p>Called on the engine's thread: implementations must return at once.
 */
@FunctionalInterface
public interface ScriptRunner {
  void schedule(List<String> argv);

  ScriptRunner NONE = argv -> {};
}
