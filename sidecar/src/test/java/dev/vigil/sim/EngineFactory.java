package dev.vigil.sim;

import dev.vigil.engine.Clock;
import dev.vigil.engine.EngineMutation;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.EventSink;
import dev.vigil.engine.Outbox;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.StateStore;
import dev.vigil.engine.state.SentinelState;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Builds one engine process; the broken-variant tests plug in deliberately wrong engines. */
@FunctionalInterface
interface EngineFactory {
  EngineProcess create(
      SentinelState initial,
      EngineOptions options,
      Clock clock,
      RandomGenerator random,
      Outbox outbox,
      EventSink events,
      StateStore store);

  EngineFactory REAL =
      (initial, options, clock, random, outbox, events, store) ->
          EngineProcess.of(
              new SentinelEngine(initial, options, clock, random, outbox, events, store));

  /** The real engine with deliberate test-only bugs switched on. */
  static EngineFactory withMutations(Set<EngineMutation> mutations) {
    return (initial, options, clock, random, outbox, events, store) -> {
      SentinelEngine engine =
          new SentinelEngine(initial, options, clock, random, outbox, events, store);
      engine.setMutations(mutations);
      return EngineProcess.of(engine);
    };
  }
}
