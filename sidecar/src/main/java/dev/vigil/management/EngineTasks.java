package dev.vigil.management;

import dev.vigil.engine.SentinelEngine;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs an action on the thread that owns the engine; the runtime's {@code EngineLoop::submit} fits
 * ({@code EngineTasks tasks = loop::submit;}).
 */
@FunctionalInterface
public interface EngineTasks {
  <T> CompletableFuture<T> submit(Function<SentinelEngine, T> action);
}
