package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.state.HostPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vigil's self-fencing (docs/fencing.md). The sidecar next to the current primary ({@code vigil
 * node}) stops that node from acknowledging writes when it cannot reach a majority of the known
 * sentinels of its primary (itself included) for {@code fence-after-milliseconds}: the other side
 * may be about to promote a replica, and whatever the isolated primary acknowledges from then on is
 * thrown away when it rejoins.
 *
 * <p><b>Mechanism:</b> {@code CONFIG SET min-replicas-to-write} raised by {@link #TO_WRITE_OFFSET}
 * (no node has a billion replicas), so every write gets {@code -NOREPLICAS} at once, while PING,
 * INFO, PUBLISH and replication go on (peers, real sentinels included, see an ordinary primary).
 * {@code min-replicas-max-lag 0} would switch the check off, so it becomes {@link #LAG_WHEN_UNSET}
 * meanwhile. The marker is the fence's only state: it survives a sidecar crash (fail-closed), and
 * the original values are read back from the node ({@code value - offset}), so a restarted sidecar
 * restores them exactly.
 *
 * <p><b>Reachable</b> peer: it answered one of our PINGs within the last fence-after (PINGs to
 * peers leave every fence-after/3 while fencing is on, see {@link #peerPingIntervalMs}). The node
 * is also fenced while a failover of it is being decided (a new epoch for its primary: a vote
 * request, a hello, our own attempt; see {@link #onNewEpoch}), and when it acts as a primary that
 * the configuration does not name while the majority is out of reach.
 *
 * <p><b>Unfence</b> only when a majority is reachable again, the configuration still names the node
 * the primary, a majority (itself included) named it the primary when asked after the fence began
 * ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}), and no new epoch for the primary was seen within the
 * election hold (a failover that may still promote). <b>Demote</b> as soon as the configuration
 * moves from the node to another primary (or, for a fenced node the configuration did not name,
 * once a majority confirmed it): {@code REPLICAOF} that primary and restore the limits in one
 * transaction ({@code MULTI; SLAVEOF; CONFIG SET; CONFIG REWRITE; CLIENT KILL; EXEC}), so it
 * accepts no write in between.
 */
final class Fencing {
  /** Added to {@code min-replicas-to-write} while fenced; values at or above it mean "fenced". */
  static final long TO_WRITE_OFFSET = 1_000_000_000L;

  /** {@code min-replicas-max-lag} while fenced when it was 0 (0 disables the check). */
  static final long LAG_WHEN_UNSET = 1_000_000_000L;

  /** How often the node's limits are read back (a local CONFIG GET). */
  static final long OBSERVE_PERIOD_MS = 1000;

  /** The wait before a failed fence command is tried again. */
  static final long RETRY_MS = 250;

  /** What the fence wants the node to do. */
  enum Action {
    FENCE,
    UNFENCE,
    DEMOTE
  }

  /** This sidecar's view of its node's fence, per primary. */
  static final class NodeFence {
    Endpoint observedOn;
    long observedAt = EngineCore.NEVER;
    long toWrite = -1;
    long maxLag = -1;
    long queryId = -1;
    long actionId = -1;
    Action action;
    long lastActionAt = EngineCore.NEVER;
    String lastError;
    long fencedSince = EngineCore.NEVER;
    int reachable;
    int known;

    /** Peers (by run id) whose answer, asked after the fence began, named the node the primary. */
    final Map<String, Long> confirmedAt = new HashMap<>();

    /** Peers (by run id) with a confirmation question in flight, and when it left. */
    final Map<String, Long> askedAt = new HashMap<>();

    /** When a new epoch for this primary was last seen (a failover of it being decided). */
    long electionSeenAt = EngineCore.NEVER;

    /** The configuration named the node the primary at the last step. */
    boolean named;

    /**
     * The configuration moved from the node to another primary while it was ours: demote it now (it
     * is the stale one), not after Sentinel's conversion delay.
     */
    boolean demoteWanted;

    boolean fenced() {
      return toWrite >= TO_WRITE_OFFSET;
    }
  }

  private final EngineCore core;
  private FencingSettings settings = FencingSettings.OFF;
  private final Map<String, NodeFence> fences = new HashMap<>();

  Fencing(EngineCore core) {
    this.core = core;
  }

  void configure(FencingSettings settings) {
    this.settings = settings;
    fences.clear();
  }

  FencingSettings settings() {
    return settings;
  }

  /**
   * The default is a third of down-after: the last answer before a cut is up to fence-after/3 old,
   * so the fence lands between 2/3 and 3/3 of fence-after after the cut, at most a third of
   * down-after, well before the other side can even see the primary down (down-after) and elect and
   * promote; and the writes acknowledged in between, which are lost, stay few.
   */
  long fenceAfterMs(Primary p) {
    return settings.fenceAfterMs() > 0 ? settings.fenceAfterMs() : Math.max(1, p.downAfterMs / 3);
  }

  /**
   * The PING period for the peers of {@code p} while this sidecar has a node in its group: three
   * PINGs per fence-after, so a reachable peer always has an answer younger than fence-after even
   * if one PING is late. Long.MAX_VALUE when fencing does not apply.
   */
  long peerPingIntervalMs(Primary p) {
    if (!settings.active() || localInstance(p) == null) {
      return Long.MAX_VALUE;
    }
    return Math.max(10, fenceAfterMs(p) / 3);
  }

  /**
   * The node of this sidecar among {@code p}'s instances: the primary itself, a replica, or null.
   */
  Instance localInstance(Primary p) {
    if (!settings.active()) {
      return null;
    }
    HostPort node = settings.node();
    String host = core.instanceHost(node.host());
    if (p.port == node.port() && (p.host.equals(host) || p.host.equals(node.host()))) {
      return p;
    }
    for (Replica r : p.replicas.values()) {
      if (r.port == node.port() && (r.host.equals(host) || r.host.equals(node.host()))) {
        return r;
      }
    }
    return null;
  }

  /**
   * A new epoch was adopted because of {@code p} (a vote request, a hello, our own attempt): a
   * failover of it is being decided. Its writes are held from now on, so that a promotion that
   * follows does not find the old primary still taking writes.
   */
  void onNewEpoch(Primary p) {
    if (!settings.active()) {
      return;
    }
    fences.computeIfAbsent(p.name, n -> new NodeFence()).electionSeenAt = core.now;
  }

  /**
   * How long writes stay held after a new epoch for the primary: the election and the promotion
   * that follows it normally finish within Sentinel's election timeout (or failover-timeout, if
   * shorter); a promotion shows as a new configuration, which demotes the node at once.
   */
  private long electionHoldMs(Primary p) {
    return Math.min(p.failoverTimeoutMs, core.timing.electionTimeoutMs());
  }

  private boolean electionUnderway(Primary p, NodeFence f) {
    if (core.mutated(EngineMutation.FENCE_IGNORES_ELECTIONS)) {
      return false;
    }
    return f.electionSeenAt != EngineCore.NEVER && core.now - f.electionSeenAt < electionHoldMs(p);
  }

  /** One step for {@code p}: observe, decide, act. */
  void run(Primary p) {
    if (!settings.active()) {
      return;
    }
    Instance local = localInstance(p);
    if (local == null) {
      fences.remove(p.name);
      return;
    }
    NodeFence f = fences.computeIfAbsent(p.name, n -> new NodeFence());
    countReachable(p, f);
    forgetDroppedRequests(f);
    Link link = local.link;
    if (link == null || !link.commandReady()) {
      return;
    }
    boolean named = local == p;
    if (f.named && !named) {
      f.demoteWanted = true;
    }
    f.named = named;
    if (!local.endpoint().equals(f.observedOn)) {
      f.observedOn = local.endpoint();
      f.observedAt = EngineCore.NEVER;
    }
    if (f.queryId < 0 && f.actionId < 0 && core.now - f.observedAt > OBSERVE_PERIOD_MS) {
      Endpoint ep = link.endpoint;
      f.queryId =
          core.request(
              PendingRequest.Kind.FENCE, local, link, id -> new Outbound.FenceQuery(ep, id));
    }
    if (f.observedAt == EngineCore.NEVER || f.actionId >= 0) {
      return; // a first reading, or the answer to the last action, is still to come
    }
    askPeersToConfirm(p, f);
    Action want = decide(p, local, f);
    if (want == null) {
      return;
    }
    if (f.lastError != null && core.now - f.lastActionAt < RETRY_MS) {
      return;
    }
    act(p, local, link, f, want);
  }

  private Action decide(Primary p, Instance local, NodeFence f) {
    boolean majority = f.reachable >= majority(f.known);
    if (local == p) {
      if (!f.fenced()) {
        return majority && !electionUnderway(p, f) ? null : Action.FENCE;
      }
      return majority && confirmed(p, f) ? Action.UNFENCE : null;
    }
    HostPort current = p.currentAddress();
    if (local instanceof Replica r
        && InfoReport.ROLE_SLAVE.equals(r.roleReported)
        && current.host().equals(r.masterHost)
        && current.port() == r.masterPort) {
      // Already follows the configured primary: only its limits may need restoring.
      f.demoteWanted = false;
      return f.fenced() ? Action.UNFENCE : null;
    }
    if (f.demoteWanted) {
      // The configuration moved from our primary to another: follow it at once, so that the old
      // primary and the new one do not both take writes until Sentinel's conversion comes round.
      return Action.DEMOTE;
    }
    if (!f.fenced()) {
      // A node acting as primary that our configuration does not name: a stale old primary, or
      // one promoted in an epoch we have not heard of. Either way, cut off it takes no writes.
      return actsPrimary(local) && !majority ? Action.FENCE : null;
    }
    // Fenced while our configuration named someone else: once a majority confirms that
    // configuration the node is the stale one and follows it; a newer configuration naming it
    // would have arrived with those hellos and taken the named branch instead.
    return majority && confirmed(p, f) ? Action.DEMOTE : null;
  }

  private static boolean actsPrimary(Instance local) {
    return InfoReport.ROLE_MASTER.equals(local.roleReported);
  }

  static int majority(int known) {
    return known / 2 + 1;
  }

  /**
   * A majority (this sidecar included) answered, to a question asked after the fence began, that
   * the node is the primary, and no election of the primary is underway. Hellos would not do: one
   * received right after a partition heals may have been sent before it, held back by TCP.
   */
  private boolean confirmed(Primary p, NodeFence f) {
    if (electionUnderway(p, f)) {
      return false;
    }
    int confirmations = 1;
    for (PeerSentinel s : p.sentinels.values()) {
      Long at = f.confirmedAt.get(s.runid);
      if (at != null && at > f.fencedSince) {
        confirmations++;
      }
    }
    return confirmations >= majority(f.known);
  }

  /**
   * While the node is fenced and a majority answers PINGs again: ask each reachable peer that has
   * not confirmed yet which primary it names (one question in flight per peer, asked again after
   * {@link #RETRY_MS}).
   */
  private void askPeersToConfirm(Primary p, NodeFence f) {
    if (!f.fenced() || f.reachable < majority(f.known)) {
      return;
    }
    long window = fenceAfterMs(p);
    for (PeerSentinel s : p.sentinels.values()) {
      Long confirmed = f.confirmedAt.get(s.runid);
      Long asked = f.askedAt.get(s.runid);
      if ((confirmed != null && confirmed > f.fencedSince)
          || (asked != null && core.now - asked < RETRY_MS)
          || s.link == null
          || !s.link.commandReady()
          || core.now - s.link.lastAvailTime > window) {
        continue;
      }
      f.askedAt.put(s.runid, core.now);
      Endpoint ep = s.link.endpoint;
      String name = p.name;
      core.request(
          PendingRequest.Kind.FENCE, s, s.link, id -> new Outbound.ConfirmPrimary(ep, id, name));
    }
  }

  /**
   * A peer's answer: it counts when it names the primary our configuration names (the node itself,
   * or for a fenced node it does not name, that other primary) and was asked after the fence began.
   */
  void onPrimaryNamed(PendingRequest req, Inbound.PrimaryNamed reply) {
    if (!(req.target() instanceof PeerSentinel s)) {
      return;
    }
    NodeFence f = fenceFor(req);
    if (f == null) {
      return;
    }
    f.askedAt.remove(s.runid);
    Primary p = s.primary();
    if (req.sentAt() > f.fencedSince
        && reply.host() != null
        && reply.port() == p.port
        && core.instanceHost(reply.host()).equals(p.host)) {
      f.confirmedAt.put(s.runid, core.now);
    }
  }

  private void countReachable(Primary p, NodeFence f) {
    long window = fenceAfterMs(p);
    int reachable = 1;
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.link != null && core.now - s.link.lastAvailTime <= window) {
        reachable++;
      }
    }
    f.reachable = reachable;
    f.known = 1 + p.sentinels.size();
  }

  private void forgetDroppedRequests(NodeFence f) {
    if (f.queryId >= 0 && !core.pending.containsKey(f.queryId)) {
      f.queryId = -1; // the link went down: read again once it is back
    }
    if (f.actionId >= 0 && !core.pending.containsKey(f.actionId)) {
      f.actionId = -1;
      f.observedAt = EngineCore.NEVER;
    }
  }

  private void act(Primary p, Instance local, Link link, NodeFence f, Action want) {
    Endpoint ep = link.endpoint;
    long toWrite;
    long maxLag;
    if (want == Action.FENCE) {
      toWrite = f.toWrite + TO_WRITE_OFFSET;
      maxLag = f.maxLag == 0 ? LAG_WHEN_UNSET : f.maxLag;
    } else if (!f.fenced()) {
      toWrite = f.toWrite; // a demotion of an unfenced node leaves its limits as they are
      maxLag = f.maxLag;
    } else {
      toWrite = f.toWrite - TO_WRITE_OFFSET;
      maxLag = f.maxLag == LAG_WHEN_UNSET ? 0 : f.maxLag;
    }
    f.action = want;
    f.lastActionAt = core.now;
    if (want == Action.DEMOTE) {
      HostPort to = p.currentAddress();
      f.actionId =
          core.request(
              PendingRequest.Kind.FENCE,
              local,
              link,
              id -> new Outbound.Demote(ep, id, to.host(), to.port(), toWrite, maxLag));
    } else {
      f.actionId =
          core.request(
              PendingRequest.Kind.FENCE,
              local,
              link,
              id -> new Outbound.SetFence(ep, id, toWrite, maxLag));
    }
  }

  /** The node's limits as read by {@link Outbound.FenceQuery}. */
  void onConfig(PendingRequest req, Inbound.FenceConfig reply) {
    NodeFence f = fenceFor(req);
    if (f == null || f.queryId != req.id()) {
      return;
    }
    f.queryId = -1;
    if (f.actionId >= 0) {
      return; // read before the action in flight (one connection, in order): already stale
    }
    f.observedAt = core.now;
    f.toWrite = reply.toWrite();
    f.maxLag = reply.maxLag();
    if (!f.fenced()) {
      f.fencedSince = EngineCore.NEVER;
    } else if (f.fencedSince == EngineCore.NEVER) {
      f.fencedSince = core.now; // fenced before this sidecar (re)started
    }
  }

  /** A {@link Outbound.SetFence} or {@link Outbound.Demote} took effect. */
  void onApplied(PendingRequest req) {
    NodeFence f = fenceFor(req);
    if (f == null || f.actionId != req.id()) {
      return;
    }
    f.actionId = -1;
    f.lastError = null;
    Instance ri = req.target();
    switch (f.action) {
      case FENCE -> {
        f.toWrite += TO_WRITE_OFFSET;
        f.maxLag = f.maxLag == 0 ? LAG_WHEN_UNSET : f.maxLag;
        f.fencedSince = core.now;
        f.observedAt = core.now;
        core.event(
            Level.WARNING,
            "+fence",
            ri,
            f.reachable >= majority(f.known)
                ? "#failover being decided, epoch " + Long.toUnsignedString(core.currentEpoch)
                : "#" + f.reachable + "/" + f.known + " sentinels reachable");
      }
      case UNFENCE -> {
        f.toWrite -= TO_WRITE_OFFSET;
        f.maxLag = f.maxLag == LAG_WHEN_UNSET ? 0 : f.maxLag;
        f.fencedSince = EngineCore.NEVER;
        f.observedAt = core.now;
        core.event(
            Level.WARNING,
            "-fence",
            ri,
            ri instanceof Primary
                ? "#" + f.reachable + "/" + f.known + " sentinels reachable"
                : "#replica");
      }
      case DEMOTE -> {
        // Written, not necessarily applied (its CLIENT KILL drops this link): the reading after
        // the reconnection tells, and a node still fenced and unnamed is demoted again.
        HostPort to = ri.primary().currentAddress();
        f.demoteWanted = false;
        boolean wasFenced = f.fenced();
        f.fencedSince = EngineCore.NEVER;
        f.observedAt = EngineCore.NEVER; // read back what the transaction left
        if (wasFenced) {
          core.event(Level.WARNING, "-fence", ri, "#demoted to " + to.host() + " " + to.port());
        } else {
          core.event(
              Level.WARNING, "+fence-demote", ri, "#replicaof " + to.host() + " " + to.port());
        }
      }
    }
  }

  /** A fence request failed (error reply, timeout): tried again after {@link #RETRY_MS}. */
  void onFailed(PendingRequest req, String error) {
    NodeFence f = fenceFor(req);
    if (f == null || req.target() instanceof PeerSentinel) {
      return; // a confirmation question is asked again after RETRY_MS
    }
    if (f.queryId == req.id()) {
      f.queryId = -1;
      f.observedAt = core.now - OBSERVE_PERIOD_MS + RETRY_MS; // read again after RETRY_MS
      return;
    }
    if (f.actionId != req.id()) {
      return;
    }
    f.actionId = -1;
    f.observedAt = EngineCore.NEVER;
    if (!error.equals(f.lastError)) {
      core.event(Level.WARNING, "-fence-failed", req.target(), "#" + error);
    }
    f.lastError = error;
  }

  private NodeFence fenceFor(PendingRequest req) {
    return fences.get(req.target().primary().name);
  }

  /**
   * The next time a fence decision can change without an input (majority lost, next reading, retry,
   * end of the post-failover hold); never earlier than the next millisecond, and nothing while a
   * fence request is in flight (its answer is an input).
   */
  long nextDeadline() {
    long next = Long.MAX_VALUE;
    if (!settings.active()) {
      return next;
    }
    for (Primary p : core.primaries.values()) {
      NodeFence f = fences.get(p.name);
      if (f == null || f.queryId >= 0 || f.actionId >= 0 || f.observedAt == EngineCore.NEVER) {
        continue;
      }
      long due = f.observedAt + OBSERVE_PERIOD_MS + 1;
      if (f.lastError != null) {
        due = Math.min(due, f.lastActionAt + RETRY_MS);
      }
      Instance local = localInstance(p);
      if (local != null && (local == p || actsPrimary(local)) && !f.fenced()) {
        due = Math.min(due, majorityLostAt(p, f.known));
      }
      if (f.fenced() && electionUnderway(p, f)) {
        due = Math.min(due, f.electionSeenAt + electionHoldMs(p));
      }
      if (f.fenced() && f.reachable >= majority(f.known)) {
        due = Math.min(due, core.now + RETRY_MS); // confirmation questions to ask again
      }
      next = Math.min(next, Math.max(core.now + 1, due));
    }
    return next;
  }

  /** When the answers received so far stop covering a majority (Long.MAX_VALUE: never). */
  private long majorityLostAt(Primary p, int known) {
    int needed = majority(known) - 1;
    if (needed <= 0) {
      return Long.MAX_VALUE;
    }
    List<Long> evidence = new ArrayList<>();
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.link != null) {
        evidence.add(s.link.lastAvailTime);
      }
    }
    if (evidence.size() < needed) {
      return core.now; // no majority even now
    }
    evidence.sort(java.util.Comparator.reverseOrder());
    return evidence.get(needed - 1) + fenceAfterMs(p) + 1;
  }

  /** For the snapshot: null when fencing does not apply to {@code p}. */
  EngineSnapshot.FenceSnapshot snapshot(Primary p) {
    if (!settings.active()) {
      return null;
    }
    NodeFence f = fences.get(p.name);
    if (f == null) {
      return null;
    }
    return new EngineSnapshot.FenceSnapshot(
        f.fenced(),
        f.fencedSince,
        fenceAfterMs(p),
        f.reachable,
        f.known,
        f.observedAt == EngineCore.NEVER ? -1 : f.toWrite,
        f.lastError);
  }
}
