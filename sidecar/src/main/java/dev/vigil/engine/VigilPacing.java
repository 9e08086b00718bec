package dev.vigil.engine;

import java.util.random.RandomGenerator;

/**
 * Vigil's pacing: Sentinel's rules with shorter waits. Each answer below says what it changes and
 * why that is safe; none changes what counts as down, who may vote, or what must be on disk before
 * a reply.
 */
final class VigilPacing extends FailoverPacing {
  /**
   * PINGs to a primary every {@code down-after / PING_DIVISOR} (at most every ping-period, at least
   * every {@link #PING_FLOOR_MS}).
   *
   * <p>Why: a hung primary (SIGSTOP, a stuck disk, a long fork) keeps its TCP connection, so it is
   * only found by the act-ping rule: S_DOWN when the oldest unanswered PING is older than
   * down-after. With Sentinel's cadence of one PING per second the first unanswered PING leaves up
   * to a second after the hang, so S_DOWN lands between down-after and down-after + 1 s. Pinging
   * every down-after/20 bounds it to down-after + 5 %. The rule itself is unchanged: S_DOWN still
   * needs a PING that stayed unanswered for a full down-after, so a node is never declared down
   * sooner than Sentinel could. Only primaries: their S_DOWN starts a failover; a replica's or a
   * peer's only changes who takes part in one, and keeping their cadence keeps the idle cost low.
   */
  static final long PING_DIVISOR = 20;

  static final long PING_FLOOR_MS = 10;

  /**
   * The INFO period of a replica being reconfigured during a failover (its {@code
   * master_link_status:up} ends the failover), and the least wait behind an unanswered INFO, so
   * that the short periods do not pile INFOs up on a slow node.
   */
  static final long RECONF_INFO_PERIOD_MS = 50;

  /**
   * The INFO period of the replica being promoted. An INFO already follows the {@code SLAVEOF NO
   * ONE} transaction on the same connection, so its reply normally shows {@code role:master}; this
   * is the retry for when it did not (a slow node, a lost reply).
   */
  static final long PROMOTION_INFO_PERIOD_MS = 20;

  /** The INFO period of a replica that reports itself a primary (see {@link InfoProcessor}). */
  static final long CONVERT_INFO_PERIOD_MS = 250;

  /**
   * The floor of the quick re-ask: peers that said "not down" are asked again every {@code
   * down-after / 50}, at least this far apart (see {@link #askIntervalMs}).
   */
  static final long REASK_FLOOR_MS = 10;

  /**
   * Instead of Sentinel's random 0–100 ms, an order by run id: among the sentinels that have told
   * us the primary is down (they are S_DOWN, so they reach O_DOWN and start as we do), the one
   * whose run id sorts first starts at once; every other one waits {@code START_DEFER_MS} per such
   * peer before it. The first one's vote request reaches them meanwhile, they vote for it and back
   * off as Sentinel does (their {@code failover_start_time} moves), and only if it never comes (the
   * first one died, or is too slow) does the next one start.
   *
   * <p>Why it keeps the election live, and is faster: a split vote needs several candidates in one
   * epoch before any has asked the others. Sentinel's random delay makes that unlikely when
   * messages are fast, but a loaded host that delays messages by more than the delay (seen on the
   * benchmark machine: three candidates within 60 ms, a split, a retry 20 s later; a plain stagger
   * by run id, which does not look at who is down, fared no better) defeats it. Here a second
   * candidate needs a view that differs (a peer's "down" not yet heard) or a request slower than
   * {@code START_DEFER_MS}, and among three sentinels two candidates still give one of them the
   * third vote. In the common case the first sentinel starts without any delay. Safety never
   * depended on the delay: one vote per epoch, persisted before the reply, and a majority for a
   * leader are unchanged. The delay is bounded by (peers × START_DEFER_MS).
   */
  static final int START_DEFER_MS = 150;

  /** A few random ms on top of the order, so two sentinels with the same view never tie exactly. */
  static final int START_TIE_JITTER_MS = 5;

  /** Conversions of one returning old primary are at least this far apart (see InfoProcessor). */
  static final long CONVERT_MIN_INTERVAL_MS = 1000;

  /**
   * How long a node must have been a primary (same replication id) before the hellos that confirm
   * our view count: a Vigil leader of a newer failover learns of the promotion from the promoted
   * node's INFO, polled every {@link #RECONF_INFO_PERIOD_MS}, and sends hellos at once; half a
   * second leaves ample margin for the network.
   */
  static final long CONVERT_SETTLE_MS = 500;

