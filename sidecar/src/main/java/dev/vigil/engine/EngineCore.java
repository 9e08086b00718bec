package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The engine's shared state and its ports (Sentinel's global {@code sentinel} struct, minus the
 * globals): time of the current step, links, pending requests, the primaries, and the helpers every
 * component uses to send, emit and persist. Owned by one thread.
 */
final class EngineCore {
  final EngineOptions options;
  final FailoverPacing pacing;
  final Clock clock;
  final RandomGenerator random;
  private final Outbox outbox;
  private final EventSink sink;
  private final StateStore store;

  Timing timing;
  String myid;
  long currentEpoch;

  /**
   * When the current epoch last advanced at run time (a failover attempt started here or was heard
   * of through a vote request or a hello), or {@link #NEVER}.
   */
  long epochAdvancedAt = NEVER;

  GlobalOptions globals;
  final Map<String, Primary> primaries = new LinkedHashMap<>();
  final Map<Endpoint, Link> links = new HashMap<>();
  final Map<Long, PendingRequest> pending = new HashMap<>();
  private long nextRequestId = 1;

  final TiltDetector tilt;

  /** Bit 1 crash-after-election, bit 2 crash-after-promotion (as Sentinel's INFO shows). */
  int simFailureFlags;

  ScriptRunner scripts = ScriptRunner.NONE;

  /** Vigil's self-fencing (set by the engine; consulted by Monitor for the peer PING period). */
  Fencing fencing;

  /**
   * Name resolution for {@code resolve-hostnames yes} (the runtime injects DNS): an IP literal, or
   * null when the name does not resolve. Without DNS a syntactically valid name stands for itself.
   */
  java.util.function.Function<String, String> resolver =
      host -> Addresses.isHostname(host) ? host : null;

  Set<EngineMutation> mutations = EnumSet.noneOf(EngineMutation.class);
  final ElectionLog electionLog = new ElectionLog();
  final Map<String, FailoverRecord> lastFailovers = new HashMap<>();
  String lastSaveError;

  /** Monotonic and wall time of the step being executed. */
  long now;

  long wallNow;

  static final int SIMFAILURE_CRASH_AFTER_ELECTION = 1;
  static final int SIMFAILURE_CRASH_AFTER_PROMOTION = 2;
  static final int MAX_PENDING_COMMANDS = 100;

  /**
   * "Never" / "none" for monotonic timestamps: far enough in the past that {@code now - NEVER}
   * exceeds every period and cannot overflow. Sentinel uses 0 with a wall clock; a monotonic clock
   * may legitimately be 0.
   */
  static final long NEVER = Long.MIN_VALUE / 4;

  static final int MAX_DESYNC_MS = 1000;

  EngineCore(
      EngineOptions options,
      Clock clock,
      RandomGenerator random,
      Outbox outbox,
      EventSink sink,
      StateStore store) {
    this.options = options;
    this.pacing = options.pacing();
    this.timing = options.timing();
    this.clock = clock;
    this.random = random;
    this.outbox = outbox;
    this.sink = sink;
    this.store = store;
    this.tilt = new TiltDetector();
  }

  // ---------------------------------------------------------------- time

  /** Reads the clock at the start of a step. */
  void stamp() {
    now = clock.monotonicMs();
    wallNow = clock.wallMs();
  }

  // ---------------------------------------------------------------- events

  void event(Level level, String type, Instance ri, String extra) {
    Primary p = ri == null ? null : ri.primary();
    emit(
        new SentinelEvent(
            level, type, EventFormatter.message(ri, extra), p == null ? null : p.name),
        p);
  }

  void eventWithMaster(Level level, String type, String message, String masterName) {
    emit(
        new SentinelEvent(level, type, message, masterName),
        masterName == null ? null : primaries.get(masterName));
  }

