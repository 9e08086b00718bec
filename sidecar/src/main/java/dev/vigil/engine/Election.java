package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Epochs, votes and leader determination (spec §5.3–5.5): asking peers whether a primary is down
 * (and for their vote), answering those questions, and counting the votes.
 *
 * <p>The rules, as {@code sentinelVoteLeader} implements them:
 *
 * <ul>
 *   <li>a request with a greater epoch raises {@code current_epoch} (persisted, {@code
 *       +new-epoch});
 *   <li>one vote per epoch per primary: granted only if {@code leader_epoch < req_epoch} and {@code
 *       current_epoch <= req_epoch}; the vote is persisted before the answer leaves;
 *   <li>voting for another sentinel pushes my own next attempt back ({@code failover_start_time =
 *       now + rand()%1000}).
 * </ul>
 *
 * The winner needs {@code votes >= voters/2 + 1} and {@code votes >= quorum}, where voters are the
 * known sentinels plus me.
 *
 * <p>One deliberate difference: Sentinel counts the peers' votes of the <em>current</em> epoch and
 * asks for votes with the current epoch. When the current epoch moves past the failover epoch
 * during WAIT_START (another sentinel started a newer attempt), it then adds votes granted in the
 * newer epoch to its own vote of the older one and can become a second leader of its failover epoch
 * (found by the simulation). Vigil asks and counts in the failover epoch only.
 */
final class Election {
  private final EngineCore core;

  Election(EngineCore core) {
    this.core = core;
  }

  /** The vote held after the request: {@code leader} may be null when none was ever cast. */
  record Vote(String leader, long leaderEpoch) {}

  /** {@code sentinelVoteLeader}. */
  Vote voteLeader(Primary p, long reqEpoch, String reqRunid, String requester) {
    boolean epochRaised = Long.compareUnsigned(reqEpoch, core.currentEpoch) > 0;
    if (epochRaised) {
      core.currentEpoch = reqEpoch;
    }
    boolean grant =
        Long.compareUnsigned(p.leaderEpoch, reqEpoch) < 0
            && Long.compareUnsigned(core.currentEpoch, reqEpoch) <= 0;
    if (grant) {
      p.leader = reqRunid;
      p.leaderEpoch = core.currentEpoch;
      if (!core.mutated(EngineMutation.VOTE_REPLY_BEFORE_PERSIST)) {
        p.persistedLeaderEpoch = p.leaderEpoch;
      }
    }
    if (epochRaised || grant) {
      // One save for the raised epoch and the vote together (Sentinel saves twice): both are on
      // disk before the answer leaves, which is all their persistence is for, and a vote request
      // costs one fsync instead of two on the failover's critical path.
      core.flush();
    }
    if (epochRaised) {
      core.newEpochEvent(p);
    }
    if (grant) {
      core.eventWithMaster(
          Level.WARNING,
          "+vote-for-leader",
          reqRunid + " " + Long.toUnsignedString(p.leaderEpoch),
          p.name);
      core.electionLog.add(
          new VoteRecord(p.name, p.leaderEpoch, requester, core.myid, reqRunid, true, core.now));
      if (!reqRunid.equalsIgnoreCase(core.myid)) {
        p.failoverStartTime = core.now + core.random.nextInt(EngineCore.MAX_DESYNC_MS);
      }
    } else if (requester != null && !requester.equals(core.myid) && p.leader != null) {
      // A peer asked and got our earlier vote back (self-evaluations are not logged: they repeat).
      // Logged under the epoch of the vote we returned, not the one asked for: that vote may be
      // from an older epoch, and filing it under the requested one would show us voting twice.
      core.electionLog.add(
          new VoteRecord(p.name, p.leaderEpoch, requester, core.myid, p.leader, false, core.now));
    }
    return new Vote(p.leader, p.leaderEpoch);
  }

  /**
   * The receiving side of {@code is-master-down-by-addr}: find the primary by address, answer
   * whether it is S_DOWN (never during TILT) and vote if a run id was given.
   */
  SentinelEngine.IsDownAnswer answerAsk(String ip, int port, long reqEpoch, String runid) {
    Primary found = null;
    // A peer announcing host names asks by name (sentinelAddrOrHostnameEqual resolves it).
    String host = core.instanceHost(ip);
    for (Primary p : core.primaries.values()) {
      if (p.port == port && p.host.equals(host)) {
        found = p;
        break;
      }
    }
    boolean down = !core.tilt.tilt && found != null && found.sDown;
    String leader = null;
    long leaderEpoch = 0;
    if (found != null && !"*".equals(runid)) {
      Vote vote = voteLeader(found, reqEpoch, runid, runid);
      leader = vote.leader();
      leaderEpoch = vote.leaderEpoch();
    }
    return new SentinelEngine.IsDownAnswer(down, leader == null ? "*" : leader, leaderEpoch);
  }

