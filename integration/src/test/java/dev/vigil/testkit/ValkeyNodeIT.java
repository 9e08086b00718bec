package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's server node against the real binary found on this machine. */
@ExtendWith(TestKitExtension.class)
class ValkeyNodeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @Test
  void startsOnLoopbackAndServesCommands() {
    try (ValkeyNode node = ValkeyNode.start()) {
      assertTrue(node.isAlive());
      assertEquals(node.pid(), pidReportedBy(node), "INFO server process_id is our child's PID");
      assertEquals("OK", node.callString("SET", "greeting", "hello"));
      assertEquals("hello", node.callString("GET", "greeting"));
      assertEquals("master", node.role());
      assertEquals(Integer.toString(node.port()), node.info("server").get("tcp_port"));
      assertEquals(List.of("save", ""), node.call("CONFIG", "GET", "save"), "no RDB snapshots");
    }
  }

  @Test
  void replicaOfReplicatesWritesAndPromoteMakesAPrimary() {
    try (ValkeyNode primary = ValkeyNode.builder().name("primary").start();
        ValkeyNode replica = ValkeyNode.builder().name("replica").start()) {
      replica.replicaOf(primary);
      replica.waitForReplicaOf(primary, TIMEOUT);
      assertEquals("slave", replica.role());

      primary.call("SET", "k", "v1");
      replica.waitForOffsetOf(primary, TIMEOUT);
      assertEquals("v1", replica.callString("GET", "k"));
      assertThrows(RespError.class, () -> replica.call("SET", "k", "x"), "replicas are read-only");

      replica.promote();
      replica.waitForRole("master", TIMEOUT);
      assertEquals("OK", replica.callString("SET", "k", "v2"));
    }
  }

  @Test
  void passwordProtectedNodesAuthenticateAndReplicate() {
    try (ReplicationGroup group = ReplicationGroup.start(1, b -> b.password("s3cret"))) {
      try (RespClient anonymous = RespClient.connect(group.primary().address())) {
        RespError refused = assertThrows(RespError.class, () -> anonymous.call("GET", "k"));
        assertEquals("NOAUTH", refused.code());
      }
      group.primary().call("SET", "k", "v");
      group.replica(0).waitForOffsetOf(group.primary(), TIMEOUT);
      assertEquals("v", group.replica(0).callString("GET", "k"));
    }
  }

  @Test
  void logCursorSeesTheReplicaFinishItsSync() {
    try (ValkeyNode primary = ValkeyNode.builder().name("primary").start();
        ValkeyNode replica = ValkeyNode.builder().name("replica").start()) {
      LogCursor log = replica.logCursorAtEnd();
      replica.replicaOf(primary);
      // Valkey 8 says PRIMARY where Redis says MASTER.
      log.waitForLine("(MASTER|PRIMARY) <-> REPLICA sync: Finished with success", TIMEOUT);
      assertEquals("up", replica.info("replication").get("master_link_status"));
    }
  }

  @Test
  void sigstopMakesPingTimeOutAndSigcontRestoresIt() {
    try (ValkeyNode node = ValkeyNode.start()) {
      node.pause();
      assertTrue(node.isAlive());
      assertFalse(node.ping(Duration.ofMillis(300)), "a stopped server must not answer");
      UncheckedIOException timeout =
          assertThrows(
              UncheckedIOException.class,
              () -> {
                try (RespClient c = node.client(Duration.ofMillis(300))) {
                  c.call("PING");
                }
              });
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());

      node.resume();
      assertTrue(node.ping(Duration.ofSeconds(2)), "the server answers again after SIGCONT");
    }
  }

  @Test
  void sigkillThenRestartKeepsPortAndDirButNotData() {
    try (ValkeyNode node = ValkeyNode.start()) {
      int port = node.port();
      long pid = node.pid();
      node.call("SET", "k", "v");

      node.kill9();
      assertFalse(node.isAlive());
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(node.ping(Duration.ofMillis(300)));

      node.restart();
      assertEquals(port, node.port());
      assertNotEquals(pid, node.pid());
      assertTrue(node.ping(Duration.ofSeconds(1)));
      assertNull(node.call("GET", "k"), "nothing is persisted across a kill");
    }
  }

  @Test
  void closeKillsTheProcessAndDeletesItsDir() {
    ValkeyNode node = ValkeyNode.start();
    long pid = node.pid();
    node.close();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    if (!Boolean.getBoolean("vigil.testkit.keep")) {
      assertFalse(Files.exists(node.dir()));
    }
  }

  @Test
  void reaperKillsWhatATestForgotToClose() {
    long mark = ProcessReaper.mark();
    ValkeyNode forgotten = ValkeyNode.start();
    long pid = forgotten.pid();
    assertEquals(1, ProcessReaper.liveSince(mark).size());

    ProcessReaper.reapSince(mark);

    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertTrue(ProcessReaper.liveSince(mark).isEmpty());
    forgotten.close();
  }

  @Test
  void replicationGroupLinksAllReplicas() {
    try (ReplicationGroup group = ReplicationGroup.start(2)) {
      group.primary().call("SET", "shared", "42");
      for (ValkeyNode replica : group.replicas()) {
        replica.waitForOffsetOf(group.primary(), TIMEOUT);
        assertEquals("42", replica.callString("GET", "shared"));
        assertEquals("up", replica.info("replication").get("master_link_status"));
      }
      assertEquals("2", group.primary().info("replication").get("connected_slaves"));
    }
  }

  private static long pidReportedBy(ValkeyNode node) {
    return Long.parseLong(node.info("server").get("process_id"));
  }
}
