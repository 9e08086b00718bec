package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;

/**
 * Links and periodic commands (spec §6.2, §6.3): (re)connecting, PING, INFO and hello cadences, the
 * reconfiguration transaction, and the link-level part of the answers (PING replies, publish
 * acknowledgements, links going up and down).
 *
 * <p>Differences from Sentinel, all because the engine runs at every message rather than at a 10 Hz
 * tick: an INFO, hello or ask is not re-sent while the previous one is unanswered and younger than
 * its period; a reconnection always starts from both links closed (the transport opens both links
 * of a data node together).
 */
final class Monitor {
  private final EngineCore core;

  Monitor(EngineCore core) {
    this.core = core;
  }

  // ------------------------------------------------------------------ connecting

  /** {@code sentinelReconnectInstance}. */
  void reconnect(Instance ri) {
    Link link = ri.link;
    if (link == null || !link.disconnected()) {
      return;
    }
    if (core.now - link.lastReconnTime < core.timing.pingPeriodMs()) {
      return;
    }
    if (link.cc == Link.State.CONNECTING || link.pc == Link.State.CONNECTING) {
      return; // the transport will answer that attempt first
    }
    link.lastReconnTime = core.now;
    // Start from both links closed: the transport opens the two links of a data node together.
    core.closeLink(link, LinkType.COMMAND);
    if (link.isDataNode()) {
      core.closeLink(link, LinkType.PUBSUB);
    }
    String address = connectAddress(ri, link);
    // Sentinel queues a PING right behind the connect ("send a PING ASAP when reconnecting"), so
    // the unanswered-ping clock starts now if it was not running: an endpoint that keeps refusing
    // connections goes S_DOWN and stays there, instead of looking fine at every attempt.
    link.lastPingTime = core.now;
    if (link.actPingTime == EngineCore.NEVER) {
      link.actPingTime = core.now;
    }
    if (address == null) {
      // A name that never resolved: Sentinel's connect to ip "" fails at once. The attempt counts
      // (lastReconnTime, the ping clock), the next one resolves again after ping-period.
      return;
    }
    link.cc = Link.State.CONNECTING;
    if (link.isDataNode()) {
      link.pc = Link.State.CONNECTING;
    }
    core.send(new Outbound.Connect(link.endpoint, core.settingsFor(ri), address));
  }

  /**
   * Where this connection goes (spec §6.2, §12). With {@code resolve-hostnames yes} an instance
   * known by name is resolved again first ("the instance restarted with a new ip"); a new IP
   * becomes the address of every instance on the link when names are not announced. A name that
   * does not resolve now keeps the last address; null if there never was one.
   */
  private String connectAddress(Instance ri, Link link) {
    String name = link.endpoint.host();
    if (ri.hostname == null) {
      return name; // an IP literal (or, without DNS, a name the transport resolves)
    }
    if (core.globals.resolveHostnames()) {
      String ip = core.resolver.apply(name);
      if (ip != null) {
        link.address = ip;
        if (!core.globals.announceHostnames()) {
          adoptResolvedAddress(link, ip);
        }
      }
    }
    if (link.address == null && !ri.unresolved && Addresses.isIpLiteral(ri.host)) {
      link.address = ri.host; // resolved at creation; resolve-hostnames was switched off since
    }
    return link.address;
  }

  /** {@code ri->addr = tryResolveAddr} for every instance sharing the link. */
  private void adoptResolvedAddress(Link link, String ip) {
    for (Primary p : core.primaries.values()) {
      adoptResolvedAddress(p, link, ip);
      for (Replica r : p.replicas.values()) {
        adoptResolvedAddress(r, link, ip);
      }
      for (PeerSentinel s : p.sentinels.values()) {
        adoptResolvedAddress(s, link, ip);
      }
    }
  }

  private static void adoptResolvedAddress(Instance ri, Link link, String ip) {
    if (ri.link == link && ri.hostname != null) {
      ri.host = ip;
      ri.unresolved = false;
    }
  }

  void onLinkUp(Inbound.LinkUp up) {
    Link link = core.links.get(up.endpoint());
    if (link == null) {
      // Nobody monitors this endpoint any more: close what the transport just opened.
      core.send(new Outbound.Disconnect(up.endpoint(), up.link()));
      return;
    }
    // The transport's word is the truth (messages arrive in order): adopt UP whatever we thought.
    if (up.link() == LinkType.COMMAND) {
      if (link.cc == Link.State.UP) {
        return;
      }
      link.cc = Link.State.UP;
      link.ccConnTime = core.now;
      link.localIp = up.localIp();
      Instance any = anyInstanceOn(link);
      if (any != null) {
        sendPing(any); // Sentinel pings as soon as it reconnects
      }
    } else {
      if (link.pc == Link.State.UP) {
        return;
      }
      link.pc = Link.State.UP;
      link.pcConnTime = core.now;
      link.pcLastActivity = core.now;
    }
  }