  /**
   * Once a stray primary has been settled this long past {@link #CONVERT_SETTLE_MS}, we send our
   * hellos at once instead of at the next publish period. Every sentinel sees the returning node
   * within a few tens of milliseconds of the others (they all ping it), so hellos forced this late
   * arrive after the peers' own settle times and count as their confirmation: the conversion then
   * follows within about a second of the node's return, not up to a publish period (2 s) later. A
   * forced hello is an ordinary hello carrying our current configuration, so the argument of
   * InfoProcessor's reason (1) is unchanged: a leader of a newer failover still announces its newer
   * config epoch, which wins.
   */
  static final long CONVERT_HELLO_DELAY_MS = 150;

  @Override
  public String configName() {
    return "vigil";
  }

  /** See {@link #PING_DIVISOR}. */
  @Override
  long pingIntervalMs(Instance ri, long sentinelIntervalMs) {
    if (!(ri instanceof Primary)) {
      return sentinelIntervalMs;
    }
    return Math.min(sentinelIntervalMs, Math.max(PING_FLOOR_MS, ri.downAfterMs / PING_DIVISOR));
  }

  @Override
  long unansweredInfoFloorMs() {
    return RECONF_INFO_PERIOD_MS;
  }

  /**
   * Polls the promoted replica every {@link #PROMOTION_INFO_PERIOD_MS} until it shows {@code
   * role:master} and every {@link #RECONF_INFO_PERIOD_MS} after, the replicas being reconfigured
   * every {@link #RECONF_INFO_PERIOD_MS}, and a replica that claims to be a primary every {@link
   * #CONVERT_INFO_PERIOD_MS}. INFO only reads; asking sooner changes nothing but how soon the
   * engine learns what the node already did.
   */
  @Override
  long failoverInfoPeriodMs(Replica r) {
    Primary p = r.primary();
    if (p.failoverInProgress && r.promoted) {
      return p.failoverState == FailoverState.WAIT_PROMOTION
          ? PROMOTION_INFO_PERIOD_MS
          : RECONF_INFO_PERIOD_MS;
    }
    if (p.failoverInProgress
        && p.failoverState == FailoverState.RECONF_SLAVES
        && (r.reconfSent || r.reconfInprog)) {
      return RECONF_INFO_PERIOD_MS;
    }
    if (InfoReport.ROLE_MASTER.equals(r.roleReported) && !r.promoted) {
      return CONVERT_INFO_PERIOD_MS;
    }
    return 0;
  }

  /**
   * Refresh the replicas' INFO already at S_DOWN rather than at O_DOWN: the selection right after
   * the election needs INFO younger than 5*ping-period and their latest offsets.
   */
  @Override
  boolean replicaInfoFromSdown() {
    return true;
  }

  /** Look at the node's INFO right after the transaction was written. */
  @Override
  boolean infoAfterReplicaOf() {
    return true;
  }

  /** Learn at once what a returning node now claims to be. */
  @Override
  boolean infoWhenBackUp() {
    return true;
  }

  /**
   * Run the timers due now first: a question that arrives just after our own down-after deadline,
   * before the loop got to it, is answered from our S_DOWN as it stands now (our own evidence, as
   * always) instead of from the previous step's view.
   */
  @Override
  boolean timersBeforeAnswer() {
    return true;
  }

  /**
   * While that peer said "not down" and we have no O_DOWN yet: {@code down-after / 50}, at least
   * {@link #REASK_FLOOR_MS} (twenty re-asks per hundred ms at most), never more than ask-period.
   *
   * <p>Why: the peers reach S_DOWN within a few tens of milliseconds of each other (each by its own
   * PING clock), so the first to get there usually hears "not down" and, at Sentinel's pace, would
   * count the others only a second later. Asking again soon lets O_DOWN follow the quorum-th S_DOWN
   * closely. Safety is untouched: a peer still answers from its own S_DOWN only (never from ours,
   * never during TILT), and O_DOWN still needs quorum answers; only the question is repeated.
   */
  @Override
  long askIntervalMs(Primary p, PeerSentinel s, long askPeriodMs) {
    if (!p.oDown && !s.masterDown) {
      return Math.min(askPeriodMs, Math.max(REASK_FLOOR_MS, p.downAfterMs / 50));
    }
    return askPeriodMs;
  }

  /** See {@link #START_DEFER_MS}. */
  @Override
  long startDelayMs(Primary p, String myid, RandomGenerator random) {
    int before = 0;
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.masterDown
          && s.link != null
          && s.link.commandReady()
          && s.runid != null
          && myid != null
          && s.runid.compareToIgnoreCase(myid) < 0) {
        before++;
      }
    }
    return (long) before * START_DEFER_MS + random.nextInt(START_TIE_JITTER_MS);
  }

  /** See {@link FailoverStateMachine#promotionObserved} for why this is safe. */
  @Override
  boolean switchAtPromotion() {
    return true;
  }

  /** See {@link InfoProcessor} for the conditions and their reasons. */
  @Override
  boolean quickRejoin() {
    return true;
  }
}
