package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.EngineSnapshot.ElectionSnapshot;
import dev.vigil.engine.EngineSnapshot.LinkSnapshot;
import dev.vigil.engine.EngineSnapshot.MasterSnapshot;
import dev.vigil.engine.EngineSnapshot.ReplicaSnapshot;
import dev.vigil.engine.EngineSnapshot.SentinelSnapshot;
import dev.vigil.engine.FailoverRecord;
import dev.vigil.engine.FailoverState;
import dev.vigil.engine.VoteRecord;
import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshot → view: times become wall clock and ages, ranks 1-based, votes deduplicated. */
class EngineViewsTest {
  static final long NOW = 50_000;
  static final long WALL = 1_700_000_000_000L;
  static final long NEVER = EngineSnapshot.NEVER;
  static final String ME = "a".repeat(40);
  static final String PEER = "b".repeat(40);
  static final String PEER2 = "c".repeat(40);

  static LinkSnapshot link(long lastAvail) {
    return new LinkSnapshot(false, 0, 1, NEVER, lastAvail, lastAvail);
  }

  static ReplicaSnapshot replica(int port, long offset, int rank, String exclusion) {
    return new ReplicaSnapshot(
        "127.0.0.1:" + port,
        "127.0.0.1",
        port,
        "r" + port,
        "slave",
        link(NOW - 40),
        NEVER,
        5000,
        NOW - 900,
        "slave",
        NOW - 900,
        0,
        true,
        "127.0.0.1",
        6379,
        100,
        offset,
        false,
        rank,
        exclusion,
        null);
  }

  static MasterSnapshot master(
      boolean inProgress, long failoverEpoch, String promoted, List<ReplicaSnapshot> replicas) {
    return new MasterSnapshot(
        "m1",
        "127.0.0.1",
        6379,
        "runid",
        "master,s_down,o_down",
        link(NOW - 10),
        inProgress,
        inProgress ? FailoverState.SELECT_SLAVE : FailoverState.NONE,
        NOW - 300,
        failoverEpoch,
        NOW - 400,
        NOW - 2_000,
        NOW - 1_000,
        5000,
        NOW - 700,
        "master",
        NOW - 700,
        4,
        2,
        2,
        2,
        60_000,
        1,
        null,
        null,
        0,
        ME,
        5,
        promoted,
        new HostPort("127.0.0.1", 6379),
        "# Replication\r\nrole:master\r\nmaster_repl_offset:5000\r\n",
        replicas,
        List.of(
            new SentinelSnapshot(
                PEER,
                "127.0.0.1",
                26380,
                PEER,
                "sentinel",
                link(NOW - 5),
                NEVER,
                5000,
                NOW - 600,
                ME,
                5,
                true,
                NOW - 100),
            new SentinelSnapshot(
                PEER2,
                "127.0.0.1",
                26381,
                PEER2,
                "sentinel",
                link(NOW - 5),
                NEVER,
                5000,
                NOW - 600,
                ME,
                5,
                true,
                NOW - 100)),
        new ElectionSnapshot(
            5,
            Map.of(ME, 2L),
            null,
            0,
            List.of(
                new VoteRecord("m1", 5, ME, ME, ME, true, NOW - 350),
                new VoteRecord("m1", 5, ME, PEER, ME, true, NOW - 340),
                new VoteRecord("m1", 5, null, PEER, ME, true, NOW - 330),
                new VoteRecord("m1", 4, PEER2, PEER2, PEER2, true, NOW - 9_000))),
        new FailoverRecord(
            4, WALL - 60_000, "127.0.0.1:6380", "127.0.0.1:6379", 900, 100, 200, 300, 300),
        null);
  }

  static EngineSnapshot snapshot(MasterSnapshot m) {
    return new EngineSnapshot(
        NOW, WALL, ME, 5, false, NEVER, 1, 0, GlobalOptions.DEFAULTS, List.of(m));
  }

