package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.HostPort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover states driven by hand, one message at a time, with exact event texts. */
class FailoverStateMachineTest {
  static final Endpoint R1 = Endpoint.data("10.0.0.2", 6380);
  static final Endpoint R2 = Endpoint.data("10.0.0.3", 6381);
  static final String AT = "master mymaster 10.0.0.1 6379";
  static final String R2_AT = "slave 10.0.0.3:6381 10.0.0.3 6381 @ mymaster 10.0.0.1 6379";
  static final String R1_AT = "slave 10.0.0.2:6380 10.0.0.2 6380 @ mymaster 10.0.0.1 6379";

  /** A started engine that knows the primary, two replicas and two peers, all healthy. */
  static EngineHarness healthy() {
    return healthy(true);
  }

  static EngineHarness healthy(boolean fast) {
    return healthy(new EngineHarness(EngineHarness.master(2, 5_000), fast));
  }

  /** {@link #healthy()} with another run id of our own (the peers are b... and c...). */
  static EngineHarness healthyAs(String myid) {
    return healthy(
        new EngineHarness(
            new dev.vigil.engine.state.SentinelState(
                myid,
                0,
                dev.vigil.engine.state.GlobalOptions.DEFAULTS,
                List.of(EngineHarness.master(2, 5_000))),
            true));
  }

  static EngineHarness healthy(EngineHarness h) {
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.pong(EngineHarness.PRIMARY);
    h.info(
        EngineHarness.PRIMARY,
        EngineHarness.primaryInfo(
            EngineHarness.runid('1'),
            "ip=10.0.0.2,port=6380,state=online,offset=100,lag=0",
            "ip=10.0.0.3,port=6381,state=online,offset=200,lag=0"));
    h.connect(R1);
    h.connect(R2);
    serviceReplicas(h);
    h.addPeers();
    return h;
  }

  static void serviceReplicas(EngineHarness h) {
    h.pong(R1);
    h.pong(R2);
    h.info(
        R1, EngineHarness.replicaInfo(EngineHarness.runid('2'), "10.0.0.1", 6379, true, 100, 100));
    h.info(
        R2, EngineHarness.replicaInfo(EngineHarness.runid('3'), "10.0.0.1", 6379, true, 200, 100));
    h.pong(EngineHarness.peer(26380));
    h.pong(EngineHarness.peer(26381));
  }

  /** Lets the primary hang until it is S_DOWN, keeping everything else answered. */
  static void hangPrimaryUntilSdown(EngineHarness h) {
    for (int i = 0; i < 80 && h.count("+sdown") == 0; i++) {
      h.advance(100);
      serviceReplicas(h);
    }
    assertEquals(1, h.count("+sdown"));
  }