  /**
   * {@code +switch-master <name> <from> <to>}, where {@code from} is the address clients were last
   * told: the primary's, or the promoted replica's after an early announcement (Vigil's pacing). A
   * switch to the address already announced early is not published again.
   */
  void switchMasterEvent(Primary p, String toHost, int toPort) {
    HostPort early = p.switchAnnounced;
    p.switchAnnounced = null;
    if (early != null && early.host().equals(toHost) && early.port() == toPort) {
      return;
    }
    HostPort from = early != null ? early : p.address();
    eventWithMaster(
        Level.WARNING,
        "+switch-master",
        p.name + " " + from.host() + " " + from.port() + " " + toHost + " " + toPort,
        p.name);
  }

  /** {@code +new-epoch <epoch>}: Sentinel attaches it to the primary that caused it. */
  void newEpochEvent(Primary p) {
    epochAdvancedAt = now;
    if (fencing != null) {
      fencing.onNewEpoch(p); // a failover of p is being decided: self-fencing holds its writes
    }
    emit(
        new SentinelEvent(Level.WARNING, "+new-epoch", Long.toUnsignedString(currentEpoch), p.name),
        p);
  }

  /**
   * {@code sentinelEvent}: log and publish, then, for a WARNING event that concerns a primary (or
   * one of its replicas or sentinels), run that primary's {@code notification-script} as {@code
   * <path> <event-type> <event-message>}. Events without an instance ({@code +tilt}, {@code
   * -script-error}) never run it.
   */
  private void emit(SentinelEvent event, Primary p) {
    sink.emit(event);
    if (event.level() == Level.WARNING && p != null && p.notificationScript != null) {
      scripts.schedule(java.util.List.of(p.notificationScript, event.type(), event.message()));
    }
  }

  // ---------------------------------------------------------------- persistence

  /** {@code sentinelFlushConfig}: true if the store accepted the state. */
  boolean flush() {
    boolean ok = store.save(StateMapper.toState(this));
    lastSaveError = ok ? null : "save failed";
    return ok;
  }

  // ---------------------------------------------------------------- links and requests

  Link acquireLink(Endpoint endpoint) {
    Link link = links.computeIfAbsent(endpoint, e -> new Link(e, now));
    link.refcount++;
    return link;
  }

  /** Drops one reference; the last one closes the connections. */
  void releaseLink(Link link) {
    if (link == null) {
      return;
    }
    link.refcount--;
    if (link.refcount <= 0) {
      links.remove(link.endpoint);
      closeLink(link, LinkType.COMMAND);
      if (link.isDataNode()) {
        closeLink(link, LinkType.PUBSUB);
      }
      pending.values().removeIf(r -> r.endpoint().equals(link.endpoint));
    }
  }

  /**
   * Asks the transport to close one open connection and remembers to ignore the LinkDown it causes.
   * A connection still being opened is left alone: its LinkUp or LinkDown comes first.
   */
  void closeLink(Link link, LinkType type) {
    if (type == LinkType.COMMAND) {
      if (link.cc == Link.State.UP) {
        link.cc = Link.State.DOWN;
        link.expectedCcDowns++;
        dropPending(link);
        send(new Outbound.Disconnect(link.endpoint, LinkType.COMMAND));
      }
    } else if (link.pc == Link.State.UP) {
      link.pc = Link.State.DOWN;
      link.expectedPcDowns++;
      send(new Outbound.Disconnect(link.endpoint, LinkType.PUBSUB));
    }
  }

  /** The command link is gone: its requests will never be answered. */
  void dropPending(Link link) {
    link.pendingCommands = 0;
    pending
        .values()
        .removeIf(
            r -> {
              if (!r.endpoint().equals(link.endpoint)) {
                return false;
              }
              clearPendingMarker(r);
              return true;
            });
  }

  static void clearPendingMarker(PendingRequest req) {
    Instance ri = req.target();
    switch (req.kind()) {
      case INFO -> ri.infoPendingSince = NEVER;
      case HELLO -> ri.helloPendingSince = NEVER;
      case ASK -> {
        if (ri instanceof PeerSentinel s) {
          s.askPendingSince = NEVER;
        }
      }
      default -> {}
    }
  }

  long nextId() {
    return nextRequestId++;
  }

  void send(Outbound request) {
    outbox.send(request);
  }

