package dev.vigil.sim;

import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.Outbound;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the safety invariants after every engine step, event, outbound request and state save of
 * one simulated cluster, from what the engines emit (events, requests, saves) and expose ({@code
 * state()}). Identities are myids, so a restarted sentinel is the same voter.
 *
 * <p>Epoch attribution: Sentinel emits {@code +new-epoch <e>} then {@code +try-failover} when it
 * starts a failover with epoch {@code e}; every later {@code +elected-leader}, {@code SLAVEOF NO
 * ONE} and {@code +promoted-slave} of that sentinel belongs to that epoch until the next attempt.
 */
final class InvariantChecker {
  private final SimScheduler scheduler;
  private final int sentinels;
  private final int quorum;
  private long checks;
  private long violationCount;
  private final Map<Invariant, Violation> firstViolations = new LinkedHashMap<>();

  // Cluster-wide records, keyed by epoch.
  private final Map<Long, String> leaderByEpoch = new HashMap<>();
  private final Map<Long, String> promotedTargetByEpoch = new HashMap<>();
  private final Map<Long, String> promotingSenderByEpoch = new HashMap<>();

  /** epoch → voter myid → the candidates it voted for (more than one is a violation). */
  private final Map<Long, Map<String, java.util.Set<String>>> votesByEpoch = new HashMap<>();

  private final Map<String, Map<Long, String>> addressByConfigEpoch = new HashMap<>();

  // Per sentinel (by sentinel index).
  private final long[] lastNewEpoch;
  private final long[] failoverEpoch;
  private final long[] electedEpoch;
  private final boolean[] failoverManual;
  private final boolean[] manualPending;
  private final boolean[] odown;
  private final long[] memCurrentEpoch;
  private final List<Map<String, Long>> memConfigEpoch = new ArrayList<>();
  private final long[] diskCurrentEpoch;
  private final List<Map<String, Long>> diskConfigEpoch = new ArrayList<>();

  /** Per sentinel: primary name → the address its {@code +switch-master} events last named. */
  private final List<Map<String, String>> toldAddress = new ArrayList<>();

  private final List<SwitchRecord> switches = new ArrayList<>();
  private int leadersElected;
  private int promotions;

  /** A {@code +switch-master} seen by one sentinel. */
  record SwitchRecord(long atMs, int sentinel, String message) {}

  InvariantChecker(SimScheduler scheduler, int sentinels, int quorum) {
    this.scheduler = scheduler;
    this.sentinels = sentinels;
    this.quorum = quorum;
    lastNewEpoch = new long[sentinels];
    failoverEpoch = new long[sentinels];
    electedEpoch = new long[sentinels];
    failoverManual = new boolean[sentinels];
    manualPending = new boolean[sentinels];
    odown = new boolean[sentinels];
    memCurrentEpoch = new long[sentinels];
    diskCurrentEpoch = new long[sentinels];
    for (int i = 0; i < sentinels; i++) {
      memConfigEpoch.add(new HashMap<>());
      diskConfigEpoch.add(new HashMap<>());
      toldAddress.add(new HashMap<>());
      electedEpoch[i] = -1;
    }
  }

  long checks() {
    return checks;
  }

  long violationCount() {
    return violationCount;
  }

  Map<Invariant, Violation> violations() {
    return firstViolations;
  }

  List<SwitchRecord> switches() {
    return switches;
  }

  int leadersElected() {
    return leadersElected;
  }

  int promotions() {
    return promotions;
  }

  void fail(Invariant invariant, String message) {
    violationCount++;
    firstViolations.putIfAbsent(invariant, new Violation(invariant, scheduler.nowMs(), message));
  }