  /** Drives {@link #healthy()} through an own failover of epoch 1 up to RECONF_SLAVES (R2). */
  static EngineHarness ownFailoverInReconfSlaves() {
    EngineHarness h = healthy();
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100); // the start jitter
    serviceReplicas(h);
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    h.ackWrites(R2);
    h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
    assertEquals(
        FailoverState.RECONF_SLAVES, h.engine.snapshot().master("mymaster").failoverState());
    return h;
  }

  @Test
  void aNewerConfigNamingOurPromotedReplicaEndsOurFailoverAtThatReplica() {
    // Another sentinel promoted the same replica in a newer epoch. Our stale epoch-1 failover
    // ends, and the newer config-epoch must pair with the promoted address, never with the old
    // primary's (the merged hello fixes once reset to the recorded address here: two addresses
    // for config-epoch 2 across the sentinels).
    EngineHarness h = ownFailoverInReconfSlaves();
    // fast mode told clients at the promotion already
    assertEquals(
        List.of("+switch-master mymaster 10.0.0.1 6379 10.0.0.3 6381"),
        h.eventTexts(e -> e.type().equals("+switch-master")));
    h.events.clear();
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER1, 26380, 2, "10.0.0.3", 6381, 2));
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertFalse(m.failoverInProgress(), h.eventTexts().toString());
    assertEquals("10.0.0.3", m.ip());
    assertEquals(2, m.configEpoch());
    assertEquals(new HostPort("10.0.0.3", 6381), h.engine.masterAddress("mymaster"));
    // the same address is not announced twice
    assertEquals(0, h.count("+switch-master"), h.eventTexts().toString());
  }

  @Test
  void aNewerConfigNamingTheOldPrimaryEndsOurFailoverThere() {
    EngineHarness h = ownFailoverInReconfSlaves();
    // the old primary answers again (else, still hung, it would be S_DOWN again at once and this
    // sentinel would start the next failover right after the newer configuration ends ours)
    h.pong(EngineHarness.PRIMARY);
    h.events.clear();
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER1, 26380, 2, "10.0.0.1", 6379, 2));
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertFalse(m.failoverInProgress());
    assertEquals("10.0.0.1", m.ip());
    assertEquals(2, m.configEpoch());
    assertEquals(new HostPort("10.0.0.1", 6379), h.engine.masterAddress("mymaster"));
    // clients were told 10.0.0.3 at the promotion: they are told to switch back
    assertEquals(
        List.of("+switch-master mymaster 10.0.0.3 6381 10.0.0.1 6379"),
        h.eventTexts(e -> e.type().equals("+switch-master")));
  }

  @Test
  void firstInRunIdOrderAmongTheDownSayersStartsAtOnce() {
    EngineHarness h = healthy(); // aaaa... sorts before both peers
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(5); // only the 0-4 ms tie jitter
    assertEquals(1, h.count("+try-failover"), h.eventTexts().toString());
  }

  @Test
  void aSidecarAfterADownSayerInRunIdOrderDefersAndVotesForIt() {
    EngineHarness h = healthyAs("d".repeat(40)); // after bbbb... (peer 26380)
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    assertEquals(1, h.count("+odown"));
    h.advance(100);
    assertEquals(0, h.count("+try-failover"), "waits 150 ms for the earlier sidecar");
    // the earlier sidecar starts and asks for our vote meanwhile
    h.engine.isMasterDownByAddr("10.0.0.1", 6379, 1, EngineHarness.PEER1);
    assertEquals(1, h.count("+vote-for-leader"));
    h.advance(1_000);
    assertEquals(0, h.count("+try-failover"), "voted for it: backs off as Sentinel does");
  }

  @Test
  void aDeferringSidecarStartsItselfWhenNoRequestComes() {
    EngineHarness h = healthyAs("d".repeat(40));
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100);
    assertEquals(0, h.count("+try-failover"));
    h.advance(60);
    assertEquals(1, h.count("+try-failover"), "after 150 ms (+0-4) it starts itself");
  }

  @Test
  void aPeerThatSaidNotDownIsAskedAgainSoonInFastModeOnly() {
    for (boolean fast : new boolean[] {true, false}) {
      EngineHarness h = healthy(fast);
      hangPrimaryUntilSdown(h);
      h.askReply(EngineHarness.peer(26380), false, "*", 0);
      int asked = h.sent(Outbound.AskMasterDown.class, EngineHarness.peer(26380)).size();
      long until = h.clock.monotonicMs() + 101;
      long deadline = h.engine.poll(h.clock.monotonicMs());
      while (deadline <= until) { // wake exactly when the engine asks to
        h.clock.advanceTo(deadline);
        deadline = h.engine.poll(h.clock.monotonicMs());
      }
      int again = h.sent(Outbound.AskMasterDown.class, EngineHarness.peer(26380)).size();
      // fast: down-after/50 = 100 ms, at the engine's own deadline; Sentinel: after ask-period
      assertEquals(fast ? asked + 1 : asked, again, "fast=" + fast);
    }
  }

  @Test
  void resetDuringReconfigurationTellsClientsTheAddressItNowAnswers() {
    EngineHarness h = ownFailoverInReconfSlaves();
    h.events.clear();
    assertEquals(1, h.engine.reset("mymaster"));
    assertEquals(new HostPort("10.0.0.1", 6379), h.engine.masterAddress("mymaster"));
    assertEquals(
        List.of("+switch-master mymaster 10.0.0.3 6381 10.0.0.1 6379"),
        h.eventTexts(e -> e.type().equals("+switch-master")));
  }

  @Test
  void sentinelModeSwitchesOnlyAtTheFailoverEnd() {
    EngineHarness h = healthy(false);
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100); // the start jitter
    serviceReplicas(h);
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    h.ackWrites(R2);
    h.events.clear();
    // Sentinel's pace: the promotion shows at the next INFO (1 s period during a failover)
    for (int i = 0; i < 30 && h.count("+promoted-slave") == 0; i++) {
      h.advance(100);
      h.pong(R1);
      h.pong(R2);
      h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
    }
    assertTrue(h.eventTexts().contains("+promoted-slave " + R2_AT), h.eventTexts().toString());
    assertEquals(0, h.count("+switch-master"), h.eventTexts().toString());
    h.events.clear();
    h.ackWrites(R1);
    for (int i = 0; i < 30 && h.count("+failover-end") == 0; i++) {
      h.advance(100);
      h.pong(R1);
      h.pong(R2);
      h.info(
          R1,
          EngineHarness.replicaInfo(EngineHarness.runid('2'), "10.0.0.3", 6381, true, 100, 100));
    }
    List<String> texts = h.eventTexts();
    int end = texts.indexOf("+failover-end " + AT);
    int sw = texts.indexOf("+switch-master mymaster 10.0.0.1 6379 10.0.0.3 6381");
    assertTrue(end >= 0 && sw > end, texts.toString());
  }

  @Test
  void fullFailoverEmitsSentinelsEventsInOrder() {
    EngineHarness h = healthy();
    hangPrimaryUntilSdown(h);
    // the moment it is S_DOWN, the peers are asked (not a vote request yet)
    Outbound.AskMasterDown ask = h.last(Outbound.AskMasterDown.class, EngineHarness.peer(26380));
    assertEquals("*", ask.runid());
    assertEquals("10.0.0.1", ask.ip());
    h.events.clear();

    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    assertEquals(List.of("+odown " + AT + " #quorum 2/2"), h.eventTexts());
    h.advance(100); // the start jitter
    serviceReplicas(h);
    assertEquals(
        List.of(
            "+odown " + AT + " #quorum 2/2",
            "+new-epoch 1",
            "+try-failover " + AT,
            "+vote-for-leader " + EngineHarness.MYID + " 1"),
        h.eventTexts());
    Outbound.AskMasterDown voteRequest =
        h.last(Outbound.AskMasterDown.class, EngineHarness.peer(26380));
    assertEquals(EngineHarness.MYID, voteRequest.runid());
    assertEquals(1, voteRequest.epoch());

    h.events.clear();
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    assertEquals(
        List.of(
            "+elected-leader " + AT,
            "+failover-state-select-slave " + AT,
            "+selected-slave " + R2_AT,
            "+failover-state-send-slaveof-noone " + R2_AT,
            "+failover-state-wait-promotion " + R2_AT),
        h.eventTexts());
    Outbound.ReplicaOf noOne = h.last(Outbound.ReplicaOf.class, R2);
    assertTrue(noOne.noOne());
    assertEquals(
        FailoverState.WAIT_PROMOTION, h.engine.snapshot().master("mymaster").failoverState());

    // the transaction is written; fast mode looks at INFO right away
    int infosBefore = h.sent(Outbound.Info.class, R2).size();
    h.ackWrites(R2);
    assertEquals(infosBefore + 1, h.sent(Outbound.Info.class, R2).size());
    h.events.clear();
    int savesBefore = h.saves.size();
    h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
    assertEquals(
        List.of(
            "-role-change " + R2_AT + " new reported role is master",
            "+promoted-slave " + R2_AT,
            "+failover-state-reconf-slaves " + AT,
            // fast mode: clients hear of the new primary as soon as its promotion is saved
            "+switch-master mymaster 10.0.0.1 6379 10.0.0.3 6381",
            "+slave-reconf-sent " + R1_AT),
        h.eventTexts());
    // the config epoch was saved when the promotion was seen
    assertEquals(1, h.saves.get(savesBefore).masters().get(0).configEpoch());
    Outbound.ReplicaOf reconf = h.last(Outbound.ReplicaOf.class, R1);
    assertEquals("10.0.0.3", reconf.host());
    assertEquals(6381, reconf.port());
    // GET-MASTER-ADDR already answers the promoted replica; MASTER still shows the old address
    assertEquals(new HostPort("10.0.0.3", 6381), h.engine.masterAddress("mymaster"));
    assertEquals("10.0.0.1", h.engine.snapshot().master("mymaster").ip());
    // hellos go out at once with the new address and config epoch 1
    Outbound.PublishHello hello = h.last(Outbound.PublishHello.class, EngineHarness.peer(26381));
    assertTrue(hello.payload().endsWith(",mymaster,10.0.0.3,6381,1"), hello.payload());

    h.events.clear();
    h.ackWrites(R1);
    h.info(
        R1, EngineHarness.replicaInfo(EngineHarness.runid('2'), "10.0.0.3", 6381, true, 100, 100));
    assertEquals(
        List.of(
            "+slave-reconf-inprog " + R1_AT,
            "+slave-reconf-done " + R1_AT,
            "+failover-end " + AT,
            // the address switch at the end is not announced a second time
            "+slave slave 10.0.0.2:6380 10.0.0.2 6380 @ mymaster 10.0.0.3 6381",
            "+slave slave 10.0.0.1:6379 10.0.0.1 6379 @ mymaster 10.0.0.3 6381"),
        h.eventTexts(e -> !e.type().equals("+sdown")));
    // The hung old primary, now watched as a replica over the same open connection, keeps its
    // unanswered PING: it may already show S_DOWN if a further INFO reply ran another step (fast
    // mode polls the reconfigured replica's INFO more often), and nothing else may be S_DOWN.
    for (String sdown : h.eventTexts(e -> e.type().equals("+sdown"))) {
      assertEquals("+sdown slave 10.0.0.1:6379 10.0.0.1 6379 @ mymaster 10.0.0.3 6381", sdown);
    }
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertEquals("10.0.0.3", m.ip());
    assertFalse(m.failoverInProgress());
    assertEquals("master", m.flags());
    assertEquals(1, m.configEpoch());
    assertEquals("10.0.0.3", h.engine.state().masters().get(0).host());
    assertEquals(1, h.engine.state().masters().get(0).leaderEpoch());
    FailoverRecord record = m.lastFailover();
    assertEquals("10.0.0.1:6379", record.from());
    assertEquals("10.0.0.3:6381", record.to());
    assertEquals(
        record.durationMs(),
        record.detectMs() + record.electMs() + record.promoteMs() + record.reconfigureMs());
  }

  @Test
  void notElectedAbortsAfterTheElectionTimeout() {
    EngineHarness h = healthy();
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100);
    serviceReplicas(h);
    // both peers voted for someone else in this epoch
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.PEER2, 1);
    h.askReply(EngineHarness.peer(26381), true, EngineHarness.PEER2, 1);
    assertEquals(0, h.count("+elected-leader"));
    for (int i = 0; i < 120; i++) {
      h.advance(100);
      serviceReplicas(h);
    }
    assertEquals(1, h.count("-failover-abort-not-elected"));
    assertFalse(h.engine.snapshot().master("mymaster").failoverInProgress());
  }

  @Test
  void noGoodReplicaAbortsTheFailover() {
    EngineHarness h = healthy();
    // both replicas announce priority 0: never promoted
    h.advance(10_100);
    h.info(R1, EngineHarness.replicaInfo(EngineHarness.runid('2'), "10.0.0.1", 6379, true, 100, 0));
    h.info(R2, EngineHarness.replicaInfo(EngineHarness.runid('3'), "10.0.0.1", 6379, true, 200, 0));
    EngineHarness.PRIMARY.hashCode();
    for (int i = 0; i < 80 && h.count("+sdown") == 0; i++) {
      h.advance(100);
      h.pong(R1);
      h.pong(R2);
      h.pong(EngineHarness.peer(26380));
      h.pong(EngineHarness.peer(26381));
    }
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100);
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    assertEquals(1, h.count("+elected-leader"));
    assertEquals(1, h.count("-failover-abort-no-good-slave"));
    assertNull(h.engine.snapshot().master("mymaster").promotedReplica());
  }

  @Test
  void promotionThatNeverShowsAbortsAfterFailoverTimeout() {
    EngineHarness h = healthy();
    hangPrimaryUntilSdown(h);
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100);
    serviceReplicas(h);
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    assertEquals(1, h.count("+failover-state-wait-promotion"));
    // the replica keeps saying it is a replica
    for (int i = 0; i < 610 && h.count("-failover-abort-slave-timeout") == 0; i++) {
      h.advance(100);
      serviceReplicas(h);
    }
    assertEquals(1, h.count("-failover-abort-slave-timeout"));
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertFalse(m.failoverInProgress());
    assertEquals(FailoverState.NONE, m.failoverState());
    assertEquals(0, m.configEpoch());
  }

  @Test
  void manualFailoverNeedsNoQuorumAndReportsErrors() {
    EngineHarness h = healthy();
    assertEquals("ERR No such master with that name", h.engine.failover("nope"));
    assertNull(h.engine.failover("mymaster"));
    assertEquals("INPROG Failover already in progress", h.engine.failover("mymaster"));
    assertEquals(1, h.count("+elected-leader"));
    assertTrue(h.last(Outbound.ReplicaOf.class, R2).noOne());
    assertTrue(h.engine.snapshot().master("mymaster").flags().contains("force_failover"));
  }

  @Test
  void manualFailoverWithoutReplicasIsRefused() {
    EngineHarness h = new EngineHarness();
    h.start();
    assertEquals("NOGOODSLAVE No suitable replica to promote", h.engine.failover("mymaster"));
  }

  @Test
  void crashAfterElectionIsThrownWhenAsked() {
    EngineHarness h = healthy();
    assertNull(h.engine.simulateFailure(List.of("crash-after-election")));
    try {
      h.engine.failover("mymaster");
      throw new AssertionError("expected a simulated crash");
    } catch (SimulatedCrash expected) {
      assertEquals(1, h.count("+elected-leader"));
      assertEquals(0, h.count("+selected-slave"));
    }
  }
}
