package dev.vigil.engine;

/**
 * One vote: in {@code epoch}, {@code voter} (a run id) granted its vote to {@code votedFor}, as
 * requested by {@code requester} ({@code null} when we only learnt it from a reply).
 *
 * @param atMs monotonic time the vote was cast or reported
 * @param granted false when the voter answered with another (earlier) vote
 */
public record VoteRecord(
    String master,
    long epoch,
    String requester,
    String voter,
    String votedFor,
    boolean granted,
    long atMs) {}
