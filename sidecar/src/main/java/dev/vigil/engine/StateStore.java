package dev.vigil.engine;

import dev.vigil.engine.state.SentinelState;

/**
 * Durable storage of the engine's persistent state (the config file rewrite in production). Called
 * synchronously at Sentinel's flush points; in particular a vote is saved before its reply leaves.
 */
@FunctionalInterface
public interface StateStore {
  /** Saves the state; returns false if it could not be saved (the caller reports the failure). */
  boolean save(SentinelState state);
}