  void onLinkDown(Inbound.LinkDown down) {
    Link link = core.links.get(down.endpoint());
    if (link == null) {
      return;
    }
    if (down.link() == LinkType.COMMAND) {
      if (link.expectedCcDowns > 0) {
        link.expectedCcDowns--;
        return;
      }
      link.cc = Link.State.DOWN;
      core.dropPending(link);
    } else {
      if (link.expectedPcDowns > 0) {
        link.expectedPcDowns--;
        return;
      }
      link.pc = Link.State.DOWN;
    }
  }

  private Instance anyInstanceOn(Link link) {
    for (Primary p : core.primaries.values()) {
      if (p.link == link) {
        return p;
      }
      for (Replica r : p.replicas.values()) {
        if (r.link == link) {
          return r;
        }
      }
      for (PeerSentinel s : p.sentinels.values()) {
        if (s.link == link) {
          return s;
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ periodic commands

  /** {@code sentinelSendPeriodicCommands}. */
  void sendPeriodicCommands(Instance ri) {
    Link link = ri.link;
    if (link == null || !link.commandReady()) {
      return;
    }
    if (link.pendingCommands >= EngineCore.MAX_PENDING_COMMANDS * link.refcount) {
      return;
    }
    if (!(ri instanceof PeerSentinel) && infoDue(ri)) {
      ri.infoPendingSince = core.now;
      ri.infoWantedNow = false;
      core.request(PendingRequest.Kind.INFO, ri, link, id -> new Outbound.Info(link.endpoint, id));
    }
    long p = pingIntervalMs(ri);
    if (link.pingWanted
        || (core.now - link.lastPongTime > p
            && core.now - link.lastPingTime > repingIntervalMs(ri, p))) {
      link.pingWanted = false;
      sendPing(ri);
    }
    sendHelloIfDue(ri);
  }

  /** The next time a periodic command of {@code ri} falls due (for {@code poll}'s deadline). */
  long nextPeriodicDeadline(Instance ri) {
    Link link = ri.link;
    if (link == null) {
      return Long.MAX_VALUE;
    }
    if (link.disconnected()) {
      return link.lastReconnTime + core.timing.pingPeriodMs();
    }
    if (!link.commandReady()) {
      return Long.MAX_VALUE;
    }
    long p = pingIntervalMs(ri);
    long next =
        Math.max(link.lastPongTime + p + 1, link.lastPingTime + repingIntervalMs(ri, p) + 1);
    if (!(ri instanceof PeerSentinel)) {
      long period = infoPeriod(ri);
      long due = ri.infoRefresh + period + 1;
      if (ri.infoPendingSince != EngineCore.NEVER) {
        due = Math.max(due, ri.infoPendingSince + unansweredInfoWaitMs(period) + 1);
      }
      next = Math.min(next, due);
    }
    next =
        Math.min(
            next,
            Math.max(ri.lastPubTime, ri.helloPendingSince) + core.timing.publishPeriodMs() + 1);
    return next;
  }

  /** How long after the last PING reply the next PING leaves (Sentinel's {@code ping_period}). */
  long pingIntervalMs(Instance ri) {
    long p = core.pacing.pingIntervalMs(ri, Math.min(ri.downAfterMs, core.timing.pingPeriodMs()));
    if (ri instanceof PeerSentinel && core.fencing != null) {
      // Vigil's self-fencing needs answers from the peers younger than fence-after.
      p = Math.min(p, core.fencing.peerPingIntervalMs(ri.primary()));
    }
    return p;
  }

  /**
   * The least time between two PINGs ({@code ping_period/2} in Sentinel). While a quicker PING is
   * unanswered, more PINGs tell nothing new (S_DOWN counts from the oldest unanswered one), so they
   * keep Sentinel's spacing instead of piling up on a hung node.
   */
  private long repingIntervalMs(Instance ri, long p) {
    if (ri.link.actPingTime != EngineCore.NEVER) {
      return Math.min(ri.downAfterMs, core.timing.pingPeriodMs()) / 2;
    }
    return p / 2;
  }

  private boolean infoDue(Instance ri) {
    long period = infoPeriod(ri);
    if (ri.infoPendingSince != EngineCore.NEVER
        && core.now - ri.infoPendingSince <= unansweredInfoWaitMs(period)) {
      return false;
    }
    return ri.infoWantedNow || core.now - ri.infoRefresh > period;
  }

  /**
   * How long an unanswered INFO holds back the next one: the period, but at least the pacing's
   * floor, and at most ping-period.
   */
  private long unansweredInfoWaitMs(long period) {
    long floor = core.pacing.unansweredInfoFloorMs();
    return Math.min(Math.max(period, floor), core.timing.pingPeriodMs());
  }

  /** INFO cadence: Sentinel's, plus the pacing's quicker polling while a failover needs it. */
  long infoPeriod(Instance ri) {
    if (ri instanceof Replica r) {
      Primary p = r.primary();
      long quick = core.pacing.failoverInfoPeriodMs(r);
      if (quick > 0) {
        return quick;
      }
      if (p.oDown || p.failoverInProgress || r.masterLinkDownTime != 0) {
        return 1000;
      }
      if (p.sDown && core.pacing.replicaInfoFromSdown()) {
        return 1000;
      }
    }
    return core.timing.infoPeriodMs();
  }

  void sendPing(Instance ri) {
    Link link = ri.link;
    if (link == null || !link.commandReady()) {
      return;
    }
    core.request(PendingRequest.Kind.PING, ri, link, id -> new Outbound.Ping(link.endpoint, id));
    link.lastPingTime = core.now;
    if (link.actPingTime == EngineCore.NEVER) {
      link.actPingTime = core.now;
    }
  }

  /** {@code sentinelPingReplyCallback}. */
  void onPingReply(PendingRequest req, Inbound.PingReply reply) {
    Link link = core.links.get(req.endpoint());
    if (link == null) {
      return;
    }
    String text = reply.text() == null ? "" : reply.text();
    if (text.startsWith("PONG") || text.startsWith("LOADING") || text.startsWith("MASTERDOWN")) {
      link.lastAvailTime = core.now;
      link.actPingTime = EngineCore.NEVER;
      if (text.startsWith("PONG")) {
        req.target().masterReboot = false;
      }
    } else if (text.startsWith("BUSY")) {
      Instance ri = req.target();
      if (ri.sDown && !ri.scriptKillSent) {
        ri.scriptKillSent = true;
        long id = core.nextId();
        core.send(new Outbound.ScriptKill(link.endpoint, id));
      }
    }
    link.lastPongTime = core.now;
  }

  // ------------------------------------------------------------------ hellos

  private void sendHelloIfDue(Instance ri) {
    if (core.now - ri.lastPubTime <= core.timing.publishPeriodMs()) {
      return;
    }
    if (ri.helloPendingSince != EngineCore.NEVER
        && core.now - ri.helloPendingSince <= core.timing.publishPeriodMs()) {
      return;
    }
    sendHello(ri);
  }

  /** {@code sentinelSendHello}; false when it could not be sent (no address known yet). */
  boolean sendHello(Instance ri) {
    Link link = ri.link;
    if (link == null || !link.commandReady() || core.myid == null) {
      return false;
    }
    String ip = core.announceIp(link);
    if (ip == null) {
      return false;
    }
    Primary p = ri.primary();
    HostPort current = p.currentAddress();
    String payload =
        new HelloPayload(
                ip,
                core.announcePort(),
                core.myid,
                core.currentEpoch,
                p.name,
                current.host(),
                current.port(),
                p.configEpoch)
            .format();
    ri.helloPendingSince = core.now;
    core.request(
        PendingRequest.Kind.HELLO,
        ri,
        link,
        id -> new Outbound.PublishHello(link.endpoint, id, payload));
    return true;
  }

  void onPublishReply(PendingRequest req, Inbound.PublishReply reply) {
    Instance ri = req.target();
    ri.helloPendingSince = EngineCore.NEVER;
    if (reply.ok()) {
      ri.lastPubTime = core.now;
    }
  }

  /** {@code sentinelForceHelloUpdateForPrimary}: every instance of {@code p} sends at once. */
  void forceHelloUpdate(Primary p) {
    forceHello(p);
    for (Replica r : p.replicas.values()) {
      forceHello(r);
    }
    for (PeerSentinel s : p.sentinels.values()) {
      forceHello(s);
    }
  }

  private void forceHello(Instance ri) {
    ri.lastPubTime = EngineCore.NEVER;
    ri.helloPendingSince = EngineCore.NEVER;
  }

  // ------------------------------------------------------------------ reconfiguration

  /**
   * {@code sentinelSendReplicaOf}: the MULTI/SLAVEOF/CONFIG REWRITE/CLIENT KILL/EXEC transaction.
   * {@code target == null} means {@code SLAVEOF NO ONE}. False if the link cannot take it now.
   */
  boolean sendReplicaOf(Instance ri, HostPort target) {
    Link link = ri.link;
    if (link == null || !link.commandReady()) {
      return false;
    }
    String host = target == null ? null : target.host();
    int port = target == null ? 0 : target.port();
    core.request(
        PendingRequest.Kind.REPLICAOF,
        ri,
        link,
        id -> new Outbound.ReplicaOf(link.endpoint, id, host, port));
    return true;
  }

  /** The transaction was written: some pacings look at the node's INFO right away. */
  void onReplicaOfQueued(PendingRequest req) {
    if (core.pacing.infoAfterReplicaOf()) {
      req.target().infoWantedNow = true;
      req.target().infoPendingSince = EngineCore.NEVER;
    }
  }
}
