package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After the promotion: parallel-syncs, the end of the failover by timeout, and converting a stray
 * primary (Vigil's fast rule and Sentinel's timing).
 */
class ReconfigurationTest {
  static final Endpoint R1 = FailoverStateMachineTest.R1;
  static final Endpoint R2 = FailoverStateMachineTest.R2;
  static final Endpoint R3 = Endpoint.data("10.0.0.4", 6382);

  /** A healthy harness with three replicas (R2 is the best) and two peers. */
  private static EngineHarness threeReplicas() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.pong(EngineHarness.PRIMARY);
    h.info(
        EngineHarness.PRIMARY,
        EngineHarness.primaryInfo(
            EngineHarness.runid('1'),
            "ip=10.0.0.2,port=6380,state=online,offset=100,lag=0",
            "ip=10.0.0.3,port=6381,state=online,offset=200,lag=0",
            "ip=10.0.0.4,port=6382,state=online,offset=50,lag=0"));
    h.connect(R1);
    h.connect(R2);
    h.connect(R3);
    service(h);
    h.addPeers();
    return h;
  }

  private static void service(EngineHarness h) {
    FailoverStateMachineTest.serviceReplicas(h);
    h.pong(R3);
    h.info(
        R3, EngineHarness.replicaInfo(EngineHarness.runid('4'), "10.0.0.1", 6379, true, 50, 100));
  }

  /** Runs the failover up to the promotion of R2. */
  private static void promote(EngineHarness h) {
    for (int i = 0; i < 80 && h.count("+sdown") == 0; i++) {
      h.advance(100);
      service(h);
    }
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    h.advance(100);
    service(h);
    h.askReply(EngineHarness.peer(26380), true, EngineHarness.MYID, 1);
    h.ackWrites(R2);
    h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
    assertEquals(1, h.count("+promoted-slave"));
  }

  @Test
  void parallelSyncsLimitsConcurrentReconfigurations() {
    EngineHarness h = threeReplicas();
    promote(h);
    assertEquals(1, h.count("+slave-reconf-sent"), "parallel-syncs 1: one at a time");
    Endpoint first = h.sent(Outbound.ReplicaOf.class, R1).isEmpty() ? R3 : R1;
    Endpoint second = first.equals(R1) ? R3 : R1;
    assertTrue(h.sent(Outbound.ReplicaOf.class, second).isEmpty());
    h.ackWrites(first);
    h.info(first, EngineHarness.replicaInfo("x".repeat(40), "10.0.0.3", 6381, true, 1, 100));
    assertEquals(1, h.count("+slave-reconf-done"));
    assertEquals(2, h.count("+slave-reconf-sent"), "the next one starts when the first is done");
    assertEquals("10.0.0.3", h.last(Outbound.ReplicaOf.class, second).host());
  }

  @Test
  void failoverEndsForTimeoutWithBestEffortReconfiguration() {
    EngineHarness h = threeReplicas();
    promote(h);
    // the reconfigured replicas never report the new primary; keep them alive
    for (int i = 0; i < 620 && h.count("+failover-end") == 0; i++) {
      h.advance(100);
      h.acceptConnects(); // links idle on pub/sub are recycled; the network accepts them again
      h.pong(R1);
      h.pong(R2);
      h.pong(R3);
      h.pong(EngineHarness.peer(26380));
      h.pong(EngineHarness.peer(26381));
    }
    assertEquals(1, h.count("+failover-end-for-timeout"));
    assertEquals(1, h.count("+failover-end"));
    assertEquals(1, h.count("+switch-master"));
    assertEquals(
        1,
        h.count("-slave-reconf-sent-timeout") + h.count("+slave-reconf-sent-be"),
        h.eventTexts().toString());
  }

  @Test
  void crashAfterPromotionHappensAfterTheConfigEpochIsSaved() {
    EngineHarness h = threeReplicas();
    h.engine.simulateFailure(List.of("crash-after-promotion"));
    try {
      promote(h);
      throw new AssertionError("expected a simulated crash");
    } catch (SimulatedCrash expected) {
      assertEquals(1, h.saves.get(h.saves.size() - 1).masters().get(0).configEpoch());
      assertEquals(0, h.count("+failover-state-reconf-slaves"));
    }
  }

  /** After a switch to R2 by a hello, the old primary comes back claiming to be a primary. */
  private static EngineHarness switchedByPeer(boolean fast) {
    EngineHarness h = new EngineHarness(EngineHarness.master(2, 5_000), fast);
    h.start();
    h.addPeers();
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER1, 26380, 1, "10.0.0.3", 6381, 1));
    assertEquals(1, h.count("+switch-master"));
    h.connect(R2);
    h.connect(EngineHarness.PRIMARY);
    h.pong(R2);
    h.pong(EngineHarness.PRIMARY);
    h.info(
        R2,
        EngineHarness.primaryInfo(
            EngineHarness.runid('3'), "ip=10.0.0.2,port=6380,state=online,offset=1,lag=0"));
    return h;
  }

  private static String masterInfo(String replId) {
    return "# Server\r\nrun_id:"
        + EngineHarness.runid('9')
        + "\r\n\r\n# Replication\r\n"
        + "role:master\r\nconnected_slaves:0\r\nmaster_replid:"
        + replId
        + "\r\n";
  }

  private static void helloFromBothPeers(EngineHarness h) {
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER1, 26380, 1, "10.0.0.3", 6381, 1));
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER2, 26381, 1, "10.0.0.3", 6381, 1));
  }

  @Test
  void fastRuleWaitsForTheSettleTimeAndAHelloFromEveryConnectedPeer() {
    EngineHarness h = switchedByPeer(true);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    assertEquals(1, h.count("-role-change"));
    helloFromBothPeers(h); // too early: within the settle time
    h.advance(600);
    h.pong(EngineHarness.PRIMARY);
    h.pong(R2);
    h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER2, 26381, 1, "10.0.0.3", 6381, 1));
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    assertEquals(0, h.count("+convert-to-slave"), "PEER1 has not confirmed since the settle time");
    h.engine.processHello(EngineHarness.hello(EngineHarness.PEER1, 26380, 1, "10.0.0.3", 6381, 1));
    h.advance(300);
    h.pong(EngineHarness.PRIMARY);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    assertEquals(
        List.of("+convert-to-slave slave 10.0.0.1:6379 10.0.0.1 6379 @ mymaster 10.0.0.3 6381"),
        h.eventTexts(e -> e.type().equals("+convert-to-slave")));
    Outbound.ReplicaOf r = h.last(Outbound.ReplicaOf.class, EngineHarness.PRIMARY);
    assertEquals("10.0.0.3", r.host());
    assertEquals(6381, r.port());
  }

  @Test
  void fastRuleForcesOurHellosOnceAfterTheSettleTime() {
    EngineHarness h = switchedByPeer(true);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    int before = h.sent(Outbound.PublishHello.class, EngineHarness.peer(26380)).size();
    h.advance(300);
    h.pong(EngineHarness.PRIMARY);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    assertEquals(
        before,
        h.sent(Outbound.PublishHello.class, EngineHarness.peer(26380)).size(),
        "not before settle time + 150 ms");
    h.advance(400);
    h.pong(EngineHarness.PRIMARY);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    int forced = h.sent(Outbound.PublishHello.class, EngineHarness.peer(26380)).size();
    assertEquals(before + 1, forced, "our hellos go out at once, so peers can confirm sooner");
    h.ackWrites(EngineHarness.peer(26380));
    h.advance(100);
    h.pong(EngineHarness.PRIMARY);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    assertEquals(
        forced,
        h.sent(Outbound.PublishHello.class, EngineHarness.peer(26380)).size(),
        "once per mastership");
  }

  @Test
  void aNewReplicationIdRestartsTheSettleTime() {
    EngineHarness h = switchedByPeer(true);
    h.info(EngineHarness.PRIMARY, masterInfo("1".repeat(40)));
    h.advance(600);
    h.pong(EngineHarness.PRIMARY);
    h.pong(R2);
    h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
    helloFromBothPeers(h);
    // the node was re-promoted meanwhile by a failover we have not heard of: new history
    h.info(EngineHarness.PRIMARY, masterInfo("2".repeat(40)));
    assertEquals(0, h.count("+convert-to-slave"));
  }

  @Test
  void fastRuleNeedsAFailoverEpoch() {
    EngineHarness h = new EngineHarness(EngineHarness.master(2, 5_000), true);
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.info(
        EngineHarness.PRIMARY,
        EngineHarness.primaryInfo(
            EngineHarness.runid('1'), "ip=10.0.0.3,port=6381,state=online,offset=1,lag=0"));
    h.connect(R2);
    h.info(R2, masterInfo("1".repeat(40)));
    h.advance(1_000);
    h.pong(EngineHarness.PRIMARY);
    h.pong(R2);
    h.info(EngineHarness.PRIMARY, EngineHarness.primaryInfo(EngineHarness.runid('1')));
    h.info(R2, masterInfo("1".repeat(40)));
    assertEquals(0, h.count("+convert-to-slave"), "config epoch 0: Sentinel's 8 s apply");
  }

  @Test
  void sentinelRuleWaitsFourPublishPeriods() {
    EngineHarness h = switchedByPeer(false);
    h.info(EngineHarness.PRIMARY, EngineHarness.primaryInfo(EngineHarness.runid('9')));
    long start = h.clock.monotonicMs();
    while (h.count("+convert-to-slave") == 0 && h.clock.monotonicMs() < start + 20_000) {
      h.advance(100);
      h.pong(EngineHarness.PRIMARY);
      h.pong(R2);
      h.engine.processHello(
          EngineHarness.hello(EngineHarness.PEER2, 26381, 1, "10.0.0.3", 6381, 1));
      h.info(R2, EngineHarness.primaryInfo(EngineHarness.runid('3')));
      h.info(EngineHarness.PRIMARY, EngineHarness.primaryInfo(EngineHarness.runid('9')));
    }
    long took = h.clock.monotonicMs() - start;
    assertTrue(took > 8_000, "took " + took);
    assertEquals(1, h.count("+convert-to-slave"));
  }
}
