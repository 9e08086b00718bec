package dev.vigil.engine;

/** Reaches into a harness' engine to exercise one component directly. */
final class EngineCoreAccess {
  private final EngineHarness h;

  EngineCoreAccess(EngineHarness h) {
    this.h = h;
  }

  Primary primary() {
    return h.engine.core().primaries.get("mymaster");
  }

  /** Runs the leader evaluation for {@code epoch} as a candidate would (current epoch raised). */
  Election.Outcome leader(long epoch) {
    EngineCore core = h.engine.core();
    core.stamp();
    if (core.currentEpoch < epoch) {
      core.currentEpoch = epoch;
    }
    return h.engine.election().getLeader(primary(), epoch);
  }
}
