/**
 * Deterministic simulation of the Sentinel engine (in the style of Kafka's RaftEventSimulationTest,
 * FoundationDB and TigerBeetle's VOPR).
 *
 * <p>Everything runs on one thread from one seed: {@link dev.vigil.sim.SimScheduler} (a seeded PRNG
 * and a queue of timed tasks), per-process {@link dev.vigil.sim.SimClock}s (monotonic time with a
 * per-process origin, wall time that can jump), {@link dev.vigil.sim.SimNetwork} (the engine's
 * transport contract with delays, losses, resets, duplicated hellos, cross-link reordering and
 * partitions), {@link dev.vigil.sim.SimValkeyNode} (role, run id, replication offset and link, INFO
 * in Valkey's format, SLAVEOF with CONFIG REWRITE and CLIENT KILL, crash/restart, hang, LOADING)
 * and {@link dev.vigil.sim.SimEngineHost} (a real {@code SentinelEngine} per sentinel process with
 * a durable simulated disk; a restart rebuilds the engine from the last saved state).
 *
 * <p>{@link dev.vigil.sim.Scenario} draws a topology, timings, a network profile and a fault
 * schedule from the seed; {@link dev.vigil.sim.SimCluster} plays it and {@link
 * dev.vigil.sim.InvariantChecker} checks the {@link dev.vigil.sim.Invariant}s: safety ones after
 * every engine step, event, request and save; convergence after healing and liveness at the end.
 *
 * <p>Running: {@code SimulationTest} runs 10,000 seeds ({@code -Dvigil.sim.scenarios=N}); a failure
 * prints the seed, the scenario, the violations and the trace tail; {@code -Dvigil.sim.seed=S}
 * replays one seed ({@code -DargLine=-Dvigil.sim.trace=100000} for a longer trace). {@code
 * BrokenEngineTest} proves the invariants catch deliberately broken engines; {@code
 * RegressionSeedsTest} keeps the seeds that found bugs.
 */
package dev.vigil.sim;
