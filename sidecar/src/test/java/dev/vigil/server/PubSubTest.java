package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected bytes were captured from valkey-sentinel 8.0.1 with the same input. */
class PubSubTest extends ProtocolTestBase {

  @Test
  void resp2SubscribedModeAllowsOnlyPubSubCommandsAndPing() {
    Wire w = connect();
    assertEquals(
        "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
            + "*2\r\n$4\r\npong\r\n$0\r\n\r\n*2\r\n$4\r\npong\r\n$1\r\nx\r\n"
            + "-ERR Can't execute 'info': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT /"
            + " RESET are allowed in this context\r\n"
            + "-ERR Can't execute 'client|id': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT"
            + " / RESET are allowed in this context\r\n"
            + "*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n"
            + ":0\r\n+PONG\r\n",
        w.sendRaw(
            "SUBSCRIBE a b\r\nPING\r\nPING x\r\nINFO\r\nCLIENT ID\r\nUNSUBSCRIBE\r\nPING\r\n"));
    // Unknown commands are reported as such even in subscribed mode.
    w.send("SUBSCRIBE", "a");
    assertEquals(
        "-ERR unknown command 'QUIT', with args beginning with: \r\n", w.sendRaw("QUIT\r\n"));
  }

  @Test
  void unsubscribeOutsideSubscribedModeAndNullChannelReplies() {
    Wire w = connect();
    assertEquals(
        "*3\r\n$10\r\npsubscribe\r\n$1\r\np\r\n:1\r\n*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:1\r\n"
            + "*3\r\n$11\r\nunsubscribe\r\n$1\r\nx\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n"
            + ":2\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:2\r\n*3\r\n$12\r\npunsubscribe\r\n$1\r\n"
            + "p\r\n:1\r\n*3\r\n$12\r\npunsubscribe\r\n$1\r\np\r\n:1\r\n*3\r\n$12\r\npunsubscribe"
            + "\r\n$-1\r\n:1\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:0\r\n*3\r\n$11\r\n"
            + "unsubscribe\r\n$1\r\na\r\n:0\r\n+PONG\r\n",
        w.sendRaw(
            "PSUBSCRIBE p\r\nUNSUBSCRIBE\r\nUNSUBSCRIBE x\r\nSUBSCRIBE a a\r\nPUNSUBSCRIBE p p\r\n"
                + "PUNSUBSCRIBE\r\nUNSUBSCRIBE a a\r\nPING\r\n"));
    assertEquals(
        "-NOSUB 'unsubscribe' command executed not in subscribed mode\r\n"
            + "-NOSUB 'punsubscribe' command executed not in subscribed mode\r\n",
        w.sendRaw("UNSUBSCRIBE\r\nPUNSUBSCRIBE x\r\n"));
  }

  @Test
  void resp3UsesPushesAndAllowsEverythingWhileSubscribed() {
    Wire w = connect();
    w.send("HELLO", "3");
    assertEquals(
        ">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n+PONG\r\n",
        w.sendRaw("SUBSCRIBE a\r\nPING\r\n"));
    assertEquals("*2\r\n$8\r\nsentinel\r\n*1\r\n$8\r\nmymaster\r\n", w.send("ROLE"));
    assertEquals(1, server.pubSub.publish("a", "hi"));
    assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n", w.output());
  }

  @Test
  void publishReachesChannelAndPatternSubscribersInTheirProtocol() {
    Wire resp2 = connect();
    Wire resp3 = connect();
    Wire other = connect();
    resp2.send("SUBSCRIBE", "+switch-master");
    resp3.send("HELLO", "3");
    resp3.send("PSUBSCRIBE", "*");
    other.send("SUBSCRIBE", "+sdown");
    assertEquals(2, server.pubSub.publish("+switch-master", "m 1.1.1.1 1 2.2.2.2 2"));
    assertEquals(
        "*3\r\n$7\r\nmessage\r\n$14\r\n+switch-master\r\n$21\r\nm 1.1.1.1 1 2.2.2.2 2\r\n",
        resp2.output());
    assertEquals(
        ">4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$14\r\n+switch-master\r\n$21\r\n"
            + "m 1.1.1.1 1 2.2.2.2 2\r\n",
        resp3.output());
    assertEquals("", other.output());
    assertEquals(1, server.pubSub.publish("only-the-pattern-matches", "x"));
  }

  @Test
  void closedConnectionsLeaveNoSubscriptionsBehind() {
    Wire w = connect();
    w.send("SUBSCRIBE", "a", "b");
    w.send("PSUBSCRIBE", "c*");
    assertEquals(2, server.pubSub.channelCount());
    w.channel.close();
    w.isOpen();
    assertEquals(0, server.pubSub.channelCount());
    assertEquals(0, server.pubSub.patternCount());
    assertEquals(0, server.pubSub.publish("a", "x"));
    assertEquals(List.of(), server.clients.all());
  }

  @Test
  void clientReplyOffSilencesMessagesToo() {
    Wire w = connect();
    w.send("HELLO", "3");
    w.send("SUBSCRIBE", "a");
    w.send("CLIENT", "REPLY", "OFF");
    server.pubSub.publish("a", "x");
    assertEquals("", w.output());
  }
}
