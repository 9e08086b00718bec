package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Sentinel engine: a deterministic re-implementation of Valkey Sentinel's logic (spec §1–§10)
 * that is driven by messages instead of a 10 Hz timer.
 *
 * <p>Lifecycle: construct with the state read from the config file, call {@link #start()} once,
 * then on the owning thread call {@link #handle(Inbound)} for every message, the command methods
 * for client/JMX requests, and {@link #poll(long)} whenever the deadline it last returned has
 * passed (or earlier: polling early is always safe). Each of these runs one <em>step</em>: read the
 * clock, check TILT, apply the input, then run every timer that is due, exactly as Sentinel's timer
 * would. So the engine reacts at once: it asks peers the moment a primary goes SDOWN, counts ODOWN
 * the moment an answer arrives, evaluates the election the moment a vote arrives, sends {@code
 * SLAVEOF NO ONE} right after the selection and reconfigures the replicas as soon as the promotion
 * shows in INFO. {@link #poll} returns the next precise deadline (next PING, down-after expiry,
 * INFO, hello, reconnection), never more than {@link #HEARTBEAT_MS} away so that stalls of the
 * owning thread are noticed (TILT). After {@link #handle} or a command, call {@link #poll} again to
 * learn the new deadline: an input can bring it forward.
 *
 * <p>{@link EngineOptions#pacing()} decides how quickly it moves around a failover: {@link
 * FailoverPacing#VIGIL} (the default; each shortening with its safety argument in {@code
 * VigilPacing}) or {@link FailoverPacing#SENTINEL} (Sentinel's timings exactly).
 *
 * <p>Error texts returned by the command methods are the Sentinel error replies without the leading
 * {@code -} (e.g. {@code "INPROG Failover already in progress"}); null means {@code +OK}.
 */
public final class SentinelEngine {
  /** The longest time {@link #poll} lets pass before it wants to run again. */
  public static final long HEARTBEAT_MS = 100;

  /** Error replies shared by several commands. */
  public static final String ERR_NO_SUCH_MASTER = "ERR No such master with that name";

  public static final String ERR_SAVE_FAILED = "ERR Failed to save config file. Check server logs.";

  private final EngineCore core;
  private final Topology topology;
  private final Monitor monitor;
  private final DownDetector down;
  private final Election election;
  private final FailoverStateMachine machine;
  private final InfoProcessor infoProcessor;
  private final HelloProcessor helloProcessor;
  private final Commands commands;
  private final Fencing fencing;
  private boolean started;

  public SentinelEngine(
      SentinelState initial,
      EngineOptions options,
      Clock clock,
      RandomGenerator random,
      Outbox outbox,
      EventSink events,
      StateStore store) {
    this(initial, options, clock, random, outbox, events, store, null);
  }

  /**
   * @param resolver how host names resolve under {@code resolve-hostnames yes} (spec §12): to an IP
   *     literal, or null when the name does not resolve; the engine does no I/O, so the runtime
   *     injects DNS. Null: a syntactically valid name stands for itself. Used from the start, for
   *     the instances of {@code initial} too.
   */
  public SentinelEngine(
      SentinelState initial,
      EngineOptions options,
      Clock clock,
      RandomGenerator random,
      Outbox outbox,
      EventSink events,
      StateStore store,
      java.util.function.Function<String, String> resolver) {
    this.core = new EngineCore(options, clock, random, outbox, events, store);
    if (resolver != null) {
      core.resolver = resolver;
    }
    this.topology = new Topology(core);
    this.monitor = new Monitor(core);
    this.down = new DownDetector(core);
    this.election = new Election(core);
    this.machine = new FailoverStateMachine(core, election, monitor, topology);
    this.infoProcessor = new InfoProcessor(core, topology, monitor, machine);
    this.helloProcessor = new HelloProcessor(core, topology);
    this.commands = new Commands(core, topology, machine);
    this.fencing = new Fencing(core);
    core.fencing = fencing;
    core.stamp();
    StateMapper.load(core, topology, initial);
  }

  /**
   * TEST ONLY: switches on deliberate bugs ({@link EngineMutation}) so that the simulation can
   * prove its invariants catch them. Never called by the product.
   */
  public void setMutations(Set<EngineMutation> mutations) {
    core.mutations =
        mutations.isEmpty() ? EnumSet.noneOf(EngineMutation.class) : EnumSet.copyOf(mutations);
  }

  /**
   * Vigil's self-fencing (docs/fencing.md): which node is this sidecar's and whether to fence it.
   * Default {@link FencingSettings#OFF}.
   */
  public void setFencing(FencingSettings settings) {
    fencing.configure(settings);
  }

  /** Where client-reconfig-script runs go (default: nowhere). */
  public void setScriptRunner(ScriptRunner runner) {
    core.scripts = runner;
  }

  /**
   * How {@code SENTINEL SET notification-script|client-reconfig-script} checks that a path is
   * executable (Sentinel's {@code access(X_OK)}, relative to {@code dir}); the engine does no I/O,
   * so the runtime injects the check. Default: every path is accepted.
   */
  public void setExecutableCheck(java.util.function.Predicate<String> check) {
    commands.executableCheck = check;
  }

  /**
   * Generates and persists myid if missing, emits {@code +monitor} for every configured primary.
   */
  public void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    enter();
    if (core.myid == null) {
      core.myid = randomId();
      core.flush();
    }
    for (Primary p : core.primaries.values()) {
      core.event(Level.WARNING, "+monitor", p, "quorum " + p.quorum);
    }
    tick();
  }

  private String randomId() {
    StringBuilder b = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      b.append(Character.forDigit(core.random.nextInt(16), 16));
    }
    return b.toString();
  }

  /** This sentinel's run id (40 hex chars), or null before {@link #start()} generated it. */
  public String myid() {
    return core.myid;
  }

  /**
   * Runs every timer due at {@code nowMs} (monotonic) and returns the next deadline (monotonic).
   */
  public long poll(long nowMs) {
    enter();
    tick();
    return nextDeadline();
  }

  /** Processes one message from the transport. */
  public void handle(Inbound message) {
    enter();
    dispatch(message);
    tick();
  }

  private void dispatch(Inbound message) {
    if (message instanceof Inbound.LinkUp up) {
      monitor.onLinkUp(up);
    } else if (message instanceof Inbound.LinkDown d) {
      monitor.onLinkDown(d);
    } else if (message instanceof Inbound.PingReply r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.kind() == PendingRequest.Kind.PING) {
        monitor.onPingReply(req, r);
      }
    } else if (message instanceof Inbound.InfoReply r) {
      PendingRequest req = core.complete(r.id());
      // A primary keeps its object across an address switch: an INFO asked of the old address and
      // answered after the switch must not be read as the new primary's.
      if (req != null
          && req.kind() == PendingRequest.Kind.INFO
          && live(req.target())
          && req.endpoint().equals(req.target().endpoint())) {
        infoProcessor.refresh(req.target(), r.info());
      } else if (req != null) {
        req.target().infoPendingSince = EngineCore.NEVER;
      }
    } else if (message instanceof Inbound.PublishReply r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.kind() == PendingRequest.Kind.HELLO) {
        monitor.onPublishReply(req, r);
      }
    } else if (message instanceof Inbound.AskReply r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.target() instanceof PeerSentinel s && live(s)) {
        election.onAskReply(s, r);
      }
    } else if (message instanceof Inbound.ReplicaOfQueued r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.kind() == PendingRequest.Kind.REPLICAOF) {
        monitor.onReplicaOfQueued(req);
      }
    } else if (message instanceof Inbound.CommandFailed f) {
      PendingRequest req = core.complete(f.id());
      if (req != null) {
        EngineCore.clearPendingMarker(req);
        if (req.kind() == PendingRequest.Kind.FENCE) {
          fencing.onFailed(req, f.error());
        }
      }
    } else if (message instanceof Inbound.FenceConfig r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.kind() == PendingRequest.Kind.FENCE) {
        fencing.onConfig(req, r);
      }
    } else if (message instanceof Inbound.PrimaryNamed r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.kind() == PendingRequest.Kind.FENCE && live(req.target())) {
        fencing.onPrimaryNamed(req, r);
      }
    } else if (message instanceof Inbound.FenceApplied r) {
      PendingRequest req = core.complete(r.id());
      if (req != null && req.kind() == PendingRequest.Kind.FENCE) {
        fencing.onApplied(req);
      }
    } else if (message instanceof Inbound.HelloMessage h) {
      helloProcessor.onPubSubHello(h);
    }
  }

  /** True if the instance is still part of the model (not reset or removed meanwhile). */
  private boolean live(Instance ri) {
    Primary p = ri.primary();
    if (core.primaries.get(p.name) != p) {
      return false;
    }
    if (ri instanceof Replica r) {
      return p.replicas.get(r.key) == r;
    }
    if (ri instanceof PeerSentinel s) {
      return p.sentinels.get(s.runid) == s;
    }
    return true;
  }

  /**
   * {@code SENTINEL IS-MASTER-DOWN-BY-ADDR}: the vote (if any) is persisted before this returns.
   */
  public IsDownAnswer isMasterDownByAddr(String ip, int port, long requestEpoch, String runid) {
    enter();
    if (core.pacing.timersBeforeAnswer()) {
      tick();
    }
    IsDownAnswer answer = election.answerAsk(ip, port, requestEpoch, runid);
    tick();
    return answer;
  }

  /** A hello received through {@code PUBLISH __sentinel__:hello} from a peer. */
  public void processHello(String payload) {
    enter();
    helloProcessor.process(payload);
    tick();
  }

  /** {@code SENTINEL FAILOVER <name>}: null on success, else the Sentinel error text. */
  public String failover(String masterName) {
    enter();
    String result = commands.failover(masterName);
    tick();
    return result;
  }

  /** The current state as an immutable value (what the config file holds). */
  public SentinelState state() {
    return StateMapper.toState(core);
  }

  /** Answer to is-master-down-by-addr: {@code [down, leader or "*", leaderEpoch]}. */
  public record IsDownAnswer(boolean down, String leader, long leaderEpoch) {}

  // ------------------------------------------------------------------ the step

  private void enter() {
    core.stamp();
    if (core.tilt.check(core.now, core.wallNow, core.timing.tiltTriggerMs())) {
      core.eventWithMaster(Level.WARNING, "+tilt", "#tilt mode entered", null);
    }
  }

  /** {@code sentinelTimer} minus the TILT check (done in {@link #enter()}). */
  private void tick() {
    if (!started) {
      return;
    }
    for (Primary p : new ArrayList<>(core.primaries.values())) {
      handleInstance(p);
      for (Replica r : new ArrayList<>(p.replicas.values())) {
        handleInstance(r);
      }
      for (PeerSentinel s : new ArrayList<>(p.sentinels.values())) {
        handleInstance(s);
      }
    }
    for (Primary p : new ArrayList<>(core.primaries.values())) {
      if (p.failoverInProgress && p.failoverState == FailoverState.UPDATE_CONFIG) {
        machine.switchToPromoted(p);
      }
    }
    // Vigil's self-fencing, after the timers: it acts on this step's view (also in TILT: fencing
    // errs on the side of refusing writes).
    for (Primary p : new ArrayList<>(core.primaries.values())) {
      fencing.run(p);
    }
  }

  /** {@code sentinelHandleValkeyInstance}. */
  private void handleInstance(Instance ri) {
    if (!live(ri)) {
      return;
    }
    monitor.reconnect(ri);
    monitor.sendPeriodicCommands(ri);
    if (core.tilt.tilt) {
      if (!core.tilt.maybeExit(core.now, core.timing.tiltPeriodMs())) {
        return;
      }
      core.eventWithMaster(Level.WARNING, "-tilt", "#tilt mode exited", null);
    }
    down.checkSubjectivelyDown(ri);
    if (ri instanceof Primary p) {
      down.checkObjectivelyDown(p);
      if (machine.startIfNeeded(p)) {
        election.askPeers(p, true);
      }
      machine.run(p);
      if (p.failoverInProgress && p.failoverState == FailoverState.UPDATE_CONFIG) {
        return;
      }
      election.askPeers(p, false);
    }
  }

  private long nextDeadline() {
    long now = core.now;
    long next = Math.min(now + HEARTBEAT_MS, fencing.nextDeadline());
    for (Primary p : core.primaries.values()) {
      next = Math.min(next, instanceDeadline(p));
      if (p.failoverNotBefore != EngineCore.NEVER) {
        next = Math.min(next, p.failoverNotBefore);
      }
      next = Math.min(next, election.nextAskDeadline(p));
      for (Replica r : p.replicas.values()) {
        next = Math.min(next, instanceDeadline(r));
      }
      for (PeerSentinel s : p.sentinels.values()) {
        next = Math.min(next, instanceDeadline(s));
      }
    }
    return Math.max(next, now + 1);
  }

  private long instanceDeadline(Instance ri) {
    return Math.min(monitor.nextPeriodicDeadline(ri), down.sdownDeadline(ri));
  }

  // ------------------------------------------------------------------ commands

  /**
   * {@code SENTINEL MONITOR <name> <ip> <port> <quorum>} with Sentinel's parse order and errors.
   */
  public String monitor(String name, String ip, String port, String quorum) {
    enter();
    String result = commands.monitor(name, ip, port, quorum);
    tick();
    return result;
  }

  /** {@code SENTINEL REMOVE <name>}. */
  public String remove(String name) {
    enter();
    String result = commands.remove(name);
    tick();
    return result;
  }

  /** {@code SENTINEL SET <name> <option> <value> ...} (spec §2.3). */
  public String set(String name, List<String> optionValuePairs) {
    enter();
    String result = commands.set(name, optionValuePairs);
    tick();
    return result;
  }

  /** {@code SENTINEL RESET <pattern>}: the number of primaries reset. */
  public int reset(String pattern) {
    enter();
    int n = commands.reset(pattern);
    tick();
    return n;
  }

  /** {@code SENTINEL CKQUORUM <name>}. */
  public CommandReply ckquorum(String name) {
    enter();
    return commands.ckquorum(name);
  }

  /** {@code SENTINEL CONFIG SET <param> <value> ...} (spec §2.4). */
  public String configSet(List<String> paramValuePairs) {
    enter();
    String result = commands.configSet(paramValuePairs, monitor);
    tick();
    return result;
  }

  /** {@code SENTINEL CONFIG GET <pattern> ...}: the matching parameters in Sentinel's order. */
  public Map<String, String> configGet(List<String> patterns) {
    return commands.configGet(patterns);
  }

  /** The {@code loglevel} set by {@code SENTINEL CONFIG SET} (the runtime applies it). */
  public String logLevel() {
    return commands.logLevel();
  }

  /** {@code SENTINEL DEBUG <param> <ms> ...}. Not persisted. */
  public String debug(List<String> paramValuePairs) {
    enter();
    String result = commands.debug(paramValuePairs);
    tick();
    return result;
  }

  /** {@code SENTINEL DEBUG} without arguments: the 13 timing values in Sentinel's order. */
  public Map<String, Long> debug() {
    return commands.debugValues();
  }

  /** {@code SENTINEL SIMULATE-FAILURE <flag> ...}; {@code help} is the RESP layer's business. */
  public String simulateFailure(List<String> flags) {
    return commands.simulateFailure(flags);
  }

  /** The flags {@code SENTINEL SIMULATE-FAILURE help} lists. */
  public static final List<String> SIMULATE_FAILURE_FLAGS =
      List.of("crash-after-election", "crash-after-promotion");

  /** {@code SENTINEL FLUSHCONFIG}: false if the store failed. */
  public boolean flushConfig() {
    enter();
    return core.flush();
  }

  /** {@code SENTINEL GET-MASTER-ADDR-BY-NAME}: null for an unknown name. */
  public HostPort masterAddress(String name) {
    Primary p = core.primaries.get(name);
    return p == null ? null : p.shownCurrentAddress();
  }

  /**
   * {@code SENTINEL INFO-CACHE}: per existing primary (unknown names ignored), the primary then its
   * replicas, each with the age of its INFO in ms (0 if never) and the raw text (null if never).
   */
  public Map<String, List<InfoCacheEntry>> infoCache(List<String> names) {
    core.stamp();
    Map<String, List<InfoCacheEntry>> out = new LinkedHashMap<>();
    for (String name : names) {
      Primary p = core.primaries.get(name);
      if (p == null || out.containsKey(name)) {
        continue;
      }
      List<InfoCacheEntry> entries = new ArrayList<>();
      entries.add(new InfoCacheEntry(age(p.infoRefresh), p.info));
      for (Replica r : p.replicas.values()) {
        // Sentinel quirk: the replica's age is reported when the *primary* has INFO.
        long a = p.infoRefresh != EngineCore.NEVER ? core.now - r.infoRefresh : 0;
        entries.add(new InfoCacheEntry(r.infoRefresh == EngineCore.NEVER ? 0 : a, r.info));
      }
      out.put(name, List.copyOf(entries));
    }
    return out;
  }

  private long age(long at) {
    return at == EngineCore.NEVER ? 0 : core.now - at;
  }

  /** One entry of INFO-CACHE. */
  public record InfoCacheEntry(long ageMs, String info) {}

  /** An immutable view of everything the command formatter and the management plane show. */
  public EngineSnapshot snapshot() {
    core.stamp();
    return SnapshotBuilder.build(core);
  }

  // package-private access for unit tests of the components
  EngineCore core() {
    return core;
  }

  Election election() {
    return election;
  }

  /** A status or error reply: {@code text} without the leading {@code +}/{@code -}. */
  public record CommandReply(boolean error, String text) {}
}
