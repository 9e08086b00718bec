package dev.vigil.sim;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sentinel process on one simulated host: a real {@link SentinelEngine} with its clock, seeded
 * randomness, outbox into the {@link SimNetwork}, event sink into the invariant checker, and a
 * simulated durable disk. A crash loses everything but the disk; a restart builds a new engine from
 * the last saved state, exactly as the sidecar reads its config file at start-up.
 *
 * <p>The engine is driven like the sidecar's event loop: every message is handled, then {@code
 * poll} runs and its deadline schedules the next poll. A stall (GC pause, SIGSTOP) defers both.
 */
final class SimEngineHost {
  final int hostIndex;
  final int sentinelIndex;
  final Endpoint endpoint;
  private final SimCluster cluster;
  private final SimScheduler scheduler;
  private final EngineFactory factory;
  private final EngineOptions options;

  /** Wall-clock offset of this host, shared by all incarnations (a jump survives restarts). */
  private final long[] wallOffsetMs;

  /** Poll after every message (true) or only at the engine's deadlines (false). */
  private final boolean eagerPoll;

  private SentinelState disk;
  private EngineProcess engine;
  private SimClock clock;
  private long incarnation;
  private String myid;
  private long stalledUntilMs;
  private long pollGeneration;
  private long scheduledPollAtMs = Long.MAX_VALUE;

  /** The engine emitted an event or saved since the last epoch check. */
  private boolean dirty = true;

  private final Map<LinkKey, SimLink> links = new LinkedHashMap<>();

  SimEngineHost(
      int hostIndex,
      int sentinelIndex,
      SimCluster cluster,
      SimScheduler scheduler,
      EngineFactory factory,
      EngineOptions options,
      SentinelState config,
      long wallOffsetMs) {
    this.hostIndex = hostIndex;
    this.sentinelIndex = sentinelIndex;
    this.endpoint = Endpoint.sentinel(SimIds.hostIp(hostIndex), SimCluster.SENTINEL_PORT);
    this.cluster = cluster;
    this.scheduler = scheduler;
    this.factory = factory;
    this.options = options;
    this.disk = config;
    this.wallOffsetMs = new long[] {wallOffsetMs};
    this.eagerPoll = cluster.scenario().eagerPoll();
  }

  String name() {
    return "s" + sentinelIndex;
  }

  long incarnation() {
    return incarnation;
  }

  boolean alive() {
    return engine != null;
  }

  boolean alive(long expectedIncarnation) {
    return engine != null && incarnation == expectedIncarnation;
  }

  FailoverPacing pacing() {
    return options.pacing();
  }

  /** The engine's id once started (persisted, so stable across restarts). */
  String myid() {
    return myid;
  }

  SentinelState disk() {
    return disk;
  }

  EngineProcess engine() {
    return engine;
  }

  /** When the current incarnation started (virtual ms). */
  long startedAtMs() {
    return startedAtMs;
  }

  private long startedAtMs;

  // ---- lifecycle -------------------------------------------------------------------------------

  void start() {
    incarnation++;
    long incarnationNow = incarnation;
    clock = new SimClock(scheduler, scheduler.between(1_000_000, 1_000_000_000), wallOffsetMs);
    cluster.invariants().beforeStart(this);
    engine =
        factory.create(
            disk,
            options,
            clock,
            scheduler.split(),
            request -> onOutbound(incarnationNow, request),
            event -> onEvent(incarnationNow, event),
            state -> onSave(incarnationNow, state));
    cluster.trace(name(), "start", "incarnation " + incarnation);
    startedAtMs = scheduler.nowMs();
    cluster.reachabilityChanged();
    try {
      engine.setFencing(cluster.fencingFor(hostIndex));
      engine.start();
      myid = engine.state().myid();
    } catch (RuntimeException e) {
      cluster.engineThrew(this, "start", e);
    }
    afterCall();
  }

  /** Process death: memory and connections are gone, the disk stays. */
  void crash() {
    if (engine == null) {
      return;
    }
    cluster.trace(name(), "crash", "");
    engine = null;
    pollGeneration++;
    scheduledPollAtMs = Long.MAX_VALUE;
    stalledUntilMs = 0;
    for (SimLink link : links.values()) {
      link.closed = true;
      link.up = false;
    }
    links.clear();
    cluster.network().closeAllTo(endpoint, "connection reset by peer");
    cluster.invariants().crashed(this);
    cluster.reachabilityChanged();
  }

  void restart() {
    if (engine == null) {
      start();
    }
  }

  /** The process stops running (GC pause, SIGSTOP) until {@code untilMs}. */
  void stallUntil(long untilMs) {
    if (engine != null) {
      cluster.trace(name(), "stall", "until " + untilMs);
      stalledUntilMs = Math.max(stalledUntilMs, untilMs);
    }
  }

  void jumpWallClock(long deltaMs) {
    wallOffsetMs[0] += deltaMs;
    cluster.trace(name(), "wall-jump", deltaMs);
  }

  // ---- driving the engine ----------------------------------------------------------------------

