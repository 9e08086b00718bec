package dev.vigil.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.LinkSettings;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCommandsTest {
  private static final Endpoint EP = Endpoint.data("10.0.0.1", 6379);

  @Test
  void handshakeSendsAuthThenClientName() {
    assertEquals(List.of(), WireCommands.handshake(LinkSettings.NONE, LinkType.COMMAND));
    assertEquals(
        List.of(List.of("AUTH", "pw"), List.of("CLIENT", "SETNAME", "sentinel-12345678-cmd")),
        WireCommands.handshake(
            new LinkSettings(null, "pw", Map.of(), "sentinel-12345678"), LinkType.COMMAND));
    assertEquals(
        List.of(
            List.of("AUTH", "bob", "pw"), List.of("CLIENT", "SETNAME", "sentinel-12345678-pubsub")),
        WireCommands.handshake(
            new LinkSettings("bob", "pw", Map.of(), "sentinel-12345678"), LinkType.PUBSUB));
  }

  @Test
  void replicaOfIsSentinelsTransaction() {
    assertEquals(
        List.of(
            List.of("MULTI"),
            List.of("SLAVEOF", "10.0.0.2", "6380"),
            List.of("CONFIG", "REWRITE"),
            List.of("CLIENT", "KILL", "TYPE", "normal"),
            List.of("CLIENT", "KILL", "TYPE", "pubsub"),
            List.of("EXEC")),
        WireCommands.forRequest(new Outbound.ReplicaOf(EP, 1, "10.0.0.2", 6380), Map.of()));
    assertEquals(
        List.of("SLAVEOF", "NO", "ONE"),
        WireCommands.forRequest(new Outbound.ReplicaOf(EP, 1, null, 0), Map.of()).get(1));
  }

  @Test
  void fenceCommandsReadSetAndRestoreTheLimits() {
    Map<String, String> renamed = Map.of("CONFIG", "cfg-x");
    assertEquals(
        List.of(List.of("cfg-x", "GET", "min-replicas-*")),
        WireCommands.forRequest(new Outbound.FenceQuery(EP, 1), renamed));
    assertEquals(
        List.of(
            List.of(
                "cfg-x",
                "SET",
                "min-replicas-to-write",
                "1000000000",
                "min-replicas-max-lag",
                "10"),
            List.of("cfg-x", "REWRITE")),
        WireCommands.forRequest(new Outbound.SetFence(EP, 2, 1_000_000_000L, 10), renamed));
    assertEquals(
        List.of(
            List.of("MULTI"),
            List.of("SLAVEOF", "10.0.0.2", "6380"),
            List.of("CONFIG", "SET", "min-replicas-to-write", "0", "min-replicas-max-lag", "10"),
            List.of("CONFIG", "REWRITE"),
            List.of("CLIENT", "KILL", "TYPE", "normal"),
            List.of("CLIENT", "KILL", "TYPE", "pubsub"),
            List.of("EXEC")),
        WireCommands.forRequest(new Outbound.Demote(EP, 3, "10.0.0.2", 6380, 0, 10), Map.of()));
  }

  @Test
  void onlyCommandNamesAreRenamed() {
    Map<String, String> renamed = Map.of("CONFIG", "cfg-x", "SLAVEOF", "so", "SENTINEL", "snt");
    List<List<String>> tx = WireCommands.forRequest(new Outbound.ReplicaOf(EP, 1, "h", 1), renamed);
    assertEquals(List.of("so", "h", "1"), tx.get(1));
    assertEquals(List.of("cfg-x", "REWRITE"), tx.get(2));
    assertEquals(
        List.of("snt", "is-master-down-by-addr", "10.0.0.1", "6379", "18446744073709551615", "*"),
        WireCommands.forRequest(
                new Outbound.AskMasterDown(
                    Endpoint.sentinel("10.0.0.9", 26379), 2, "10.0.0.1", 6379, -1L, "*"),
                renamed)
            .get(0));
    assertEquals("cfg-x", WireCommands.name(Map.of("config", "cfg-x"), "CONFIG"));
    assertEquals("PING", WireCommands.name(renamed, "PING"));
  }

  @Test
  void publishesOnTheHelloChannel() {
    assertEquals(
        List.of(List.of("PUBLISH", "__sentinel__:hello", "a,b")),
        WireCommands.forRequest(new Outbound.PublishHello(EP, 3, "a,b"), Map.of()));
  }

  @Test
  void encoderWritesArraysOfBulkStrings() {
    ByteBuf out = Unpooled.buffer();
    RespCommandEncoder.writeCommand(List.of("SET", "k", "h\u00e9"), out);
    assertEquals(
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nh\u00e9\r\n", out.toString(StandardCharsets.UTF_8));
    out.release();
  }
}
