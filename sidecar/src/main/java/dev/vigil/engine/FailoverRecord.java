package dev.vigil.engine;

/**
 * The last completed failover of a primary, as this sentinel saw it. Durations in ms (-1 when not
 * observed: an observer that learnt the switch from a hello only knows how long it saw the old
 * primary S_DOWN, or nothing): {@code detectMs} from S_DOWN to the start of the attempt, {@code
 * electMs} start → elected, {@code promoteMs} elected → promotion observed, {@code reconfigureMs}
 * promotion → switch.
 *
 * @param endedWallMs wall time of the switch
 */
public record FailoverRecord(
    long epoch,
    long endedWallMs,
    String from,
    String to,
    long durationMs,
    long detectMs,
    long electMs,
    long promoteMs,
    long reconfigureMs) {}