  /**
   * Runs {@code work} on the engine's thread now, or when a stall ends; drops it if the process is
   * dead.
   */
  void execute(Runnable work) {
    if (engine == null) {
      return;
    }
    long expected = incarnation;
    if (scheduler.nowMs() < stalledUntilMs) {
      scheduler.at(
          stalledUntilMs,
          () -> {
            if (alive(expected)) {
              execute(work);
            }
          });
      return;
    }
    work.run();
  }

  /** Delivers one transport message to incarnation {@code expected}. */
  void deliver(long expected, Inbound message) {
    if (!alive(expected)) {
      return;
    }
    execute(
        () -> {
          cluster.trace(name(), "handle", message);
          try {
            engine.handle(message);
          } catch (RuntimeException e) {
            cluster.engineThrew(this, "handle " + message, e);
          }
          afterMessage();
        });
  }

  /** A peer's is-master-down-by-addr; null if the process died while answering. */
  SentinelEngine.IsDownAnswer answerAsk(String ip, int port, long epoch, String runid) {
    SentinelEngine.IsDownAnswer answer;
    try {
      answer = engine.isMasterDownByAddr(ip, port, epoch, runid);
    } catch (RuntimeException e) {
      cluster.engineThrew(this, "is-master-down-by-addr", e);
      return null;
    }
    cluster.trace(name(), "ask-answer", answer);
    return answer;
  }

  /** Runs the poll that follows an answer (separate so a crash can fall in between). */
  void afterAnswer() {
    afterMessage();
  }

  void processHello(String payload) {
    try {
      engine.processHello(payload);
    } catch (RuntimeException e) {
      cluster.engineThrew(this, "processHello " + payload, e);
    }
    afterMessage();
  }

  /** SENTINEL FAILOVER; returns the error text or null. */
  String failover(String masterName) {
    if (engine == null) {
      return "dead";
    }
    cluster.invariants().manualFailoverRequested(this);
    String error;
    try {
      error = engine.failover(masterName);
    } catch (RuntimeException e) {
      cluster.engineThrew(this, "failover", e);
      return "exception";
    }
    cluster.trace(name(), "FAILOVER", error == null ? "OK" : error);
    if (error != null) {
      cluster.invariants().manualFailoverRejected(this);
    }
    afterCall();
    return error;
  }

  private void afterMessage() {
    if (eagerPoll) {
      afterCall(); // polling early is allowed at any time; some scenarios do it always
    } else {
      checkEpochsIfDirty();
    }
  }

  private void checkEpochsIfDirty() {
    if (dirty && engine != null) {
      dirty = false;
      cluster.invariants().afterStep(this);
    }
  }

  private void afterCall() {
    if (engine == null) {
      return;
    }
    long deadline;
    try {
      deadline = engine.poll(clock.monotonicMs());
    } catch (RuntimeException e) {
      cluster.engineThrew(this, "poll", e);
      return;
    }
    schedulePoll(clock.toSchedulerTime(deadline));
    if (dirty) {
      // Epochs only move together with an event (+new-epoch, +switch-master...) or a save, so
      // quiet steps need no state snapshot.
      dirty = false;
      cluster.invariants().afterStep(this);
    }
  }

  private void schedulePoll(long atMs) {
    long at = Math.max(atMs, scheduler.nowMs() + 1);
    if (scheduledPollAtMs > scheduler.nowMs() && scheduledPollAtMs <= at) {
      return; // an earlier poll is already scheduled; polling early is always safe
    }
    long generation = ++pollGeneration;
    scheduledPollAtMs = at;
    scheduler.at(
        at,
        () -> {
          if (generation != pollGeneration || engine == null) {
            return;
          }
          scheduledPollAtMs = Long.MAX_VALUE;
          execute(this::afterCall);
        });
  }

  // ---- engine ports ----------------------------------------------------------------------------

  private void onOutbound(long from, Outbound request) {
    if (!alive(from)) {
      return;
    }
    cluster.invariants().onOutbound(this, request);
    cluster.trace(name(), "send", request);
    cluster.network().send(this, request);
  }

  private void onEvent(long from, SentinelEvent event) {
    if (!alive(from)) {
      return;
    }
    dirty = true;
    cluster.trace(name(), "event", event);
    cluster.invariants().onEvent(this, event);
  }

  private boolean onSave(long from, SentinelState state) {
    if (!alive(from)) {
      return false;
    }
    disk = state;
    dirty = true;
    cluster.invariants().onSave(this, state);
    return true;
  }

  // ---- links (used by SimNetwork) --------------------------------------------------------------

  SimLink link(Endpoint endpoint, LinkType type) {
    return links.get(new LinkKey(endpoint, type));
  }

  void putLink(SimLink link) {
    links.put(new LinkKey(link.endpoint, link.type), link);
  }

  List<SimLink> links() {
    return new ArrayList<>(links.values());
  }

  List<SimLink> linksTo(Endpoint target) {
    List<SimLink> out = new ArrayList<>(2);
    for (SimLink l : links.values()) {
      if (l.open() && l.endpoint.equals(target)) {
        out.add(l);
      }
    }
    return out;
  }

  private record LinkKey(Endpoint endpoint, LinkType type) {}

  @Override
  public String toString() {
    return name() + "@" + endpoint;
  }
}
