package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private final List<FakeEngine> fakes = new ArrayList<>();
  private final SimScheduler[] schedulerHolder = new SimScheduler[1];
  private SimCluster cluster;

  private static final Endpoint PRIMARY = Endpoint.data("10.0.0.1", 6379);
  private static final Endpoint REPLICA = Endpoint.data("10.0.0.2", 6379);
  private static final Endpoint PEER1 = Endpoint.sentinel("10.0.0.2", 26379);

  private void build(long seed, NetworkProfile profile) {
    cluster =
        new SimCluster(
            Scenario.calm(seed, 3, 2, profile), FakeEngine.factory(schedulerHolder, fakes), 0);
    schedulerHolder[0] = cluster.scheduler();
    cluster.network().profile(profile); // no warm-up here: the profile applies at once
    cluster.startAll();
  }

  private void runFor(long ms) {
    cluster.scheduler().runUntil(cluster.scheduler().nowMs() + ms);
  }

  private FakeEngine s0() {
    return fakes.get(0);
  }

  @Test
  void connectingToADataNodeOpensCommandAndPubSubLinksThatAnswer() {
    build(1, NetworkProfile.PERFECT);
    s0().send(new Outbound.Connect(PRIMARY, dev.vigil.engine.LinkSettings.NONE));
    runFor(50);
    List<Inbound.LinkUp> ups = s0().received(Inbound.LinkUp.class);
    assertEquals(2, ups.size());
    assertEquals(LinkType.COMMAND, ups.get(0).link());
    assertEquals(LinkType.PUBSUB, ups.get(1).link());
    assertEquals("10.0.0.1", ups.get(0).localIp(), "sentinel 0 runs on host 0");
    s0().send(new Outbound.Ping(PRIMARY, 7));
    s0().send(new Outbound.Info(PRIMARY, 8));
    runFor(50);
    assertEquals(
        List.of(new Inbound.PingReply(PRIMARY, 7, "PONG", false)),
        s0().received(Inbound.PingReply.class));
    Inbound.InfoReply info = s0().received(Inbound.InfoReply.class).get(0);
    assertEquals(8, info.id());
    assertTrue(info.info().contains("role:master\r\n"));
  }

  @Test
  void peersGetOnlyACommandLinkAndReceiveAsksAndHellosDirectly() {
    build(2, NetworkProfile.PERFECT);
    s0().send(new Outbound.Connect(PEER1, dev.vigil.engine.LinkSettings.NONE));
    runFor(50);
    assertEquals(1, s0().received(Inbound.LinkUp.class).size());
    s0().send(new Outbound.AskMasterDown(PEER1, 3, "10.0.0.1", 6379, 5, "*"));
    s0().send(new Outbound.PublishHello(PEER1, 4, "hello-payload"));
    runFor(50);
    assertEquals(
        List.of(new Inbound.AskReply(PEER1, 3, 0, "*", 0)), s0().received(Inbound.AskReply.class));
    assertEquals(
        List.of(new Inbound.PublishReply(PEER1, 4, true)),
        s0().received(Inbound.PublishReply.class));
    assertEquals(List.of("hello-payload"), fakes.get(1).hellos);
  }

  @Test
  void publishOnADataNodeFansOutToEverySubscribedEngine() {
    build(3, NetworkProfile.PERFECT);
    for (FakeEngine f : fakes.subList(0, 2)) {
      f.send(new Outbound.Connect(REPLICA, dev.vigil.engine.LinkSettings.NONE));
    }
    runFor(50);
    s0().send(new Outbound.PublishHello(REPLICA, 1, "p1"));
    runFor(50);
    for (FakeEngine f : fakes.subList(0, 2)) {
      assertEquals(
          List.of(new Inbound.HelloMessage(REPLICA, "p1")), f.received(Inbound.HelloMessage.class));
    }
    assertEquals(List.of(), fakes.get(2).received(Inbound.HelloMessage.class), "not subscribed");
  }

  @Test
  void partitionMakesConnectsTimeOutAndPendingRequestsEndInLinkDown() {
    build(4, NetworkProfile.PERFECT);
    s0().send(new Outbound.Connect(REPLICA, dev.vigil.engine.LinkSettings.NONE));
    runFor(50);
    cluster.network().partition(0b001); // host 0 alone
    s0().send(new Outbound.Ping(REPLICA, 1));
    runFor(NetworkProfile.PERFECT.requestTimeoutMs() + 100);
    assertEquals(List.of(), s0().received(Inbound.PingReply.class));
    assertTrue(
        s0().received(Inbound.LinkDown.class).stream()
            .anyMatch(d -> d.link() == LinkType.COMMAND && d.reason().equals("request timeout")));
    s0().send(new Outbound.Connect(PRIMARY, dev.vigil.engine.LinkSettings.NONE)); // same host: fine
    s0().send(
            new Outbound.Connect(
                Endpoint.data("10.0.0.3", 6379), dev.vigil.engine.LinkSettings.NONE));
    runFor(NetworkProfile.PERFECT.connectTimeoutMs() + 100);
    assertTrue(
        s0().received(Inbound.LinkUp.class).stream().anyMatch(u -> u.endpoint().equals(PRIMARY)));
    assertTrue(
        s0().received(Inbound.LinkDown.class).stream()
            .anyMatch(d -> d.reason().equals("connect timeout")));
  }

  @Test
  void slaveofTransactionIsAcknowledgedAppliedAndKillsTheSentinelLinks() {
    build(5, NetworkProfile.PERFECT);
    s0().send(new Outbound.Connect(REPLICA, dev.vigil.engine.LinkSettings.NONE));
    runFor(50);
    s0().send(new Outbound.ReplicaOf(REPLICA, 9, null, 0));
    runFor(50);
    assertEquals(
        List.of(new Inbound.ReplicaOfQueued(REPLICA, 9)),
        s0().received(Inbound.ReplicaOfQueued.class));
    assertTrue(cluster.nodes().get(1).isPrimary());
    assertEquals(2, s0().received(Inbound.LinkDown.class).size(), "CLIENT KILL normal + pubsub");
  }

  @Test
  void crashedNodeResetsLinksAndRefusesConnections() {
    build(6, NetworkProfile.PERFECT);
    s0().send(new Outbound.Connect(PRIMARY, dev.vigil.engine.LinkSettings.NONE));
    runFor(50);
    cluster.crashNode(cluster.nodes().get(0));
    runFor(50);
    assertEquals(2, s0().received(Inbound.LinkDown.class).size());
    s0().send(new Outbound.Connect(PRIMARY, dev.vigil.engine.LinkSettings.NONE));
    runFor(50);
    assertEquals(
        2,
        s0().received(Inbound.LinkDown.class).stream()
            .filter(d -> d.reason().equals("connection refused"))
            .count());
  }

  /**
   * The transport contract under heavy loss, resets, partitions and crashes: every request gets
   * exactly one answer, or a LinkDown of its link arrives after it was sent, and nothing arrives
   * for a request after that LinkDown.
   */
  @Test
  void everyRequestGetsExactlyOneAnswerOrItsLinkGoesDown() {
    for (long seed = 1; seed <= 40; seed++) {
      fakes.clear();
      build(seed, new NetworkProfile(1, 80, 0.15, 0.4, 0.1, 700, 300, 0.01));
      SimScheduler sched = cluster.scheduler();
      List<Endpoint> targets =
          List.of(PRIMARY, REPLICA, PEER1, Endpoint.sentinel("10.0.0.3", 26379));
      Map<Long, long[]> sent = new HashMap<>(); // id -> {sendTime, fakeIndex, targetIndex}
      for (int step = 0; step < 400; step++) {
        int fi = (int) sched.between(0, fakes.size() - 1);
        FakeEngine f = fakes.get(fi);
        int ti = (int) sched.between(0, targets.size() - 1);
        Endpoint target = targets.get(ti);
        if (target.kind() == Endpoint.Kind.SENTINEL && target.host().equals(SimIds.hostIp(fi))) {
          continue;
        }
        int what = (int) sched.between(0, 9);
        if (what == 0) {
          f.send(new Outbound.Connect(target, dev.vigil.engine.LinkSettings.NONE));
        } else if (what == 1) {
          f.send(new Outbound.Disconnect(target, LinkType.COMMAND));
        } else if (what == 2 && step % 50 == 0) {
          cluster.network().partition(sched.between(1, 6));
        } else if (what == 3 && step % 40 == 0) {
          cluster.network().heal();
        } else {
          long id = f.nextId() + fi * 1_000_000L;
          sent.put(id, new long[] {sched.nowMs(), fi, ti});
          f.send(new Outbound.Ping(target, id));
        }
        runFor(sched.between(0, 30));
      }
      cluster.network().heal();
      runFor(5000);
      for (Map.Entry<Long, long[]> e : sent.entrySet()) {
        long id = e.getKey();
        long sentAt = e.getValue()[0];
        FakeEngine f = fakes.get((int) e.getValue()[1]);
        Endpoint target = targets.get((int) e.getValue()[2]);
        List<FakeEngine.Received> answers = new ArrayList<>();
        Long firstDownAfter = null;
        for (FakeEngine.Received r : f.received) {
          if (r.message() instanceof Inbound.PingReply p && p.id() == id
              || r.message() instanceof Inbound.CommandFailed c && c.id() == id) {
            answers.add(r);
          }
          if (firstDownAfter == null
              && r.atMs() >= sentAt
              && r.message() instanceof Inbound.LinkDown d
              && d.endpoint().equals(target)
              && d.link() == LinkType.COMMAND) {
            firstDownAfter = r.atMs();
          }
        }
        assertTrue(answers.size() <= 1, "seed " + seed + " id " + id + " answered twice");
        assertTrue(
            !answers.isEmpty() || firstDownAfter != null,
            "seed "
                + seed
                + " id "
                + id
                + " to "
                + target
                + " sent at "
                + sentAt
                + " got neither an answer nor a LinkDown");
        if (!answers.isEmpty() && firstDownAfter != null) {
          assertFalse(
              answers.get(0).atMs() > firstDownAfter,
              "seed " + seed + " id " + id + " answered after its link went down");
        }
      }
    }
  }
}
