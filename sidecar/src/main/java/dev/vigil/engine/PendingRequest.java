package dev.vigil.engine;

/** A request sent and not yet answered: what it was, where, for which instance, and when. */
record PendingRequest(long id, Kind kind, Endpoint endpoint, Instance target, long sentAt) {
  /** The request types whose answers the engine processes. */
  enum Kind {
    PING,
    INFO,
    HELLO,
    ASK,
    REPLICAOF,
    SCRIPT_KILL,
    /** Vigil's self-fencing: {@code FenceQuery}, {@code SetFence}, {@code Demote}. */
    FENCE
  }
}