  /**
   * {@code sentinelAskPrimaryStateToOtherSentinels}: while the primary is S_DOWN, ask every
   * connected peer (forced right after starting a failover). Vigil does not re-ask a peer whose
   * previous question is still unanswered and younger than ask-period: Sentinel re-asks at every
   * tick, which in an event-driven engine would mean at every message.
   */
  void askPeers(Primary p, boolean forced) {
    long askPeriod = core.timing.askPeriodMs();
    for (PeerSentinel s : p.sentinels.values()) {
      long elapsed = core.now - s.lastMasterDownReplyTime;
      if (elapsed > 5 * askPeriod) {
        s.masterDown = false;
        s.leader = null;
      }
      if (!p.sDown) {
        continue;
      }
      if (s.link == null || !s.link.commandReady()) {
        continue;
      }
      if (!forced && elapsed < askIntervalMs(p, s)) {
        continue;
      }
      if (!forced
          && s.askPendingSince != EngineCore.NEVER
          && core.now - s.askPendingSince < askPeriod) {
        continue;
      }
      if (s.link.pendingCommands >= EngineCore.MAX_PENDING_COMMANDS * s.link.refcount) {
        continue;
      }
      boolean candidate = p.failoverState != FailoverState.NONE;
      String runid = candidate ? core.myid : "*";
      long epoch = candidate ? p.failoverEpoch : core.currentEpoch;
      s.askPendingSince = core.now;
      Link link = s.link;
      core.request(
          PendingRequest.Kind.ASK,
          s,
          link,
          id -> new Outbound.AskMasterDown(link.endpoint, id, p.host, p.port, epoch, runid));
    }
  }

  /** How long after a peer's last answer it is asked again (the pacing decides). */
  long askIntervalMs(Primary p, PeerSentinel s) {
    return core.pacing.askIntervalMs(p, s, core.timing.askPeriodMs());
  }

  /**
   * When {@link #askPeers} next has a question due for {@code p} (for {@code poll}'s deadline), or
   * Long.MAX_VALUE. A question still pending is repeated only after ask-period.
   */
  long nextAskDeadline(Primary p) {
    if (!p.sDown || core.tilt.tilt) {
      return Long.MAX_VALUE; // nothing to ask, or the timer does not ask during TILT
    }
    long next = Long.MAX_VALUE;
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.link == null
          || !s.link.commandReady()
          || s.link.pendingCommands >= EngineCore.MAX_PENDING_COMMANDS * s.link.refcount) {
        continue; // askPeers would skip it too; a link event or the heartbeat wakes us
      }
      long due = s.lastMasterDownReplyTime + askIntervalMs(p, s);
      if (s.askPendingSince != EngineCore.NEVER) {
        due = Math.max(due, s.askPendingSince + core.timing.askPeriodMs());
      }
      next = Math.min(next, due);
    }
    return next;
  }

  /** {@code sentinelReceiveIsPrimaryDownReply}. */
  void onAskReply(PeerSentinel s, Inbound.AskReply reply) {
    s.askPendingSince = EngineCore.NEVER;
    Primary p = s.primary();
    if (p.sentinels.get(s.runid) != s) {
      return; // forgotten meanwhile
    }
    s.lastMasterDownReplyTime = core.now;
    s.masterDown = reply.down() == 1;
    if (!"*".equals(reply.leader())) {
      boolean changed = !reply.leader().equals(s.leader) || reply.leaderEpoch() != s.leaderEpoch;
      s.leader = reply.leader();
      s.leaderEpoch = reply.leaderEpoch();
      if (changed) {
        core.electionLog.add(
            new VoteRecord(
                p.name,
                reply.leaderEpoch(),
                p.failoverState != FailoverState.NONE ? core.myid : null,
                s.runid,
                reply.leader(),
                true,
                core.now));
      }
    }
  }

  /** The outcome of {@link #getLeader}: the winner (or null) and the tally. */
  record Outcome(String winner, long winnerVotes, Map<String, Long> tally, int voters) {}

  /** {@code sentinelGetLeader}. */
  Outcome getLeader(Primary p, long epoch) {
    Map<String, Long> counters = new LinkedHashMap<>();
    int voters = p.sentinels.size() + 1;
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.leader != null && s.leaderEpoch == epoch) {
        counters.merge(s.leader, 1L, Long::sum);
      }
    }
    String winner = null;
    long maxVotes = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      if (e.getValue() > maxVotes) {
        maxVotes = e.getValue();
        winner = e.getKey();
      }
    }
    Vote my = voteLeader(p, epoch, winner != null ? winner : core.myid, core.myid);
    if (my.leader() != null && my.leaderEpoch() == epoch) {
      long votes = counters.merge(my.leader(), 1L, Long::sum);
      if (votes > maxVotes) {
        maxVotes = votes;
        winner = my.leader();
      }
    }
    int majority = voters / 2 + 1;
    boolean ignoreMajority = core.mutated(EngineMutation.LEADER_IGNORES_MAJORITY);
    if (winner != null && ((!ignoreMajority && maxVotes < majority) || maxVotes < p.quorum)) {
      winner = null;
    }
    return new Outcome(winner, maxVotes, Map.copyOf(counters), voters);
  }
}
