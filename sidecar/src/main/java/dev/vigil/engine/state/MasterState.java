package dev.vigil.engine.state;

import java.util.List;
import java.util.Map;

/**
 * One monitored primary as persisted: the {@code sentinel monitor} line and every per-primary
 * directive. {@code host/port} is the current address (the promoted replica once a failover reached
 * RECONF_SLAVES).
 *
 * @param notificationScript null when unset
 * @param clientReconfigScript null when unset
 * @param authPass null when unset
 * @param authUser null when unset
 * @param renamedCommands original command name (as written) to new name, in insertion order
 */
public record MasterState(
    String name,
    String host,
    int port,
    int quorum,
    long downAfterMs,
    long failoverTimeoutMs,
    int parallelSyncs,
    String notificationScript,
    String clientReconfigScript,
    String authPass,
    String authUser,
    long primaryRebootDownAfterMs,
    long configEpoch,
    long leaderEpoch,
    List<HostPort> knownReplicas,
    List<KnownSentinel> knownSentinels,
    Map<String, String> renamedCommands) {

  public static final long DEFAULT_DOWN_AFTER_MS = 30_000;
  public static final long DEFAULT_FAILOVER_TIMEOUT_MS = 180_000;
  public static final int DEFAULT_PARALLEL_SYNCS = 1;

  public MasterState {
    knownReplicas = List.copyOf(knownReplicas);
    knownSentinels = List.copyOf(knownSentinels);
    renamedCommands =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(renamedCommands));
  }

  /** A freshly monitored primary with Sentinel's defaults. */
  public static MasterState monitor(String name, String host, int port, int quorum) {
    return new MasterState(
        name,
        host,
        port,
        quorum,
        DEFAULT_DOWN_AFTER_MS,
        DEFAULT_FAILOVER_TIMEOUT_MS,
        DEFAULT_PARALLEL_SYNCS,
        null,
        null,
        null,
        null,
        0,
        0,
        0,
        List.of(),
        List.of(),
        Map.of());
  }
}
