package dev.vigil.sim;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.FencingSettings;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.Outbound;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.Timing;
import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.KnownSentinel;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One simulated deployment built from a {@link Scenario}: data nodes, sentinel processes, the
 * network, the scheduler and the invariant checker, plus the fault injection that the scenario
 * schedules. {@link #run()} plays the whole timeline and returns what was observed.
 */
final class SimCluster {
  static final int SENTINEL_PORT = 26379;

  private final Scenario scenario;
  private final SimScheduler scheduler;
  private final SimNetwork network;
  private final InvariantChecker invariants;
  private final Trace trace;
  private final List<SimValkeyNode> nodes = new ArrayList<>();
  private final List<SimEngineHost> sentinels = new ArrayList<>();
  private final Map<String, Integer> hostByIp = new HashMap<>();
  private final SimValkeyNode[] nodeOnHost;
  private final SimEngineHost[] sentinelOnHost;
  private final SimValkeyNode.Directory directory;
  private int partitionId;

  /** The data plane's invariants, in scenarios where the sidecars fence their nodes; else null. */
  private final WriteAcks writeAcks;

  private final List<String> notes = new ArrayList<>();

  SimCluster(Scenario scenario, EngineFactory factory, int traceCapacity) {
    this.scenario = scenario;
    this.scheduler = new SimScheduler(scenario.seed());
    this.trace = new Trace(traceCapacity);
    int hosts = scenario.hosts();
    this.network = new SimNetwork(scheduler, this, hosts, scenario.network().calm());
    this.invariants = new InvariantChecker(scheduler, scenario.sentinels(), scenario.quorum());
    this.nodeOnHost = new SimValkeyNode[hosts];
    this.sentinelOnHost = new SimEngineHost[hosts];
    for (int h = 0; h < hosts; h++) {
      hostByIp.put(SimIds.hostIp(h), h);
    }
    String primaryIp = SimIds.hostIp(0);
    for (int i = 0; i < scenario.dataNodes(); i++) {
      SimValkeyNode node =
          new SimValkeyNode(
              i,
              SimIds.hostIp(i),
              scheduler,
              scenario.priorities()[i],
              i == 0 ? null : primaryIp,
              i == 0 ? 0 : SimValkeyNode.PORT);
      nodes.add(node);
      nodeOnHost[i] = node;
    }
    java.util.SplittableRandom ids = new java.util.SplittableRandom(scenario.seed() ^ 0x1D5L);
    List<String> myids = new ArrayList<>();
    for (int s = 0; s < scenario.sentinels(); s++) {
      myids.add(SimIds.hex40(ids));
    }
    for (int s = 0; s < scenario.sentinels(); s++) {
      int host = scenario.sentinelHost(s);
      SimEngineHost engineHost =
          new SimEngineHost(
              host,
              s,
              this,
              scheduler,
              factory,
              new EngineOptions(null, SENTINEL_PORT, timing(scenario), scenario.pacings().get(s)),
              initialConfig(scenario, primaryIp, s, myids),
              1_700_000_000_000L + scheduler.between(0, 50));
      sentinels.add(engineHost);
      sentinelOnHost[host] = engineHost;
    }
    this.writeAcks =
        scenario.kind() == Scenario.Kind.FENCING
            ? new WriteAcks(
                this, invariants, scenario.downAfterMs() / 3, scenario.network().maxDelayMs())
            : null;
    this.directory =
        new SimValkeyNode.Directory() {
          @Override
          public SimValkeyNode nodeAt(String ip, int port) {
            return node(ip, port);
          }

          @Override
          public boolean reachable(int hostA, int hostB) {
            return network.reachable(hostA, hostB);
          }
        };
  }

  /** Sentinel's periods shortened through the SENTINEL DEBUG knobs so a scenario is quick. */
  static Timing timing(Scenario scenario) {
    return new Timing(
        2000, // info-period
        1000, // ping-period
        1000, // ask-period
        2000, // publish-period
        scenario.downAfterMs(),
        scenario.failoverTimeoutMs(),
        2000, // tilt-trigger
        4000, // tilt-period
        3000, // slave-reconf-timeout
        5000, // min-link-reconnect-period
        10000, // election-timeout
        60000,
        30000);
  }

  /**
   * The config file of sentinel {@code self}: the monitor line with the scenario's timings, and for
   * established deployments also its myid and every peer as a known-sentinel.
   */
  private static SentinelState initialConfig(
      Scenario scenario, String primaryIp, int self, List<String> myids) {
    List<KnownSentinel> known = new ArrayList<>();
    if (scenario.established()) {
      for (int s = 0; s < myids.size(); s++) {
        if (s != self) {
          known.add(
              new KnownSentinel(
                  SimIds.hostIp(scenario.sentinelHost(s)), SENTINEL_PORT, myids.get(s)));
        }
      }
    }
    MasterState master =
        new MasterState(
            Scenario.MASTER,
            primaryIp,
            SimValkeyNode.PORT,
            scenario.quorum(),
            scenario.downAfterMs(),
            scenario.failoverTimeoutMs(),
            scenario.parallelSyncs(),
            null,
            null,
            null,
            null,
            0,
            0,
            0,
            List.of(),
            known,
            Map.of());
    return new SentinelState(
        scenario.established() ? myids.get(self) : null,
        0,
        GlobalOptions.DEFAULTS,
        List.of(master));
  }

  // ---- accessors used by the parts
  // ---------------------------------------------------------------

  /**
   * Self-fencing for the sidecar on {@code host}: on, with the default fence-after (a third of
   * down-after), in FENCING scenarios where a data node shares its host; off otherwise.
   */
  FencingSettings fencingFor(int host) {
    if (writeAcks == null || host >= nodes.size() || nodeOnHost[host] == null) {
      return FencingSettings.OFF;
    }
    SimValkeyNode node = nodeOnHost[host];
    return new FencingSettings(new HostPort(node.ip, node.port), true, 0);
  }

  SimEngineHost sentinelOnHost(int host) {
    return sentinelOnHost[host];
  }

  /** Partitions, heals, sentinel deaths and starts change who reaches a majority. */
  void reachabilityChanged() {
    if (writeAcks != null) {
      writeAcks.reachabilityChanged(scheduler.nowMs());
    }
  }

  SimNetwork network() {
    return network;
  }

  InvariantChecker invariants() {
    return invariants;
  }

  SimScheduler scheduler() {
    return scheduler;
  }

  List<SimEngineHost> sentinels() {
    return sentinels;
  }

  List<SimValkeyNode> nodes() {
    return nodes;
  }

  Scenario scenario() {
    return scenario;
  }

  void trace(String who, String what, Object detail) {
    trace.add(scheduler.nowMs(), who, what, detail);
  }

  void note(String text) {
    notes.add(scheduler.nowMs() + "ms " + text);
    trace("sim", "note", text);
  }

  void engineThrew(SimEngineHost host, String during, RuntimeException e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String stack = w.toString();
    int cut = nthIndexOf(stack, '\n', 8);
    invariants.fail(
        Invariant.ENGINE_NEVER_THROWS,
        host.name()
            + " threw during "
            + during
            + ": "
            + (cut > 0 ? stack.substring(0, cut) : stack));
  }

  private static int nthIndexOf(String s, char c, int n) {
    int i = -1;
    while (n-- > 0) {
      i = s.indexOf(c, i + 1);
      if (i < 0) {
        return -1;
      }
    }
    return i;
  }

  /** The host an endpoint lives on, or -1 if nothing listens there. */
  int hostOf(Endpoint endpoint) {
    Integer h = hostByIp.get(endpoint.host());
    if (h == null) {
      return -1;
    }
    boolean listening =
        endpoint.kind() == Endpoint.Kind.DATA
            ? nodeOnHost[h] != null && endpoint.port() == SimValkeyNode.PORT
            : sentinelOnHost[h] != null && endpoint.port() == SENTINEL_PORT;
    return listening ? h : -1;
  }

  SimValkeyNode node(String ip, int port) {
    Integer h = hostByIp.get(ip);
    return h == null || port != SimValkeyNode.PORT ? null : nodeOnHost[h];
  }

  private SimEngineHost sentinelAt(Endpoint endpoint) {
    Integer h = hostByIp.get(endpoint.host());
    return h == null || endpoint.port() != SENTINEL_PORT ? null : sentinelOnHost[h];
  }

  boolean processAlive(Endpoint endpoint) {
    if (endpoint.kind() == Endpoint.Kind.DATA) {
      SimValkeyNode n = node(endpoint.host(), endpoint.port());
      return n != null && n.alive();
    }
    SimEngineHost s = sentinelAt(endpoint);
    return s != null && s.alive();
  }

  // ---- request processing at the far end
  // ---------------------------------------------------------

  /** A request arrived at its target over {@code link}; {@code reply} sends an answer back. */
  void process(SimLink link, Outbound request, Consumer<Inbound> reply) {
    Endpoint ep = link.endpoint;
    if (ep.kind() == Endpoint.Kind.DATA) {
      SimValkeyNode node = node(ep.host(), ep.port());
      if (node != null) {
        node.execute(() -> processOnNode(node, ep, request, reply));
      }
    } else {
      SimEngineHost peer = sentinelAt(ep);
      if (peer != null) {
        peer.execute(() -> processOnSentinel(peer, ep, request, reply));
      }
    }
  }

  private void processOnNode(
      SimValkeyNode node, Endpoint ep, Outbound request, Consumer<Inbound> reply) {
    if (request instanceof Outbound.Ping p) {
      reply.accept(
          node.loading()
              ? new Inbound.PingReply(
                  ep, p.id(), "LOADING Valkey is loading the dataset in memory", true)
              : new Inbound.PingReply(ep, p.id(), "PONG", false));
    } else if (request instanceof Outbound.Info i) {
      reply.accept(new Inbound.InfoReply(ep, i.id(), node.info(nodes)));
    } else if (request instanceof Outbound.PublishHello h) {
      if (node.loading()) {
        reply.accept(new Inbound.PublishReply(ep, h.id(), false));
      } else {
        network.fanOutHello(node, ep, h.payload());
        reply.accept(new Inbound.PublishReply(ep, h.id(), true));
      }
    } else if (request instanceof Outbound.ReplicaOf r) {
      if (node.loading()) {
        return; // MULTI/SLAVEOF get -LOADING, EXEC aborts: nothing changes
      }
      trace("node" + node.hostIndex, "SLAVEOF", r.noOne() ? "NO ONE" : r.host() + " " + r.port());
      node.replicaOf(r.host(), r.port());
      // CLIENT KILL TYPE normal + pubsub: every sentinel link to this node drops (the sender's
      // too).
      network.closeAllTo(ep, "killed by CLIENT KILL");
    } else if (request instanceof Outbound.AskMasterDown a) {
      reply.accept(new Inbound.CommandFailed(ep, a.id(), "ERR unknown command 'SENTINEL'"));
    } else if (request instanceof Outbound.FenceQuery q) {
      reply.accept(
          new Inbound.FenceConfig(ep, q.id(), node.minReplicasToWrite(), node.minReplicasMaxLag()));
    } else if (request instanceof Outbound.SetFence f) {
      trace("node" + node.hostIndex, "CONFIG SET min-replicas", f.toWrite() + " " + f.maxLag());
      node.setMinReplicas(f.toWrite(), f.maxLag());
      reply.accept(new Inbound.FenceApplied(ep, f.id()));
    } else if (request instanceof Outbound.Demote d) {
      trace("node" + node.hostIndex, "fence demotion SLAVEOF", d.host() + " " + d.port());
      node.replicaOf(d.host(), d.port());
      node.setMinReplicas(d.toWrite(), d.maxLag());
      reply.accept(new Inbound.FenceApplied(ep, d.id()));
      network.closeAllTo(ep, "killed by CLIENT KILL");
    }
    // SCRIPT KILL: -NOTBUSY, which the engine does not wait for.
  }

  private void processOnSentinel(
      SimEngineHost peer, Endpoint ep, Outbound request, Consumer<Inbound> reply) {
    if (request instanceof Outbound.Ping p) {
      reply.accept(new Inbound.PingReply(ep, p.id(), "PONG", false));
    } else if (request instanceof Outbound.PublishHello h) {
      peer.processHello(h.payload());
      if (network.duplicate() && peer.alive()) {
        peer.processHello(h.payload());
      }
      reply.accept(new Inbound.PublishReply(ep, h.id(), true));
    } else if (request instanceof Outbound.AskMasterDown a) {
      SentinelEngine.IsDownAnswer answer = peer.answerAsk(a.ip(), a.port(), a.epoch(), a.runid());
      if (answer == null) {
        return;
      }
      reply.accept(
          new Inbound.AskReply(
              ep, a.id(), answer.down() ? 1 : 0, answer.leader(), answer.leaderEpoch()));
      if (!"*".equals(a.runid())
          && scheduler.nowMs() < scenario.healAtMs()
          && scheduler.chance(scenario.crashAfterVoteRate())) {
        // The reply left; the process dies before doing anything else.
        note(peer.name() + " crashes right after answering a vote request");
        peer.crash();
        scheduler.after(scheduler.between(100, 1000), peer::restart);
        return;
      }
      peer.afterAnswer();
    } else if (request instanceof Outbound.Info i) {
      reply.accept(new Inbound.CommandFailed(ep, i.id(), "ERR INFO not expected by the sim"));
    } else if (request instanceof Outbound.ConfirmPrimary c) {
      MasterState m = peer.engine().state().masters().get(0);
      reply.accept(new Inbound.PrimaryNamed(ep, c.id(), m.host(), m.port()));
    }
  }

  // ---- faults
  // ------------------------------------------------------------------------------------

  void crashNode(SimValkeyNode node) {
    if (!node.alive()) {
      return;
    }
    trace("node" + node.hostIndex, "crash", node);
    node.crash();
    network.closeAllTo(Endpoint.data(node.ip, node.port), "connection reset by peer");
  }

  void restartNode(SimValkeyNode node) {
    if (node.alive()) {
      return;
    }
    node.restart(scheduler.chance(0.3) ? scheduler.between(100, 2000) : 0);
    trace("node" + node.hostIndex, "restart", node);
  }

  private void apply(Fault fault) {
    long end = Math.min(scheduler.nowMs() + fault.durationMs(), scenario.healAtMs());
    switch (fault.kind()) {
      case CRASH_PRIMARY, CRASH_NODE -> {
        SimValkeyNode n =
            fault.kind() == Fault.Kind.CRASH_NODE ? nodes.get(fault.target()) : agreedPrimaryNode();
        if (n != null) {
          crashNode(n);
          scheduler.at(end, () -> restartNode(n));
        }
      }
      case HANG_PRIMARY -> {
        SimValkeyNode n = agreedPrimaryNode();
        if (n != null && n.alive()) {
          trace("node" + n.hostIndex, "hang", n);
          n.hang();
          scheduler.at(end, n::resume);
        }
      }
      case CRASH_SENTINEL -> {
        SimEngineHost s = sentinels.get(fault.target());
        s.crash();
        scheduler.at(end, s::restart);
      }
      case STALL_SENTINEL -> sentinels.get(fault.target()).stallUntil(end);
      case WALL_JUMP -> sentinels.get(fault.target()).jumpWallClock(fault.amount());
      case PARTITION -> {
        int id = ++partitionId;
        network.partition(fault.amount());
        reachabilityChanged();
        scheduler.at(
            end,
            () -> {
              if (partitionId == id) {
                network.heal();
                reachabilityChanged();
              }
            });
      }
      case MANUAL_FAILOVER -> sentinels.get(fault.target()).failover(Scenario.MASTER);
    }
  }

  /** Undoes every fault: one network, every process running. */
  private void healAll() {
    partitionId++;
    network.heal();
    reachabilityChanged();
    // Healing ends the losses and latency spikes too. With them still on, a dropped PONG left
    // unanswered until the request timeout is an S_DOWN, and a legitimate failover could start
    // just before the convergence check (seeds 9392, 9431: a failover 1.3-4.7 s before it).
    network.profile(scenario.network().calm());
    for (SimValkeyNode n : nodes) {
      if (n.hung()) {
        n.resume();
      }
      restartNode(n);
    }
    for (SimEngineHost s : sentinels) {
      s.restart();
    }
    note("healed");
  }

  // ---- observations
  // ------------------------------------------------------------------------------

  /** The primary address most live sentinels believe in (ties: lowest sentinel index). */
  String agreedPrimary() {
    Map<String, Integer> counts = new HashMap<>();
    String best = null;
    int bestCount = 0;
    for (SimEngineHost s : sentinels) {
      if (!s.alive()) {
        continue;
      }
      MasterState m = s.engine().state().masters().get(0);
      String addr = m.host() + ":" + m.port();
      int c = counts.merge(addr, 1, Integer::sum);
      if (c > bestCount) {
        best = addr;
        bestCount = c;
      }
    }
    return best;
  }

  SimValkeyNode agreedPrimaryNode() {
    String addr = agreedPrimary();
    if (addr == null) {
      return nodes.get(0);
    }
    int colon = addr.lastIndexOf(':');
    return node(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1)));
  }

  /** CONVERGENCE_AFTER_HEAL at this instant. */
  void checkConvergence(String when) {
    String address = null;
    long maxConfigEpoch = -1;
    StringBuilder views = new StringBuilder();
    boolean agree = true;
    List<SimEngineHost> live = sentinels.stream().filter(SimEngineHost::alive).toList();
    for (SimEngineHost s : live) {
      MasterState m = s.engine().state().masters().get(0);
      String addr = m.host() + ":" + m.port();
      views
          .append(s.name())
          .append('=')
          .append(addr)
          .append("@")
          .append(m.configEpoch())
          .append(' ');
      if (address == null) {
        address = addr;
      } else if (!address.equals(addr)) {
        agree = false;
      }
      maxConfigEpoch = Math.max(maxConfigEpoch, m.configEpoch());
    }
    boolean epochsAgree = true;
    for (SimEngineHost s : live) {
      epochsAgree &= s.engine().state().masters().get(0).configEpoch() == maxConfigEpoch;
    }
    if (!invariants.check(
        agree && epochsAgree,
        Invariant.CONVERGENCE_AFTER_HEAL,
        when + ": sentinels disagree: " + views)) {
      return;
    }
    SimValkeyNode primary = agreedPrimaryNode();
    if (primary == null || !primary.alive()) {
      return; // nothing to replicate from (e.g. the primary died and nothing was promotable)
    }
    invariants.check(
        primary.isPrimary(),
        Invariant.CONVERGENCE_AFTER_HEAL,
        when + ": agreed primary " + address + " is not a master: " + primary);
    for (SimValkeyNode n : nodes) {
      if (n == primary || !n.alive()) {
        continue;
      }
      invariants.check(
          n.replicatesFrom(primary) && n.linkUp(),
          Invariant.CONVERGENCE_AFTER_HEAL,
          when
              + ": "
              + n
              + " does not replicate from the agreed primary "
              + address
              + " (link "
              + (n.linkUp() ? "up" : "down")
              + ")");
    }
  }

  /** A replica that Sentinel may promote: alive, replicating from the primary, priority > 0. */
  private boolean promotableReplicaExists(SimValkeyNode primary) {
    for (SimValkeyNode n : nodes) {
      if (n != primary
          && n.alive()
          && n.priority() > 0
          && n.replicatesFrom(primary)
          && n.linkUp()) {
        return true;
      }
    }
    return false;
  }

  // ---- the run
  // -----------------------------------------------------------------------------------

  /** Starts every sentinel process and the replication clock. */
  void startAll() {
    for (SimEngineHost s : sentinels) {
      s.start();
    }
    scheduleReplicationTicks();
  }

  SimResult run() {
    long startNs =
        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    try {
      play();
    } catch (SimScheduler.BusyLoopException e) {
      invariants.fail(Invariant.NO_BUSY_LOOP, e.getMessage());
    }
    return new SimResult(
        scenario,
        invariants.checks(),
        invariants.violationCount(),
        List.copyOf(invariants.violations().values()),
        scheduler.executedTasks(),
        network.messages(),
        invariants.leadersElected(),
        invariants.promotions(),
        trace.lines(),
        List.copyOf(notes),
        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
            - startNs);
  }

  private void play() {
    startAll();
    scheduler.at(Scenario.WARMUP_MS, () -> network.profile(scenario.network()));
    for (Fault f : scenario.faults()) {
      scheduler.at(f.atMs(), () -> apply(f));
    }
    scheduler.at(scenario.healAtMs(), this::healAll);
    long settledAt = scenario.healAtMs() + scenario.settleMs();
    scheduler.runUntil(settledAt);
    checkConvergence("after heal and settle");
    if (scenario.finalPrimaryCrash()) {
      finalPrimaryCrash(settledAt);
    }
  }

  /**
   * FAILOVER_COMPLETES_WITH_CONNECTED_MAJORITY: with every sentinel up and connected, kill the
   * agreed primary; if a promotable replica exists, every sentinel must switch within the bound.
   * The run ends as soon as that happened and everything converged.
   */
  private void finalPrimaryCrash(long crashAt) {
    SimValkeyNode primary = agreedPrimaryNode();
    boolean expectFailover = primary != null && promotableReplicaExists(primary);
    String before = agreedPrimary();
    note(
        "final crash of the agreed primary "
            + before
            + (expectFailover ? "" : " (nothing promotable)"));
    if (primary != null) {
      crashNode(primary);
    }
    if (!expectFailover) {
      scheduler.runUntil(scenario.endMs());
      return;
    }
    long end = scenario.endMs();
    while (scheduler.nowMs() < end && !(allSwitchedFrom(before) && converged())) {
      scheduler.runUntil(Math.min(end, scheduler.nowMs() + 500));
    }
    invariants.check(
        allSwitchedFrom(before),
        Invariant.FAILOVER_COMPLETES_WITH_CONNECTED_MAJORITY,
        "primary "
            + before
            + " died at "
            + crashAt
            + " ms with all sentinels connected and a promotable replica, but not every sentinel"
            + " switched within "
            + scenario.livenessBoundMs()
            + " ms");
    checkConvergence("after the final failover");
  }

  private boolean allSwitchedFrom(String before) {
    for (SimEngineHost s : sentinels) {
      if (!s.alive()) {
        return false;
      }
      MasterState m = s.engine().state().masters().get(0);
      if ((m.host() + ":" + m.port()).equals(before)) {
        return false;
      }
    }
    return true;
  }

  /** The convergence predicate without recording anything. */
  private boolean converged() {
    String address = null;
    long epoch = -1;
    for (SimEngineHost s : sentinels) {
      if (!s.alive()) {
        return false;
      }
      MasterState m = s.engine().state().masters().get(0);
      String addr = m.host() + ":" + m.port();
      if (address == null) {
        address = addr;
        epoch = m.configEpoch();
      } else if (!address.equals(addr) || epoch != m.configEpoch()) {
        return false;
      }
    }
    SimValkeyNode primary = agreedPrimaryNode();
    if (primary == null || !primary.alive() || !primary.isPrimary()) {
      return false;
    }
    for (SimValkeyNode n : nodes) {
      if (n != primary && n.alive() && !(n.replicatesFrom(primary) && n.linkUp())) {
        return false;
      }
    }
    return true;
  }

  private void scheduleReplicationTicks() {
    scheduler.after(
        100,
        () -> {
          for (SimValkeyNode n : nodes) {
            n.replicationTick(directory);
          }
          if (writeAcks != null) {
            writeAcks.tick(scheduler.nowMs());
          }
          scheduleReplicationTicks();
        });
  }
}
