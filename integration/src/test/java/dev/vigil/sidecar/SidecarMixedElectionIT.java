package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.KitLog;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelEvents.Event;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import dev.vigil.testkit.ValkeyNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One real valkey-sentinel and two Vigil sidecars watch one group: they find each other through
 * hello messages, and either side can win the election and lead the failover the others follow.
 *
 * <p>The winner is chosen deterministically by configuration, not by luck (SENTINEL SET once all
 * three have met): the leader has quorum 2 and down-after 1000 ms; a helper on the other side has
 * down-after 1000 ms too but quorum 3, so it confirms the leader's SDOWN (ODOWN 2/2 a second after
 * the SIGKILL) but cannot reach ODOWN itself before the third, with down-after 15 s, agrees. The
 * leader needs max(quorum, 3/2+1) = 2 votes: its own and one from the other side (a vote does not
 * need the voter to see the primary down), so the election crosses implementations either way.
 * Quorum 1 would be simpler but lets a single sentinel that misses one PONG on a loaded machine
 * fail a healthy new primary over again.
 */
@ExtendWith(TestKitExtension.class)
class SidecarMixedElectionIT {
  private static final Duration FAST_DOWN_AFTER = Duration.ofMillis(1000);
  private static final Duration SLOW_DOWN_AFTER = Duration.ofSeconds(15);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  enum Leader {
    VALKEY_SENTINEL,
    SIDECAR
  }

  @ParameterizedTest(name = "{0} detects the failure first and leads the failover")
  @EnumSource(Leader.class)
  void realSentinelAndSidecarsFailOverTogether(Leader chosen) {
    List<SentinelNode> all = new ArrayList<>();
    ReplicationGroup group = ReplicationGroup.start(2);
    ValkeyNode oldPrimary = group.primary();
    try {
      boolean realLeads = chosen == Leader.VALKEY_SENTINEL;
      SentinelNode real =
          SentinelNode.builder()
              .name("valkey-sentinel")
              .monitor(MASTER, oldPrimary.address(), 2, SLOW_DOWN_AFTER, Duration.ofSeconds(10))
              .start();
      all.add(real);
      SentinelNode sidecar1 = SidecarCluster.sidecar("sidecar1", oldPrimary, 2, SLOW_DOWN_AFTER);
      all.add(sidecar1);
      all.add(SidecarCluster.sidecar("sidecar2", oldPrimary, 2, SLOW_DOWN_AFTER));
      SentinelNode leader = realLeads ? real : sidecar1;

      for (SentinelNode s : all) {
        SidecarCluster.waitForCounts(s, 2, 3);
      }
      assertEachListsTheOthers(all);
      // Made fast only now, at run time: started fast, a JVM that needs more than a second for its
      // first PONG on a loaded machine would go SDOWN at start-up.
      SentinelNode helper = realLeads ? sidecar1 : real;
      set(leader, "quorum", "2", "down-after-milliseconds", "" + FAST_DOWN_AFTER.toMillis());
      set(helper, "quorum", "3", "down-after-milliseconds", "" + FAST_DOWN_AFTER.toMillis());

      List<SentinelEvents> followerEvents = new ArrayList<>();
      try (SentinelEvents leaderEvents = leader.subscribe("+elected-leader", "+switch-master")) {
        for (SentinelNode s : all) {
          if (s != leader) {
            followerEvents.add(s.subscribe("+elected-leader"));
          }
        }
        HostPort old = oldPrimary.address();
        oldPrimary.kill9();

        leaderEvents.awaitMessage(
            "+elected-leader",
            m -> m.equals("master " + MASTER + " " + old.host() + " " + old.port()),
            FAILOVER_TIMEOUT);
        String prefix = MASTER + " " + old.host() + " " + old.port() + " ";
        Event sw = leaderEvents.awaitMessage("+switch-master", m -> m.startsWith(prefix), TIMEOUT);
        String[] parts = sw.message().split(" ");
        HostPort promoted = new HostPort(parts[3], Integer.parseInt(parts[4]));
        assertNotEquals(old, promoted);

        for (SentinelNode s : all) {
          s.waitForMasterAddr(MASTER, promoted, TIMEOUT);
        }
        for (SentinelEvents e : followerEvents) {
          assertEquals(List.of(), e.events(), "only " + leader.name() + " was elected");
        }

        ValkeyNode newPrimary = nodeAt(group, promoted);
        newPrimary.waitForRole("master", TIMEOUT);
        for (ValkeyNode replica : group.replicas()) {
          if (replica != newPrimary) {
            replica.waitForReplicaOf(newPrimary, TIMEOUT);
          }
        }
        // Restarted from its own config, the old primary claims to be a primary until a sentinel
        // turns it into a replica of the new one.
        oldPrimary.restart();
        // 60 s: a sentinel converts it 8 s after it reappears, unless in TILT (30 s) after a
        // timer stall on a loaded machine.
        oldPrimary.waitForReplicaOf(newPrimary, Duration.ofSeconds(60));
      } finally {
        followerEvents.forEach(SentinelEvents::close);
      }
    } catch (AssertionError | RuntimeException e) {
      // The sentinels' own logs tell which side detected, voted and led.
      all.forEach(s -> KitLog.info(s.logTail(60)));
      KitLog.info("old primary log:\n" + ManagedProcess.tail(oldPrimary.logFile(), 40));
      throw e;
    } finally {
      all.forEach(SentinelNode::close);
      group.close();
    }
  }

  private static void set(SentinelNode node, String... optionsAndValues) {
    List<String> args = new ArrayList<>(List.of("SENTINEL", "SET", MASTER));
    args.addAll(List.of(optionsAndValues));
    assertEquals("OK", String.valueOf(node.call(args.toArray(String[]::new))));
  }

  /** SENTINEL SENTINELS on each node names exactly the other two, by port and by MYID. */
  private static void assertEachListsTheOthers(List<SentinelNode> all) {
    for (SentinelNode s : all) {
      Set<String> expected = new TreeSet<>();
      for (SentinelNode other : all) {
        if (other != s) {
          expected.add(other.port() + "/" + other.call("SENTINEL", "MYID"));
        }
      }
      List<Map<String, String>> listed = s.sentinels(MASTER);
      Set<String> actual =
          listed.stream()
              .map(m -> m.get("port") + "/" + m.get("runid"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, actual, s.name() + " SENTINEL SENTINELS " + listed);
    }
  }

  private static ValkeyNode nodeAt(ReplicationGroup group, HostPort address) {
    return group.nodes().stream()
        .filter(n -> n.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node at " + address));
  }
}
