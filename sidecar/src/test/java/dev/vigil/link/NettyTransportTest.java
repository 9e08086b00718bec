package dev.vigil.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkSettings;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport against real {@code valkey-server} and {@code valkey-sentinel} processes. */
class NettyTransportTest {
  private final RecordingSink sink = new RecordingSink();
  private NettyTransport transport = new NettyTransport(sink, TransportOptions.DEFAULTS);

  @AfterEach
  void closeTransport() {
    transport.close();
  }

  private static LinkSettings named(String name) {
    return new LinkSettings(null, null, Map.of(), name);
  }

  private void connectAndAwaitUp(Endpoint ep, LinkSettings settings) throws InterruptedException {
    transport.send(new Outbound.Connect(ep, settings));
    Inbound.LinkUp up = sink.await(Inbound.LinkUp.class, u -> u.link() == LinkType.COMMAND);
    assertEquals("127.0.0.1", up.localIp());
    if (ep.kind() == Endpoint.Kind.DATA) {
      sink.await(Inbound.LinkUp.class, u -> u.link() == LinkType.PUBSUB);
    }
  }

  @Test
  void pingInfoAndClientNamesOnBothLinks() throws Exception {
    try (LocalValkey node = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, named("sentinel-1a2b3c4d"));

      transport.send(new Outbound.Ping(ep, 1));
      Inbound.PingReply pong = sink.await(Inbound.PingReply.class, r -> r.id() == 1);
      assertEquals(new Inbound.PingReply(ep, 1, "PONG", false), pong);

      transport.send(new Outbound.Info(ep, 2));
      Inbound.InfoReply info = sink.await(Inbound.InfoReply.class, r -> r.id() == 2);
      assertTrue(info.info().contains("run_id:"), info.info());
      assertTrue(info.info().contains("role:master"), info.info());

      String clients = node.call("CLIENT", "LIST");
      assertTrue(clients.contains("name=sentinel-1a2b3c4d-cmd"), clients);
      assertTrue(clients.contains("name=sentinel-1a2b3c4d-pubsub"), clients);
      assertTrue(clients.contains("sub=1"), clients);
    }
  }

  @Test
  void linksGoToTheAddressOfTheConnectAndStayKeyedByTheName() throws Exception {
    // The engine resolved the name for this connection: the transport connects to that address
    // (".invalid" never resolves) and keeps the links under the name.
    LocalValkey first = LocalValkey.server();
    Endpoint byName = Endpoint.data("db.vigil.invalid", first.port);
    try (first) {
      transport.send(new Outbound.Connect(byName, named("sentinel-1a2b3c4d"), "127.0.0.1"));
      sink.await(Inbound.LinkUp.class, u -> u.link() == LinkType.COMMAND);
      transport.send(new Outbound.Ping(byName, 1));
      assertEquals(
          new Inbound.PingReply(byName, 1, "PONG", false),
          sink.await(Inbound.PingReply.class, r -> r.id() == 1));
    }
    // The node is gone; the next connection under the same name goes to its new address.
    sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.COMMAND);
    sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.PUBSUB);
    try (LocalValkey second = LocalValkey.server("127.0.0.2", byName.port())) {
      transport.send(new Outbound.Connect(byName, named("sentinel-1a2b3c4d"), "127.0.0.2"));
      sink.await(Inbound.LinkUp.class, u -> u.link() == LinkType.COMMAND);
      transport.send(new Outbound.Ping(byName, 2));
      assertEquals(
          new Inbound.PingReply(byName, 2, "PONG", false),
          sink.await(Inbound.PingReply.class, r -> r.id() == 2));
      String clients = second.call("CLIENT", "LIST");
      assertTrue(clients.contains("name=sentinel-1a2b3c4d-cmd"), clients);
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderWithTheirIds() throws Exception {
    try (LocalValkey node = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      // Sent before the link is up: queued and written after the handshake.
      transport.send(new Outbound.Connect(ep, LinkSettings.NONE));
      for (int id = 10; id < 60; id++) {
        transport.send(id % 2 == 0 ? new Outbound.Ping(ep, id) : new Outbound.Info(ep, id));
      }
      for (int id = 10; id < 60; id++) {
        long expected = id;
        Inbound answer =
            id % 2 == 0
                ? sink.await(Inbound.PingReply.class, r -> r.id() == expected)
                : sink.await(Inbound.InfoReply.class, r -> r.id() == expected);
        assertEquals(ep, answer.endpoint());
      }
    }
  }

  @Test
  void helloIsPublishedAndReceivedOnThePubSubLink() throws Exception {
    try (LocalValkey node = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, LinkSettings.NONE);
      // The SUBSCRIBE is written with the handshake; wait until the server has it.
      awaitTrue(() -> node.call("PUBSUB", "NUMSUB", "__sentinel__:hello").contains(":1"));

      String hello = "127.0.0.1,26379," + "a".repeat(40) + ",3,mymaster,127.0.0.1,6379,2";
      transport.send(new Outbound.PublishHello(ep, 7, hello));
      assertEquals(
          new Inbound.PublishReply(ep, 7, true),
          sink.await(Inbound.PublishReply.class, r -> r.id() == 7));
      assertEquals(
          new Inbound.HelloMessage(ep, hello), sink.await(Inbound.HelloMessage.class, m -> true));
    }
  }

  @Test
  void replicaOfTransactionReconfiguresTheNode() throws Exception {
    try (LocalValkey primary = LocalValkey.server();
        LocalValkey replica = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", replica.port);
      connectAndAwaitUp(ep, LinkSettings.NONE);

      transport.send(new Outbound.ReplicaOf(ep, 3, "127.0.0.1", primary.port));
      assertEquals(
          new Inbound.ReplicaOfQueued(ep, 3),
          sink.await(Inbound.ReplicaOfQueued.class, r -> r.id() == 3));
      awaitTrue(() -> replica.call("INFO", "replication").contains("master_port:" + primary.port));
      // CLIENT KILL TYPE pubsub inside the transaction drops our own pub/sub link, as in Sentinel.
      sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.PUBSUB);
      // The command link survives (CLIENT KILL skips the caller).
      transport.send(new Outbound.Ping(ep, 4));
      assertFalse(sink.await(Inbound.PingReply.class, r -> r.id() == 4).error());

      transport.send(new Outbound.ReplicaOf(ep, 5, null, 0));
      sink.await(Inbound.ReplicaOfQueued.class, r -> r.id() == 5);
      awaitTrue(() -> replica.call("INFO", "replication").contains("role:master"));
    }
  }

  @Test
  void authenticatesWithRequirePassAndReportsAFailedSubscribe() throws Exception {
    try (LocalValkey node = LocalValkey.server("requirepass s3cret")) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, new LinkSettings(null, "s3cret", Map.of(), "sentinel-x"));
      transport.send(new Outbound.Ping(ep, 1));
      assertEquals("PONG", sink.await(Inbound.PingReply.class, r -> r.id() == 1).text());
      transport.send(new Outbound.Disconnect(ep, LinkType.COMMAND));
      transport.send(new Outbound.Disconnect(ep, LinkType.PUBSUB));
      sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.COMMAND);
      sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.PUBSUB);

      // Wrong password: PING answers NOAUTH; the SUBSCRIBE error drops the pub/sub link (hiredis).
      transport.send(new Outbound.Connect(ep, new LinkSettings(null, "wrong", Map.of(), null)));
      sink.await(Inbound.LinkUp.class, u -> u.link() == LinkType.COMMAND);
      Inbound.LinkDown pubsubDown =
          sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.PUBSUB);
      assertTrue(pubsubDown.reason().contains("NOAUTH"), pubsubDown.reason());
      transport.send(new Outbound.Ping(ep, 2));
      Inbound.PingReply noauth = sink.await(Inbound.PingReply.class, r -> r.id() == 2);
      assertTrue(noauth.error());
      assertTrue(noauth.text().startsWith("NOAUTH"), noauth.text());
    }
  }

  @Test
  void authenticatesAsAnAclUser() throws Exception {
    try (LocalValkey node =
        LocalValkey.server("user sentinel on >pw ~* &* +@all", "user default off")) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, new LinkSettings("sentinel", "pw", Map.of(), null));
      transport.send(new Outbound.Ping(ep, 1));
      assertEquals("PONG", sink.await(Inbound.PingReply.class, r -> r.id() == 1).text());
    }
  }

  @Test
  void renamedCommandsAreSentUnderTheirNewNames() throws Exception {
    try (LocalValkey node =
        LocalValkey.server("rename-command PING PING-42", "rename-command SUBSCRIBE SUB-42")) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      LinkSettings renamed =
          new LinkSettings(null, null, Map.of("PING", "PING-42", "SUBSCRIBE", "SUB-42"), null);
      connectAndAwaitUp(ep, renamed);
      transport.send(new Outbound.Ping(ep, 1));
      assertEquals(
          new Inbound.PingReply(ep, 1, "PONG", false),
          sink.await(Inbound.PingReply.class, r -> r.id() == 1));
      awaitTrue(() -> node.call("PUBSUB", "NUMSUB", "__sentinel__:hello").contains(":1"));
    }
  }

  @Test
  void unansworedCommandTimesOutOnAStoppedServer() throws Exception {
    transport.close();
    transport = new NettyTransport(sink, new TransportOptions(1000, 300));
    try (LocalValkey node = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, LinkSettings.NONE);
      node.signal("STOP");
      transport.send(new Outbound.Ping(ep, 1));
      transport.send(new Outbound.Info(ep, 2));
      Inbound.CommandFailed failed = sink.await(Inbound.CommandFailed.class, f -> f.id() == 1);
      assertTrue(failed.error().startsWith("timeout"), failed.error());
      sink.await(Inbound.CommandFailed.class, f -> f.id() == 2);

      // Once the server runs again, the late replies are dropped and new requests line up.
      node.signal("CONT");
      transport.send(new Outbound.Ping(ep, 3));
      assertEquals("PONG", sink.await(Inbound.PingReply.class, r -> r.id() == 3).text());
      assertTrue(
          sink.drain().stream().noneMatch(m -> m instanceof Inbound.PingReply r && r.id() == 1));
    }
  }

  @Test
  void killedServerTakesBothLinksDown() throws Exception {
    try (LocalValkey node = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, LinkSettings.NONE);
      node.kill();
      sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.COMMAND);
      sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.PUBSUB);
      // Without a link a request is answered at once.
      transport.send(new Outbound.Ping(ep, 9));
      assertEquals(
          "link is not connected",
          sink.await(Inbound.CommandFailed.class, f -> f.id() == 9).error());
    }
  }

  @Test
  void refusedConnectionIsALinkDown() throws Exception {
    Endpoint ep = Endpoint.data("127.0.0.1", LocalValkey.freePort());
    transport.send(new Outbound.Connect(ep, LinkSettings.NONE));
    sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.COMMAND);
    sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.PUBSUB);
    transport.send(new Outbound.Disconnect(ep, LinkType.COMMAND));
    assertEquals(
        "not connected",
        sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.COMMAND).reason());
  }

  @Test
  void connectThatNeverCompletesTimesOut() throws Exception {
    transport.close();
    transport = new NettyTransport(sink, new TransportOptions(500, 30_000));
    // A listener that never accepts: once its backlog is full, the kernel drops further SYNs,
    // so a connect hangs like one to a black-holed address.
    try (java.net.ServerSocket deaf =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        boolean backlogFull = false;
        for (int i = 0; i < 8 && !backlogFull; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(deaf.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (java.io.IOException full) {
            s.close();
            backlogFull = true;
          }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(
            backlogFull, "this kernel completes connects beyond the backlog");
        Endpoint ep = Endpoint.sentinel("127.0.0.1", deaf.getLocalPort());
        long begin = System.nanoTime();
        transport.send(new Outbound.Connect(ep, LinkSettings.NONE));
        Inbound.LinkDown down =
            sink.await(Inbound.LinkDown.class, d -> d.link() == LinkType.COMMAND);
        long ms = (System.nanoTime() - begin) / 1_000_000;
        assertTrue(down.reason().contains("timed out"), down.reason());
        assertTrue(ms >= 450, "after the connect timeout, not before: " + ms + " ms");
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void asksAPeerSentinelWhetherThePrimaryIsDown() throws Exception {
    try (LocalValkey primary = LocalValkey.server();
        LocalValkey sentinel = LocalValkey.sentinel(primary.port)) {
      Endpoint peer = Endpoint.sentinel("127.0.0.1", sentinel.port);
      connectAndAwaitUp(peer, named("sentinel-abc"));
      transport.send(new Outbound.AskMasterDown(peer, 1, "127.0.0.1", primary.port, 0, "*"));
      assertEquals(
          new Inbound.AskReply(peer, 1, 0, "*", 0),
          sink.await(Inbound.AskReply.class, r -> r.id() == 1));
      // A peer sentinel accepts hellos through PUBLISH and answers with an integer.
      transport.send(
          new Outbound.PublishHello(
              peer,
              2,
              "127.0.0.1,1," + "b".repeat(40) + ",0,mymaster,127.0.0.1," + primary.port + ",0"));
      assertTrue(sink.await(Inbound.PublishReply.class, r -> r.id() == 2).ok());
    }
    // A data node does not know the SENTINEL command: malformed answers are failures.
    try (LocalValkey node = LocalValkey.server()) {
      Endpoint ep = Endpoint.data("127.0.0.1", node.port);
      connectAndAwaitUp(ep, LinkSettings.NONE);
      transport.send(new Outbound.AskMasterDown(ep, 3, "127.0.0.1", 1, 0, "*"));
      Inbound.CommandFailed failed = sink.await(Inbound.CommandFailed.class, f -> f.id() == 3);
      assertTrue(failed.error().startsWith("ERR unknown command"), failed.error());
    }
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void awaitTrue(Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
