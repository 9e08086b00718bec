package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Exclusions first, then priority, offset, run id — and priority 0 is never promoted. */
class ReplicaRankingTest {
  static final long NOW = 100_000;
  private final Primary primary = new Primary("mymaster", "10.0.0.1", 6379, 2, 5_000);

  private Replica replica(int port, int priority, long offset, String runid) {
    Replica r = new Replica(primary, "10.0.0.2", port, NOW);
    Link link = new Link(r.endpoint(), NOW);
    link.cc = Link.State.UP;
    link.pc = Link.State.UP;
    link.actPingTime = EngineCore.NEVER;
    r.link = link;
    r.priority = priority;
    r.replOffset = offset;
    r.runid = runid;
    r.infoRefresh = NOW - 100;
    primary.replicas.put(r.key, r);
    return r;
  }

  private List<String> order() {
    return ReplicaRanking.rank(primary, Timing.DEFAULTS, NOW).stream()
        .map(x -> x.replica().port + ":" + x.rank() + ":" + x.exclusion())
        .collect(Collectors.toList());
  }

  @Test
  void ordersByPriorityThenOffsetThenRunid() {
    replica(1, 100, 10, "b".repeat(40));
    replica(2, 50, 0, "z".repeat(40));
    replica(3, 100, 20, "c".repeat(40));
    replica(4, 100, 10, "A".repeat(40)); // case-insensitive: "a" < "b"
    replica(5, 100, 10, null); // unknown run id sorts last among equals
    assertEquals(List.of("2:0:null", "3:1:null", "4:2:null", "1:3:null", "5:4:null"), order());
    assertEquals(2, ReplicaRanking.select(primary, Timing.DEFAULTS, NOW).port);
  }

  @Test
  void excludesWithAReasonForEachRule() {
    replica(1, 100, 0, "a".repeat(40)).sDown = true;
    replica(2, 100, 0, "a".repeat(40)).link.cc = Link.State.DOWN;
    replica(3, 100, 0, "a".repeat(40)).link.lastAvailTime = NOW - 5_001;
    replica(4, 0, 999, "a".repeat(40));
    replica(5, 100, 0, "a".repeat(40)).infoRefresh = NOW - 30_001;
    replica(6, 100, 0, "a".repeat(40)).masterLinkDownTime = 50_001;
    Replica ok = replica(7, 100, 0, "a".repeat(40));
    assertEquals(
        List.of(
            "7:0:null",
            "1:-1:DOWN",
            "2:-1:DISCONNECTED",
            "3:-1:NO_RECENT_PING_REPLY",
            "4:-1:PRIORITY_ZERO",
            "5:-1:STALE_INFO",
            "6:-1:LINK_DOWN_TOO_LONG"),
        order());
    assertEquals(ok, ReplicaRanking.select(primary, Timing.DEFAULTS, NOW));
  }

  @Test
  void infoMustBeFresherWhileThePrimaryIsDown() {
    replica(1, 100, 0, "a".repeat(40)).infoRefresh = NOW - 6_000;
    assertEquals(List.of("1:0:null"), order());
    primary.sDown = true;
    primary.sDownSince = NOW - 1_000;
    assertEquals(List.of("1:-1:STALE_INFO"), order());
  }

  @Test
  void linkDownAllowanceGrowsWithThePrimarysDownTime() {
    primary.sDown = true;
    primary.sDownSince = NOW - 20_000;
    Replica r = replica(1, 100, 0, "a".repeat(40));
    r.masterLinkDownTime = 60_000; // < 20 s + 10 * 5 s
    assertEquals(List.of("1:0:null"), order());
    r.masterLinkDownTime = 70_001;
    assertEquals(List.of("1:-1:LINK_DOWN_TOO_LONG"), order());
  }

  @Test
  void onlyPriorityZeroReplicasMeansNoneSelected() {
    replica(1, 0, 0, "a".repeat(40));
    assertNull(ReplicaRanking.select(primary, Timing.DEFAULTS, NOW));
  }
}
