package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.MasterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SDOWN at the exact deadline, ODOWN by quorum, the role and reboot rules. */
class DownDetectionTest {
  static final String AT = "master mymaster 10.0.0.1 6379";

  @Test
  void sdownExactlyAfterDownAfterWithAPreciseDeadline() {
    // Sentinel's timings (fast mode off): one PING per ping-period.
    EngineHarness h = new EngineHarness(EngineHarness.master(2, 5_000), false);
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.pong(EngineHarness.PRIMARY);
    long lastPong = h.clock.monotonicMs();
    // keep polling exactly at the returned deadlines, never answering
    long deadline = h.engine.poll(h.clock.monotonicMs());
    while (h.count("+sdown") == 0 && h.clock.monotonicMs() < lastPong + 10_000) {
      h.clock.advanceTo(deadline);
      deadline = h.engine.poll(h.clock.monotonicMs());
    }
    Outbound.Ping firstUnanswered = h.sent(Outbound.Ping.class, EngineHarness.PRIMARY).get(1);
    long sentAt = lastPong + 1_001; // next ping: more than ping-period after the last reply
    assertEquals(
        sentAt + 5_000 + 1, h.clock.monotonicMs(), "S_DOWN at act_ping_time + down-after + 1");
    assertTrue(firstUnanswered.id() > 0);
    assertEquals(List.of("+sdown " + AT), h.eventTexts(e -> e.type().equals("+sdown")));
    h.pong(EngineHarness.PRIMARY);
    assertEquals(List.of("-sdown " + AT), h.eventTexts(e -> e.type().equals("-sdown")));
  }

  @Test
  void fastModePingsAPrimaryEveryTwentiethOfDownAfterSoAHangIsFoundSooner() {
    EngineHarness h = new EngineHarness(EngineHarness.master(2, 5_000), true);
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.pong(EngineHarness.PRIMARY);
    long lastPong = h.clock.monotonicMs();
    long deadline = h.engine.poll(h.clock.monotonicMs());
    while (h.count("+sdown") == 0 && h.clock.monotonicMs() < lastPong + 10_000) {
      h.clock.advanceTo(deadline);
      deadline = h.engine.poll(h.clock.monotonicMs());
    }
    // the next PING leaves 5000/20 ms after the reply; S_DOWN still needs it unanswered for a
    // full down-after (never sooner than Sentinel's rule allows)
    long sentAt = lastPong + 251;
    assertEquals(sentAt + 5_000 + 1, h.clock.monotonicMs(), "S_DOWN at act_ping_time + 5001");
    // while that PING is unanswered, further PINGs keep Sentinel's spacing (ping-period / 2)
    List<Outbound.Ping> pings = h.sent(Outbound.Ping.class, EngineHarness.PRIMARY);
    assertTrue(pings.size() <= 2 + 5_000 / 500 + 1, "pings while hung: " + pings.size());
  }

  @Test
  void aQuestionArrivingAfterOurDeadlineIsAnsweredFromOurCurrentSdownInFastMode() {
    for (boolean fast : new boolean[] {true, false}) {
      EngineHarness h = new EngineHarness(EngineHarness.master(2, 5_000), fast);
      h.start();
      h.connect(EngineHarness.PRIMARY);
      h.pong(EngineHarness.PRIMARY);
      int pings = h.sent(Outbound.Ping.class, EngineHarness.PRIMARY).size();
      long deadline = h.engine.poll(h.clock.monotonicMs());
      while (h.sent(Outbound.Ping.class, EngineHarness.PRIMARY).size() == pings) {
        h.clock.advanceTo(deadline);
        deadline = h.engine.poll(h.clock.monotonicMs());
      }
      long sentAt = h.clock.monotonicMs(); // the first PING that will stay unanswered
      long sdownAt = sentAt + 5_001;
      while (deadline < sdownAt) { // keep stepping (no TILT), never at the S_DOWN deadline
        h.clock.advanceTo(Math.min(deadline, sdownAt - 1));
        deadline = h.engine.poll(h.clock.monotonicMs());
        if (h.clock.monotonicMs() == sdownAt - 1) {
          break;
        }
      }
      h.clock.advanceTo(sdownAt); // past the S_DOWN deadline, but no step ran yet
      assertEquals(0, h.count("+sdown"));
      SentinelEngine.IsDownAnswer a = h.engine.isMasterDownByAddr("10.0.0.1", 6379, 0, "*");
      // fast: the due timers run first, so the answer is our S_DOWN as of now (our own
      // evidence: the PING unanswered for down-after); Sentinel answers from its last tick
      assertEquals(fast, a.down(), "fast=" + fast);
    }
  }

