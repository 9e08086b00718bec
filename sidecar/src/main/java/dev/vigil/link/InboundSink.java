package dev.vigil.link;

import dev.vigil.engine.Inbound;

/**
 * Where the transport delivers answers: the engine loop's queue. Called from network threads, so
 * implementations must be thread-safe and must not call into the engine directly.
 */
@FunctionalInterface
public interface InboundSink {
  void deliver(Inbound message);
}