  /** Counts one evaluated predicate; records a violation when it is false. */
  boolean check(boolean holds, Invariant invariant, String message) {
    checks++;
    if (!holds) {
      fail(invariant, message);
    }
    return holds;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** A (re)starting engine must come back with at least the epochs on its disk. */
  void beforeStart(SimEngineHost host) {
    int s = host.sentinelIndex;
    SentinelState disk = host.disk();
    memCurrentEpoch[s] = Math.max(diskCurrentEpoch[s], disk.currentEpoch());
    memConfigEpoch.get(s).clear();
    for (MasterState m : disk.masters()) {
      memConfigEpoch.get(s).put(m.name(), m.configEpoch());
    }
    odown[s] = false;
    manualPending[s] = false;
    toldAddress.get(s).clear(); // clients ask a restarted sentinel afresh
  }

  void crashed(SimEngineHost host) {
    odown[host.sentinelIndex] = false;
  }

  void manualFailoverRequested(SimEngineHost host) {
    manualPending[host.sentinelIndex] = true;
  }

  void manualFailoverRejected(SimEngineHost host) {
    manualPending[host.sentinelIndex] = false;
  }

  // ---- EPOCHS_NEVER_GO_BACK --------------------------------------------------------------------

  void afterStep(SimEngineHost host) {
    int s = host.sentinelIndex;
    SentinelState state = host.engine().state();
    check(
        state.currentEpoch() >= memCurrentEpoch[s],
        Invariant.EPOCHS_NEVER_GO_BACK,
        host.name()
            + " current-epoch went back from "
            + memCurrentEpoch[s]
            + " to "
            + state.currentEpoch());
    memCurrentEpoch[s] = Math.max(memCurrentEpoch[s], state.currentEpoch());
    compareConfigEpochs(host, state, memConfigEpoch.get(s), "in memory");
    for (MasterState m : state.masters()) {
      String address = m.host() + ":" + m.port();
      String told = toldAddress.get(s).putIfAbsent(m.name(), address);
      // Sentinel's pacing answers the promoted address before it announces it (at the end).
      check(
          told == null || told.equals(address) || host.pacing() != FailoverPacing.VIGIL,
          Invariant.CLIENTS_TOLD_THE_ANSWERED_ADDRESS,
          host.name()
              + " answers "
              + address
              + " for "
              + m.name()
              + " but its last +switch-master told clients "
              + told);
      String before =
          addressByConfigEpoch
              .computeIfAbsent(m.name(), n -> new HashMap<>())
              .putIfAbsent(m.configEpoch(), address);
      check(
          before == null || before.equals(address),
          Invariant.ONE_PRIMARY_ADDRESS_PER_CONFIG_EPOCH,
          host.name()
              + " holds "
              + m.name()
              + " at "
              + address
              + " with config-epoch "
              + m.configEpoch()
              + ", which another sentinel held for "
              + before);
    }
  }

  void onSave(SimEngineHost host, SentinelState state) {
    int s = host.sentinelIndex;
    check(
        state.currentEpoch() >= diskCurrentEpoch[s],
        Invariant.EPOCHS_NEVER_GO_BACK,
        host.name()
            + " saved current-epoch "
            + state.currentEpoch()
            + " after "
            + diskCurrentEpoch[s]);
    diskCurrentEpoch[s] = Math.max(diskCurrentEpoch[s], state.currentEpoch());
    compareConfigEpochs(host, state, diskConfigEpoch.get(s), "on disk");
  }

  private void compareConfigEpochs(
      SimEngineHost host, SentinelState state, Map<String, Long> seen, String where) {
    for (MasterState m : state.masters()) {
      Long before = seen.get(m.name());
      if (before != null) {
        check(
            m.configEpoch() >= before,
            Invariant.EPOCHS_NEVER_GO_BACK,
            host.name()
                + " config-epoch of "
                + m.name()
                + " "
                + where
                + " went back from "
                + before
                + " to "
                + m.configEpoch());
      }
      if (before == null || m.configEpoch() > before) {
        seen.put(m.name(), m.configEpoch());
      }
    }
  }

  // ---- events ----------------------------------------------------------------------------------

  void onEvent(SimEngineHost host, SentinelEvent event) {
    int s = host.sentinelIndex;
    switch (event.type()) {
      case "+new-epoch" -> lastNewEpoch[s] = parseLong(event.message());
      case "+odown" -> odown[s] = true;
      case "-odown" -> odown[s] = false;
      case "+try-failover" -> tryFailover(host);
      case "+vote-for-leader" -> vote(host, event.message());
      case "+elected-leader" -> elected(host);
      case "+promoted-slave" -> promoted(host, event.message());
      case "+switch-master" -> {
        switches.add(new SwitchRecord(scheduler.nowMs(), s, event.message()));
        switchTold(host, event.message());
      }
      default -> {}
    }
  }

  /** {@code <name> <from-ip> <from-port> <to-ip> <to-port>}: must start where clients are. */
  private void switchTold(SimEngineHost host, String message) {
    String[] f = message.split(" ");
    if (f.length != 5) {
      fail(Invariant.CLIENTS_TOLD_THE_ANSWERED_ADDRESS, host.name() + " malformed: " + message);
      return;
    }
    String told = toldAddress.get(host.sentinelIndex).put(f[0], f[3] + ":" + f[4]);
    check(
        told == null || told.equals(f[1] + ":" + f[2]),
        Invariant.CLIENTS_TOLD_THE_ANSWERED_ADDRESS,
        host.name() + " published +switch-master " + message + " while clients were at " + told);
  }

  private void tryFailover(SimEngineHost host) {
    int s = host.sentinelIndex;
    long epoch = lastNewEpoch[s];
    failoverEpoch[s] = epoch;
    failoverManual[s] = manualPending[s];
    manualPending[s] = false;
    check(
        failoverManual[s] || odown[s],
        Invariant.NO_FAILOVER_WITHOUT_ODOWN_AND_MAJORITY,
        host.name() + " started a failover (epoch " + epoch + ") without ODOWN");
  }

  private void vote(SimEngineHost host, String message) {
    String[] parts = message.split(" ");
    if (parts.length != 2) {
      fail(Invariant.ENGINE_NEVER_THROWS, host.name() + " malformed +vote-for-leader: " + message);
      return;
    }
    String candidate = parts[0];
    long epoch = parseLong(parts[1]);
    String voter = host.myid();
    java.util.Set<String> ballots =
        votesByEpoch
            .computeIfAbsent(epoch, e -> new HashMap<>())
            .computeIfAbsent(voter, v -> new java.util.LinkedHashSet<>());
    ballots.add(candidate);
    check(
        ballots.size() == 1,
        Invariant.AT_MOST_ONE_VOTE_PER_SENTINEL_PER_EPOCH,
        host.name()
            + " ("
            + shortId(voter)
            + ") voted for "
            + ballots.stream().map(InvariantChecker::shortId).toList()
            + " in epoch "
            + epoch);
  }

  private void elected(SimEngineHost host) {
    int s = host.sentinelIndex;
    long epoch = failoverEpoch[s];
    String me = host.myid();
    electedEpoch[s] = epoch;
    leadersElected++;
    String before = leaderByEpoch.putIfAbsent(epoch, me);
    check(
        before == null || before.equals(me),
        Invariant.AT_MOST_ONE_LEADER_PER_EPOCH,
        "epoch "
            + epoch
            + " has two leaders: "
            + shortId(before)
            + " and "
            + shortId(me)
            + " ("
            + host.name()
            + ")");
    if (failoverManual[s]) {
      return; // SENTINEL FAILOVER forces the attempt without an election
    }
    int votes = 0;
    for (java.util.Set<String> candidates : votesByEpoch.getOrDefault(epoch, Map.of()).values()) {
      if (candidates.contains(me)) {
        votes++;
      }
    }
    int needed = Math.max(sentinels / 2 + 1, quorum);
    check(
        votes >= needed,
        Invariant.NO_FAILOVER_WITHOUT_ODOWN_AND_MAJORITY,
        host.name()
            + " elected leader of epoch "
            + epoch
            + " with "
            + votes
            + " votes, needs "
            + needed
            + " ("
            + sentinels
            + " sentinels, quorum "
            + quorum
            + ")");
  }

  private void promoted(SimEngineHost host, String message) {
    long epoch = failoverEpoch[host.sentinelIndex];
    String[] parts = message.split(" ");
    String replica = parts.length >= 4 ? parts[2] + ":" + parts[3] : message;
    String before = promotedTargetByEpoch.putIfAbsent(epoch, replica);
    check(
        before == null || before.equals(replica),
        Invariant.AT_MOST_ONE_PROMOTION_PER_EPOCH,
        "epoch " + epoch + " promoted " + before + " and " + replica + " (" + host.name() + ")");
  }

  // ---- outbound --------------------------------------------------------------------------------

  void onOutbound(SimEngineHost host, Outbound request) {
    if (!(request instanceof Outbound.ReplicaOf r) || !r.noOne()) {
      return;
    }
    int s = host.sentinelIndex;
    long epoch = failoverEpoch[s];
    promotions++;
    String target = r.endpoint().host() + ":" + r.endpoint().port();
    String me = host.myid();
    check(
        electedEpoch[s] == epoch,
        Invariant.NO_FAILOVER_WITHOUT_ODOWN_AND_MAJORITY,
        host.name()
            + " sent SLAVEOF NO ONE to "
            + target
            + " in epoch "
            + epoch
            + " without being elected leader of it");
    String beforeTarget = promotedTargetByEpoch.putIfAbsent(epoch, target);
    check(
        beforeTarget == null || beforeTarget.equals(target),
        Invariant.AT_MOST_ONE_PROMOTION_PER_EPOCH,
        "epoch "
            + epoch
            + ": SLAVEOF NO ONE to "
            + beforeTarget
            + " and to "
            + target
            + " ("
            + host.name()
            + ")");
    String beforeSender = promotingSenderByEpoch.putIfAbsent(epoch, me);
    check(
        beforeSender == null || beforeSender.equals(me),
        Invariant.AT_MOST_ONE_PROMOTION_PER_EPOCH,
        "epoch "
            + epoch
            + ": SLAVEOF NO ONE sent by "
            + shortId(beforeSender)
            + " and by "
            + shortId(me)
            + " ("
            + host.name()
            + ")");
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String shortId(String id) {
    return id == null ? "null" : id.substring(0, Math.min(8, id.length()));
  }
}