  @Test
  void odownNeedsQuorumAndClearsWithStaleAnswers() {
    EngineHarness h = new EngineHarness(EngineHarness.master(3, 5_000), true);
    h.start();
    h.addPeers();
    h.connect(EngineHarness.PRIMARY);
    for (int i = 0; i < 60; i++) {
      h.advance(100);
      h.pong(EngineHarness.peer(26380));
      h.pong(EngineHarness.peer(26381));
    }
    h.askReply(EngineHarness.peer(26380), true, "*", 0);
    assertEquals(0, h.count("+odown"), "2 of 3");
    h.askReply(EngineHarness.peer(26381), true, "*", 0);
    assertEquals(
        List.of("+odown " + AT + " #quorum 3/3"), h.eventTexts(e -> e.type().equals("+odown")));
    // peers stop answering: their opinion expires after 5 * ask-period
    for (int i = 0; i < 60 && h.count("-odown") == 0; i++) {
      h.advance(100);
      h.pong(EngineHarness.peer(26380));
      h.pong(EngineHarness.peer(26381));
    }
    assertEquals(List.of("-odown " + AT), h.eventTexts(e -> e.type().equals("-odown")));
  }

  @Test
  void aPrimaryReportingReplicaGoesDownAfterDownAfterPlusTwoInfoPeriods() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.info(
        EngineHarness.PRIMARY,
        EngineHarness.replicaInfo(EngineHarness.runid('1'), "10.0.0.9", 6379, true, 0, 100));
    assertEquals(1, h.count("-role-change"));
    long start = h.clock.monotonicMs();
    while (h.count("+sdown") == 0 && h.clock.monotonicMs() < start + 40_000) {
      h.advance(100);
      h.acceptConnects(); // the idle pub/sub link is recycled after 15 s
      h.pong(EngineHarness.PRIMARY);
    }
    long took = h.clock.monotonicMs() - start;
    assertTrue(took > 25_000 && took <= 25_200, "took " + took);
  }

  @Test
  void aRebootedPrimaryThatDoesNotAnswerPongGoesDown() {
    MasterState m = EngineHarness.master(2, 30_000);
    m =
        new MasterState(
            m.name(), m.host(), m.port(), 2, 30_000, 60_000, 1, null, null, null, null, 3_000, 0, 0,
            List.of(), List.of(), Map.of());
    EngineHarness h = new EngineHarness(m, true);
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.info(EngineHarness.PRIMARY, EngineHarness.primaryInfo(EngineHarness.runid('1')));
    h.advance(10_100);
    h.info(EngineHarness.PRIMARY, EngineHarness.primaryInfo(EngineHarness.runid('2')));
    assertEquals(List.of("+reboot " + AT), h.eventTexts(e -> e.type().equals("+reboot")));
    assertTrue(h.engine.snapshot().master("mymaster").flags().contains("master_reboot"));
    // it answers LOADING: valid for the ping timer, but not a PONG
    for (int i = 0; i < 35 && h.count("+sdown") == 0; i++) {
      h.advance(100);
      for (Outbound.Ping p : h.sent(Outbound.Ping.class, EngineHarness.PRIMARY)) {
        h.engine.handle(
            new Inbound.PingReply(
                EngineHarness.PRIMARY, p.id(), "LOADING Valkey is loading", true));
      }
    }
    assertEquals(1, h.count("+sdown"));
  }

  @Test
  void anEndpointThatKeepsRefusingStaysDown() {
    EngineHarness h = new EngineHarness();
    h.start();
    h.connect(EngineHarness.PRIMARY);
    h.pong(EngineHarness.PRIMARY);
    // the primary dies: links drop, every reconnection is refused
    h.engine.handle(new Inbound.LinkDown(EngineHarness.PRIMARY, LinkType.COMMAND, "reset"));
    h.engine.handle(new Inbound.LinkDown(EngineHarness.PRIMARY, LinkType.PUBSUB, "reset"));
    for (int i = 0; i < 120; i++) {
      h.advance(100);
      for (Outbound.Connect c : h.sent(Outbound.Connect.class, EngineHarness.PRIMARY)) {
        if (refused.add(c)) {
          h.engine.handle(new Inbound.LinkDown(EngineHarness.PRIMARY, LinkType.COMMAND, "refused"));
          h.engine.handle(new Inbound.LinkDown(EngineHarness.PRIMARY, LinkType.PUBSUB, "refused"));
        }
      }
    }
    assertEquals(1, h.count("+sdown"));
    assertEquals(0, h.count("-sdown"), "no flapping at each reconnection attempt");
  }

  private final java.util.Set<Outbound> refused =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
}
