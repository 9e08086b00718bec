package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimValkeyNodeTest {
  private final SimScheduler scheduler = new SimScheduler(99);
  private final SimValkeyNode primary = node(0, 100, null);
  private final SimValkeyNode replica1 = node(1, 100, primary.ip);
  private final SimValkeyNode replica2 = node(2, 0, primary.ip);
  private final List<SimValkeyNode> all = List.of(primary, replica1, replica2);
  private final boolean[][] cut = new boolean[3][3];
  private final SimValkeyNode.Directory directory =
      new SimValkeyNode.Directory() {
        @Override
        public SimValkeyNode nodeAt(String ip, int port) {
          return all.stream()
              .filter(n -> n.ip.equals(ip) && n.port == port)
              .findFirst()
              .orElse(null);
        }

        @Override
        public boolean reachable(int a, int b) {
          return !cut[a][b];
        }
      };

  private SimValkeyNode node(int host, int priority, String masterIp) {
    return new SimValkeyNode(
        host, SimIds.hostIp(host), scheduler, priority, masterIp, masterIp == null ? 0 : 6379);
  }

  private void runFor(long ms) {
    long end = scheduler.nowMs() + ms;
    while (scheduler.nowMs() < end) {
      scheduler.runUntil(scheduler.nowMs() + 100);
      all.forEach(n -> n.replicationTick(directory));
    }
  }

  private static Map<String, String> fields(String info) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : info.split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        out.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return out;
  }

  @Test
  void infoHasValkeyLayoutWithCrlfAndTheFieldsSentinelReads() {
    runFor(1000);
    String info = primary.info(all);
    assertTrue(info.startsWith("# Server\r\n"), info);
    assertTrue(info.contains("\r\n# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"), info);
    assertFalse(info.replace("\r\n", "").contains("\n"), "only CRLF line ends");
    Map<String, String> f = fields(info);
    assertEquals(primary.runId(), f.get("run_id"));
    assertEquals(40, f.get("run_id").length());
    assertEquals(
        "ip=10.0.0.2,port=6379,state=online,offset=" + replica1.offset() + ",lag=0",
        f.get("slave0"));
    assertTrue(f.get("slave1").startsWith("ip=10.0.0.3,port=6379,state=online,offset="));

    Map<String, String> r = fields(replica2.info(all));
    assertEquals("slave", r.get("role"));
    assertEquals("10.0.0.1", r.get("master_host"));
    assertEquals("6379", r.get("master_port"));
    assertEquals("up", r.get("master_link_status"));
    assertEquals("0", r.get("slave_priority"));
    assertEquals("1", r.get("replica_announced"));
    assertEquals(String.valueOf(replica2.offset()), r.get("slave_repl_offset"));
    assertFalse(r.containsKey("master_link_down_since_seconds"), "only while the link is down");
  }

  @Test
  void replicasFollowThePrimaryOffsetWhileTheLinkIsUp() {
    runFor(2000);
    assertTrue(primary.offset() > 0);
    assertTrue(replica1.linkUp());
    assertTrue(primary.offset() - replica1.offset() <= 2000, "at most one tick behind");
  }

  @Test
  void linkGoesDownAfterReplTimeoutWhenPartitionedAndReportsDownSince() {
    runFor(1000);
    cut[0][1] = cut[1][0] = true;
    runFor(SimValkeyNode.REPL_TIMEOUT_MS + 2000);
    assertFalse(replica1.linkUp());
    Map<String, String> f = fields(replica1.info(all));
    assertEquals("down", f.get("master_link_status"));
    assertTrue(Long.parseLong(f.get("master_link_down_since_seconds")) >= 1);
    assertEquals("1", fields(primary.info(all)).get("connected_slaves"));
    cut[0][1] = cut[1][0] = false;
    runFor(1000);
    assertTrue(replica1.linkUp());
  }

  @Test
  void slaveofNoOnePromotesWithANewReplicationIdAndOthersCanFollow() {
    runFor(1000);
    String oldReplId = fields(replica1.info(all)).get("master_replid");
    replica1.replicaOf(null, 0);
    assertTrue(replica1.isPrimary());
    assertNotEquals(oldReplId, fields(replica1.info(all)).get("master_replid"));
    replica2.replicaOf(replica1.ip, 6379);
    primary.replicaOf(replica1.ip, 6379);
    runFor(1500);
    assertTrue(replica2.replicatesFrom(replica1) && replica2.linkUp());
    assertTrue(primary.replicatesFrom(replica1) && primary.linkUp());
    assertEquals("2", fields(replica1.info(all)).get("connected_slaves"));
  }

  @Test
  void restartKeepsTheRewrittenConfigAndGetsANewRunId() {
    runFor(500);
    String runId = primary.runId();
    primary.replicaOf(replica1.ip, 6379); // with CONFIG REWRITE
    primary.crash();
    assertFalse(primary.alive());
    primary.restart(1000);
    assertNotEquals(runId, primary.runId());
    assertTrue(primary.replicatesFrom(replica1), "came back with the rewritten config");
    assertTrue(primary.loading());
    assertEquals("1", fields(primary.info(all)).get("loading"));
    runFor(1100);
    assertFalse(primary.loading());

    replica2.crash();
    replica2.restart(0);
    assertTrue(replica2.replicatesFrom(primary) || !replica2.isPrimary(), "as configured at start");
  }

  @Test
  void hungNodeQueuesCommandsUntilResumedAndDeadNodeDropsThem() {
    List<String> done = new ArrayList<>();
    primary.hang();
    assertTrue(primary.execute(() -> done.add("a")));
    assertTrue(primary.execute(() -> done.add("b")));
    assertEquals(List.of(), done);
    primary.resume();
    assertEquals(List.of("a", "b"), done);
    primary.crash();
    assertFalse(primary.execute(() -> done.add("c")));
    assertEquals(List.of("a", "b"), done);
  }
}
