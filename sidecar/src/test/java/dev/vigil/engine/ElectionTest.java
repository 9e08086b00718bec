package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.SentinelState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Votes as Sentinel grants them, persisted before the answer; the leader rule; the mutations. */
class ElectionTest {
  static final String X = "d".repeat(40);
  static final String Y = "e".repeat(40);

  @Test
  void oneVotePerEpochFirstComeFirstServed() {
    EngineHarness h = new EngineHarness();
    h.start();
    SentinelEngine.IsDownAnswer first = h.engine.isMasterDownByAddr("10.0.0.1", 6379, 3, X);
    assertEquals(new SentinelEngine.IsDownAnswer(false, X, 3), first);
    SentinelEngine.IsDownAnswer second = h.engine.isMasterDownByAddr("10.0.0.1", 6379, 3, Y);
    assertEquals(new SentinelEngine.IsDownAnswer(false, X, 3), second, "same epoch: old vote");
    SentinelEngine.IsDownAnswer third = h.engine.isMasterDownByAddr("10.0.0.1", 6379, 4, Y);
    assertEquals(new SentinelEngine.IsDownAnswer(false, Y, 4), third, "new epoch: new vote");
    assertEquals(
        List.of(
            "+new-epoch 3",
            "+vote-for-leader " + X + " 3",
            "+new-epoch 4",
            "+vote-for-leader " + Y + " 4"),
        h.eventTexts(e -> e.type().contains("epoch") || e.type().contains("vote")));
  }

  @Test
  void theVoteIsSavedBeforeItIsAnnouncedOrAnswered() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.journal.clear();
    h.saves.clear();
    h.engine.isMasterDownByAddr("10.0.0.1", 6379, 5, X);
    int voteEvent = h.journal.indexOf("event +vote-for-leader " + X + " 5");
    int lastSaveBefore = h.journal.subList(0, voteEvent).lastIndexOf("save");
    assertTrue(lastSaveBefore >= 0, h.journal.toString());
    SentinelState saved = h.saves.get(h.saves.size() - 1);
    assertEquals(5, saved.currentEpoch());
    assertEquals(5, saved.masters().get(0).leaderEpoch());
  }

  @Test
  void olderEpochsAndUnknownAddressesGetNoVote() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.engine.isMasterDownByAddr("10.0.0.1", 6379, 5, X);
    assertEquals(
        new SentinelEngine.IsDownAnswer(false, X, 5),
        h.engine.isMasterDownByAddr("10.0.0.1", 6379, 4, Y));
    assertEquals(
        new SentinelEngine.IsDownAnswer(false, "*", 0),
        h.engine.isMasterDownByAddr("10.9.9.9", 6379, 9, Y));
    assertEquals(
        new SentinelEngine.IsDownAnswer(false, "*", 0),
        h.engine.isMasterDownByAddr("10.0.0.1", 6379, 9, "*"),
        "a plain question casts no vote");
  }

  @Test
  void aRestartCannotVoteTwiceInTheSameEpoch() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.engine.isMasterDownByAddr("10.0.0.1", 6379, 5, X);
    SentinelState persisted = h.saves.get(h.saves.size() - 1);
    EngineHarness restarted = new EngineHarness(persisted, true);
    restarted.start();
    SentinelEngine.IsDownAnswer again = restarted.engine.isMasterDownByAddr("10.0.0.1", 6379, 5, Y);
    assertFalse(Y.equals(again.leader()), "no second vote in epoch 5: " + again);
  }

  @Test
  void mutationVoteReplyBeforePersistAllowsADoubleVote() {
    EngineHarness h = new EngineHarness();
    h.engine.setMutations(Set.of(EngineMutation.VOTE_REPLY_BEFORE_PERSIST));
    h.start();
    assertEquals(X, h.engine.isMasterDownByAddr("10.0.0.1", 6379, 5, X).leader());
    SentinelState persisted = h.saves.get(h.saves.size() - 1);
    assertEquals(0, persisted.masters().get(0).leaderEpoch());
    EngineHarness restarted = new EngineHarness(persisted, true);
    restarted.start();
    assertEquals(Y, restarted.engine.isMasterDownByAddr("10.0.0.1", 6379, 5, Y).leader());
  }

  @Test
  void answersDownOnlyWhenSubjectivelyDownAndNotInTilt() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.advance(5_200); // no PONG: S_DOWN after 5 s
    assertEquals(1, h.count("+sdown"));
    assertTrue(h.engine.isMasterDownByAddr("10.0.0.1", 6379, 0, "*").down());
    h.clock.jumpWall(-10_000);
    assertFalse(h.engine.isMasterDownByAddr("10.0.0.1", 6379, 0, "*").down(), "TILT");
  }

  /** Leader rule: a majority of all known sentinels and at least quorum. */
  @Test
  void leaderNeedsMajorityAndQuorum() {
    EngineHarness h = new EngineHarness(EngineHarness.master(1, 5_000), true);
    h.start();
    h.addPeers(); // 3 voters: majority 2
    h.engine.failover("mymaster"); // no replica: refused, but exercise the election instead:
    EngineCoreAccess access = new EngineCoreAccess(h);
    Election.Outcome alone = access.leader(1);
    assertEquals(null, alone.winner(), "1 vote of 3 is no majority even with quorum 1");
    assertEquals(1L, alone.winnerVotes());
  }

  @Test
  void mutationLeaderIgnoresMajorityAcceptsQuorumOnly() {
    EngineHarness h = new EngineHarness(EngineHarness.master(1, 5_000), true);
    h.engine.setMutations(Set.of(EngineMutation.LEADER_IGNORES_MAJORITY));
    h.start();
    h.addPeers();
    Election.Outcome alone = new EngineCoreAccess(h).leader(1);
    assertEquals(EngineHarness.MYID, alone.winner());
  }
}