  /** Sends a request on a link and tracks it until its answer. */
  long request(PendingRequest.Kind kind, Instance target, Link link, RequestFactory factory) {
    long id = nextId();
    pending.put(id, new PendingRequest(id, kind, link.endpoint, target, now));
    link.pendingCommands++;
    send(factory.create(id));
    return id;
  }

  /** Builds the outbound message once its id is known. */
  @FunctionalInterface
  interface RequestFactory {
    Outbound create(long id);
  }

  /** Removes and returns the request answered by {@code id}, or null if unknown or stale. */
  PendingRequest complete(long id) {
    PendingRequest r = pending.remove(id);
    if (r != null) {
      Link link = links.get(r.endpoint());
      if (link != null && link.pendingCommands > 0) {
        link.pendingCommands--;
      }
    }
    return r;
  }

  // ---------------------------------------------------------------- identity

  /** The address announced in hellos, or null when not known yet. */
  String announceIp(Link link) {
    if (globals.announceIp() != null) {
      return globals.announceIp();
    }
    return link.localIp;
  }

  int announcePort() {
    return globals.announcePort() != 0 ? globals.announcePort() : options.announcePortDefault();
  }

  LinkSettings settingsFor(Instance ri) {
    Primary p = ri.primary();
    String client =
        "sentinel-" + (myid == null ? "" : myid.substring(0, Math.min(8, myid.length())));
    Map<String, String> renamed = new LinkedHashMap<>();
    p.renamedCommands.forEach((k, v) -> renamed.put(k.toUpperCase(java.util.Locale.ROOT), v));
    if (ri instanceof PeerSentinel) {
      String pass = globals.sentinelPass() != null ? globals.sentinelPass() : options.requirePass();
      String user = globals.sentinelPass() != null ? globals.sentinelUser() : null;
      return new LinkSettings(user, pass, renamed, client);
    }
    return new LinkSettings(p.authUser, p.authPass, renamed, client);
  }

  /**
   * The address an instance is kept, shown and announced under (spec §12, {@code
   * announceSentinelAddr}): with {@code resolve-hostnames yes} and {@code announce-hostnames no} a
   * host name given in the config, MONITOR, INFO or a hello stands for its resolved IP in replies,
   * events, hellos, scripts and the rewritten config; with {@code announce-hostnames yes} the name
   * itself is kept. A name that does not resolve is kept as given, as Sentinel keeps such instances
   * and retries later. Either way the name is resolved again before every reconnection ({@link
   * Monitor#reconnect}).
   */
  String instanceHost(String given) {
    if (given == null
        || !globals.resolveHostnames()
        || globals.announceHostnames()
        || Addresses.isIpLiteral(given)) {
      return given;
    }
    String ip = resolver.apply(given);
    return ip == null ? given : ip;
  }

  /**
   * {@code createSentinelAddr} with {@code is_accept_unresolved} for instances from the config,
   * INFO and hellos: {@link #instanceHost}, and for a name under {@code resolve-hostnames yes} the
   * name itself, kept so that every reconnection resolves it again. A name that does not resolve is
   * accepted: shown as {@code ""} (with {@code announce-hostnames no}), kept and compared under the
   * name, and retried at every reconnection.
   */
  InstanceAddress instanceAddress(String given) {
    if (given == null || !globals.resolveHostnames() || Addresses.isIpLiteral(given)) {
      return new InstanceAddress(given, null, false);
    }
    if (globals.announceHostnames()) {
      return new InstanceAddress(given, given, false);
    }
    String ip = resolver.apply(given);
    return ip == null
        ? new InstanceAddress(given, given, true)
        : new InstanceAddress(ip, given, false);
  }

  Primary primaryByName(String name) {
    return primaries.get(name);
  }

  /** {@code sentinelCallClientReconfScript}. */
  void clientReconfScript(
      Primary p, String role, String fromHost, int fromPort, String toHost, int toPort) {
    if (p.clientReconfigScript == null) {
      return;
    }
    scripts.schedule(
        java.util.List.of(
            p.clientReconfigScript,
            p.name,
            role,
            "start",
            fromHost,
            Integer.toString(fromPort),
            toHost,
            Integer.toString(toPort)));
  }

  boolean mutated(EngineMutation m) {
    return mutations.contains(m);
  }
}