  @Test
  void everyFieldIsConverted() {
    MasterSnapshot m =
        master(
            false,
            0,
            null,
            List.of(replica(6381, 4000, 0, null), replica(6382, 0, -1, "slave-priority is 0")));
    SentinelView v = EngineViews.toView(snapshot(m), 26379, WALL - 10_000, Map.of());
    assertEquals(ME, v.myId());
    assertEquals(0, v.tiltSinceEpochMs());
    MasterView mv = v.master("m1");
    assertEquals("127.0.0.1:6379", mv.address());
    assertEquals(WALL - 2_000, mv.sdownSinceEpochMs());
    assertEquals(WALL - 1_000, mv.odownSinceEpochMs());
    assertEquals(5000, mv.replOffset());
    assertEquals(700, mv.infoRefreshAgeMs());
    assertEquals("none", mv.failoverState());

    ReplicaView best = mv.replica("127.0.0.1:6381");
    assertEquals(1, best.promotionRank());
    assertEquals(1000, best.lagBytes());
    assertEquals(40, best.lastPingReplyAgeMs());
    assertEquals("ok", best.masterLinkStatus());
    ReplicaView excluded = mv.replica("127.0.0.1:6382");
    assertEquals(0, excluded.promotionRank());
    assertEquals("slave-priority is 0", excluded.exclusionReason());
    assertEquals(-1, excluded.lagBytes(), "offset 0 means never reported");

    assertEquals(600, mv.peer(PEER).lastHelloAgeMs());
    assertEquals(ME, mv.peer(PEER).leader());

    // PEER's vote appears once although it was both granted to a request and reported.
    assertEquals(3, mv.election().votes().size(), mv.election().votes().toString());
    assertEquals(5, mv.election().epoch());
    assertEquals(ME, mv.election().winner(), "2 of 3 sentinels, quorum 2");
    assertEquals(2, mv.election().tally().get(0).getVotes());
    assertEquals(4, mv.lastFailover().getEpoch());
    assertEquals("127.0.0.1:6380", mv.lastFailover().getFromAddress());
  }

  @Test
  void selectedSlaveRecordsTheOrderOfTheSnapshotTakenRightAfterThatStep() {
    List<ReplicaSnapshot> ranked =
        List.of(replica(6382, 3000, 1, null), replica(6381, 4000, 0, null));
    EngineSnapshot afterSelection = snapshot(master(true, 6, "127.0.0.1:6381", ranked));
    List<String> submitted = new java.util.ArrayList<>();
    EngineTasks tasks =
        new EngineTasks() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> java.util.concurrent.CompletableFuture<T> submit(
              java.util.function.Function<dev.vigil.engine.SentinelEngine, T> action) {
            submitted.add("snapshot");
            return java.util.concurrent.CompletableFuture.completedFuture((T) afterSelection);
          }
        };
    SnapshotViewSource source = new SnapshotViewSource(tasks, 26379, WALL, () -> NOW);
    var recorder = source.promotionRecorder();
    recorder.emit(
        new dev.vigil.engine.SentinelEvent(
            dev.vigil.engine.SentinelEvent.Level.WARNING,
            "+sdown",
            "master m1 127.0.0.1 6379",
            "m1"));
    assertEquals(List.of(), submitted, "only +selected-slave triggers a capture");
    recorder.emit(
        new dev.vigil.engine.SentinelEvent(
            dev.vigil.engine.SentinelEvent.Level.WARNING,
            "+selected-slave",
            "slave 127.0.0.1:6381 127.0.0.1 6381 @ m1 127.0.0.1 6379",
            "m1"));
    assertEquals(List.of("snapshot"), submitted);

    // Later views keep the recorded order, even after the failover ended and ranks changed.
    List<ReplicaSnapshot> later = List.of(replica(6382, 3000, 0, null));
    SentinelView v = source.view(snapshot(master(false, 6, null, later)));
    assertEquals(
        List.of("127.0.0.1:6381", "127.0.0.1:6382"),
        v.master("m1").election().lastPromotionOrder());
    assertEquals(6, v.master("m1").election().lastPromotionEpoch());
  }

  @Test
  void recordingNeverWaitsForTheLockGetHoldsWhileItWaitsForTheEngine() throws Exception {
    SnapshotViewSource source = new SnapshotViewSource(null, 26379, WALL, () -> NOW);
    EngineSnapshot s =
        snapshot(master(true, 6, "127.0.0.1:6381", List.of(replica(6381, 1, 0, null))));
    Thread engineThread = new Thread(() -> source.record("m1", s));
    synchronized (source) { // what get() holds while it waits for an engine task
      engineThread.start();
      engineThread.join(2_000);
      assertEquals(false, engineThread.isAlive(), "record() blocked on the view source's lock");
    }
  }

  @Test
  void aSidecarThatNeverLedHasNoPromotionOrder() {
    SnapshotViewSource source = new SnapshotViewSource(null, 26379, WALL, () -> NOW);
    SentinelView v =
        source.view(snapshot(master(false, 0, null, List.of(replica(6381, 1, 0, null)))));
    assertEquals(List.of(), v.master("m1").election().lastPromotionOrder());
    assertEquals(0, v.master("m1").election().lastPromotionEpoch());
  }
}
