package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the command formatter and the management plane read. */
class SnapshotTest {
  @Test
  void healthyPicture() {
    EngineHarness h = FailoverStateMachineTest.healthy();
    EngineSnapshot s = h.engine.snapshot();
    assertEquals(EngineHarness.MYID, s.myid());
    EngineSnapshot.MasterSnapshot m = s.master("mymaster");
    assertEquals("master", m.flags());
    assertEquals(2, m.numSlaves());
    assertEquals(2, m.numOtherSentinels());
    assertEquals("master", m.roleReported());
    assertEquals(0, s.msSince(m.infoRefreshMs()));
    // replicas in promotion order with their rank
    assertEquals("10.0.0.3:6381", m.replicas().get(0).name());
    assertEquals(0, m.replicas().get(0).rank());
    assertEquals(1, m.replicas().get(1).rank());
    assertNull(m.replicas().get(0).exclusionReason());
    assertTrue(m.replicas().get(0).info().contains("role:slave"));
    assertEquals("slave", m.replicas().get(0).flags());
    EngineSnapshot.SentinelSnapshot peer = m.sentinels().get(0);
    assertEquals("sentinel", peer.flags());
    assertNull(peer.votedLeader());
    assertEquals(EngineSnapshot.NEVER, m.sDownSinceMs());
    assertEquals(0, s.msSince(EngineSnapshot.NEVER));
  }

  @Test
  void flagsFollowSentinelsWireOrderDuringAFailover() {
    EngineHarness h = FailoverStateMachineTest.healthy();
    FailoverStateMachineTest.hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100);
    FailoverStateMachineTest.serviceReplicas(h);
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    EngineSnapshot s = h.engine.snapshot();
    EngineSnapshot.MasterSnapshot m = s.master("mymaster");
    assertEquals("s_down,o_down,master,failover_in_progress", m.flags());
    assertEquals(FailoverState.WAIT_PROMOTION, m.failoverState());
    assertEquals("wait_promotion", m.failoverState().wireName());
    assertEquals("10.0.0.3:6381", m.promotedReplica());
    assertEquals(1, m.failoverEpoch());
    assertEquals(EngineHarness.MYID, m.leader());
    assertEquals(1, m.leaderEpoch());
    EngineSnapshot.ReplicaSnapshot promoted =
        m.replicas().stream().filter(r -> r.port() == 6381).findFirst().orElseThrow();
    assertEquals("slave,promoted", promoted.flags());
    EngineSnapshot.SentinelSnapshot peer =
        m.sentinels().stream().filter(x -> x.port() == 26380).findFirst().orElseThrow();
    assertEquals("sentinel,master_down", peer.flags());
    assertEquals(EngineHarness.MYID, peer.votedLeader());
    // the election record: my vote and the peer's, in epoch 1
    EngineSnapshot.ElectionSnapshot e = m.election();
    assertEquals(EngineHarness.MYID, e.lastWinner());
    assertEquals(2L, e.tally().get(EngineHarness.MYID));
    assertTrue(
        e.votes().stream().anyMatch(v -> v.voter().equals(EngineHarness.PEER1) && v.epoch() == 1));
    assertTrue(
        e.votes().stream().anyMatch(v -> v.voter().equals(EngineHarness.MYID) && v.epoch() == 1));
  }
}
