package dev.vigil.server;

import static dev.vigil.server.Wire.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expected bytes below were captured from valkey-sentinel 8.0.1 with the same input. */
class CommandDispatcherTest extends ProtocolTestBase {

  @Test
  void everyTableCommandHasAHandlerAndNoOtherCommandIsServed() {
    connect();
    assertEquals(
        Set.of(
            "ping",
            "auth",
            "hello",
            "info",
            "role",
            "publish",
            "subscribe",
            "unsubscribe",
            "psubscribe",
            "punsubscribe",
            "shutdown",
            "sentinel",
            "command",
            "acl",
            "client"),
        dispatcher.handledCommands());
    assertEquals(15, server.table.commands().size());
  }

  @Test
  void pingInlineMultibulkAndArity() {
    Wire w = connect();
    assertEquals("+PONG\r\n", w.sendRaw("PING\r\n"));
    assertEquals("$3\r\na b\r\n", w.sendRaw("PING 'a b'\r\n"));
    assertEquals("+PONG\r\n+PONG\r\n", w.sendRaw("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nping\r\n", 3));
    assertEquals(
        "-ERR wrong number of arguments for 'ping' command\r\n", w.sendRaw("PING \"a b\" c\r\n"));
  }

  @Test
  void unknownCommandsQuoteTheirArgumentsLikeValkey() {
    Wire w = connect();
    assertEquals(
        "-ERR unknown command 'echo', with args beginning with: 'hi' \r\n", w.send("echo", "hi"));
    assertEquals(
        "-ERR unknown command 'foo', with args beginning with: 'a' 'b' 'c' \r\n",
        w.send("foo", "a", "b", "c"));
    assertEquals(
        "-ERR unknown command 'QUIT', with args beginning with: \r\n", w.sendRaw("QUIT\r\n"));
    // The argument list stops growing at 128 characters; each argument is cut to what is left.
    String a = "x".repeat(100);
    String b = "y".repeat(100);
    assertEquals(
        "-ERR unknown command 'foo', with args beginning with: '"
            + a
            + "' '"
            + "y".repeat(25)
            + "' \r\n",
        w.send("foo", a, b, "z"));
    assertEquals(
        "-ERR unknown command 'a b', with args beginning with: 'c  d' \r\n",
        w.send("a\nb", "c\r\nd"));
  }

  @Test
  void containerSubcommandAndArityErrors() {
    Wire w = connect();
    assertEquals("-ERR wrong number of arguments for 'sentinel' command\r\n", w.send("sentinel"));
    assertEquals(
        "-ERR unknown subcommand 'foo'. Try SENTINEL HELP.\r\n", w.send("sentinel", "foo"));
    assertEquals("-ERR unknown subcommand 'FoO'. Try CLIENT HELP.\r\n", w.send("client", "FoO"));
    assertEquals(
        "-ERR unknown subcommand 'no-touch'. Try CLIENT HELP.\r\n",
        w.send("client", "no-touch", "on"));
    assertEquals(
        "-ERR wrong number of arguments for 'sentinel|masters' command\r\n",
        w.send("sentinel", "masters", "x"));
    assertEquals(
        "-ERR wrong number of arguments for 'sentinel|set' command\r\n",
        w.send("sentinel", "set", "a", "b"));
    assertEquals(
        "-ERR wrong number of arguments for 'client|setname' command\r\n",
        w.send("client", "setname"));
    assertEquals("-ERR wrong number of arguments for 'role' command\r\n", w.send("role", "x"));
    assertEquals("-ERR wrong number of arguments for 'subscribe' command\r\n", w.send("subscribe"));
    assertTrue(fake.sentinelCalls.isEmpty(), "rejected calls never reach the engine");
  }

  @Test
  void sentinelSubcommandsReachTheEngineWithTheirArguments() {
    Wire w = connect();
    assertEquals(
        "*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n",
        w.send("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"));
    assertEquals("*-1\r\n", w.send("sentinel", "get-master-addr-by-name", "nope"));
    w.send("HELLO", "3");
    assertEquals("_\r\n", w.send("sentinel", "get-master-addr-by-name", "nope"));
    assertEquals(
        java.util.List.of(
            "get-master-addr-by-name mymaster",
            "get-master-addr-by-name nope",
            "get-master-addr-by-name nope"),
        fake.sentinelCalls);
    assertEquals("-ERR engine exploded\r\n", w.send("sentinel", "failover", "mymaster"));
  }

  @Test
  void asyncSentinelRepliesKeepPipelineOrder() throws Exception {
    java.util.concurrent.ExecutorService engine =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      // The "engine" answers SENTINEL on its own thread, after PINGs that were sent later could
      // already have been answered.
      fake.asyncReplies =
          r ->
              engine.execute(
                  () -> {
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    r.run();
                  });
      Wire w = connect();
      String myid = "$40\r\n0123456789012345678901234567890123456789\r\n";
      String expected = myid + "+PONG\r\n" + myid + "+PONG\r\n";
      StringBuilder got = new StringBuilder();
      got.append(
          w.sendRaw(
              command("SENTINEL", "MYID") + "PING\r\n" + command("SENTINEL", "MYID") + "PING\r\n"));
      assertEquals("", got.toString(), "nothing may overtake the pending SENTINEL reply");
      got.append(w.awaitOutput(expected.length() - got.length()));
      assertEquals(expected, got.toString());
    } finally {
      engine.shutdownNow();
    }
  }

  @Test
  void sentinelArityTableIsValkeys() {
    connect();
    java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
    for (String s :
        List.of(
            "help 2",
            "masters 2",
            "primaries 2",
            "master 3",
            "primary 3",
            "replicas 3",
            "slaves 3",
            "sentinels 3",
            "get-master-addr-by-name 3",
            "get-primary-addr-by-name 3",
            "is-master-down-by-addr 6",
            "is-primary-down-by-addr 6",
            "reset 3",
            "failover 3",
            "ckquorum 3",
            "flushconfig 2",
            "monitor 6",
            "remove 3",
            "set -5",
            "config -4",
            "info-cache -3",
            "pending-scripts 2",
            "simulate-failure -3",
            "debug -2",
            "myid 2")) {
      String[] p = s.split(" ");
      expected.put(p[0], Integer.parseInt(p[1]));
    }
    java.util.Map<String, Integer> actual = new java.util.TreeMap<>();
    server
        .table
        .command("sentinel")
        .subcommands()
        .values()
        .forEach(c -> actual.put(c.name(), c.arity()));
    assertEquals(expected, actual);
    assertEquals(-2, server.table.command("sentinel").arity());
  }

  @Test
  void aFailingHookCostsOneErrorReplyNotTheConnection() {
    fake.primaries = null;
    Wire w = connect();
    String reply = w.send("ROLE");
    assertTrue(reply.startsWith("-ERR Internal error in 'role': "), reply);
    assertEquals("+PONG\r\n", w.sendRaw("PING\r\n"));
  }

  @Test
  void connectionsBeyondMaxClientsAreRefused() {
    start(settings().withMaxClients(1));
    Wire first = connect();
    Wire second = connect();
    assertEquals("-ERR max number of clients reached\r\n", second.output());
    assertFalse(second.isOpen());
    assertEquals("+PONG\r\n", first.sendRaw("PING\r\n"));
  }

  @Test
  void protocolErrorIsAnsweredAfterEarlierRepliesThenTheConnectionCloses() {
    Wire w = connect();
    assertEquals(
        "+PONG\r\n-ERR Protocol error: expected '$', got 'P'\r\n",
        w.sendRaw("*1\r\n$4\r\nPING\r\n*1\r\nPING\r\nPING\r\n"));
    assertFalse(w.isOpen());
    Wire other = connect();
    assertEquals("+PONG\r\n", other.sendRaw("PING\r\n"));
  }

  @Test
  void protocolErrorTexts() {
    assertProtocolError("*1\r\n$536870913\r\n", "invalid bulk length");
    assertProtocolError("*abc\r\n", "invalid multibulk length");
    assertProtocolError("PING \"unbalanced\r\n", "unbalanced quotes in request");
  }

  private void assertProtocolError(String input, String text) {
    Wire w = connect();
    assertEquals("-ERR Protocol error: " + text + "\r\n", w.sendRaw(input));
    assertFalse(w.isOpen());
  }

  @Test
  void helloSwitchesProtocolAndAnswersWithTheSentinelMap() {
    Wire w = connect();
    String id = Long.toString(server.clients.all().get(0).id());
    assertEquals(
        "*12\r\n$6\r\nserver\r\n$6\r\nvalkey\r\n$7\r\nversion\r\n$5\r\n8.0.1\r\n$5\r\nproto\r\n"
            + ":2\r\n$2\r\nid\r\n:"
            + id
            + "\r\n$4\r\nmode\r\n$8\r\nsentinel\r\n$7\r\nmodules\r\n"
            + "*0\r\n",
        w.send("HELLO"));
    assertEquals(
        "%6\r\n$6\r\nserver\r\n$6\r\nvalkey\r\n$7\r\nversion\r\n$5\r\n8.0.1\r\n$5\r\nproto\r\n"
            + ":3\r\n$2\r\nid\r\n:"
            + id
            + "\r\n$4\r\nmode\r\n$8\r\nsentinel\r\n$7\r\nmodules\r\n"
            + "*0\r\n",
        w.send("HELLO", "3"));
    assertEquals("-NOPROTO unsupported protocol version\r\n", w.send("HELLO", "1"));
    assertEquals("-NOPROTO unsupported protocol version\r\n", w.send("HELLO", "4"));
    assertEquals(
        "-ERR Protocol version is not an integer or out of range\r\n", w.send("HELLO", "x"));
    assertEquals("-ERR Syntax error in HELLO option 'foo'\r\n", w.send("HELLO", "3", "foo"));
    assertEquals(
        "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
        w.send("HELLO", "3", "SETNAME", "a b"));
    w.send("HELLO", "2", "SETNAME", "conn1");
    assertEquals("$5\r\nconn1\r\n", w.send("CLIENT", "GETNAME"));
  }

  @Test
  void extendedRedisCompatibilitySaysRedis() {
    start(settings().withExtendedRedisCompatibility(true));
    Wire w = connect();
    String out = w.send("HELLO", "3");
    assertTrue(
        out.startsWith("%6\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n"),
        out);
    assertTrue(w.send("INFO", "server").contains("\r\nredis_mode:sentinel\r\n"));
  }

  @Test
  void roleNamesComeFromTheProvider() {
    fake.primaries = java.util.List.of("mymaster", "other");
    Wire w = connect();
    assertEquals("*2\r\n$8\r\nsentinel\r\n*2\r\n$8\r\nmymaster\r\n$5\r\nother\r\n", w.send("ROLE"));
  }

  @Test
  void publishAcceptsOnlySentinelHellos() {
    Wire w = connect();
    assertEquals(
        ":1\r\n",
        w.send("PUBLISH", "__sentinel__:hello", "127.0.0.1,26380,abc,0,m,127.0.0.1,6379,0"));
    assertEquals(
        "-ERR Only HELLO messages are accepted by Sentinel instances.\r\n",
        w.send("PUBLISH", "a", "b"));
    assertEquals(java.util.List.of("127.0.0.1,26380,abc,0,m,127.0.0.1,6379,0"), fake.hellos);
  }

  @Test
  void shutdownIsHandedToTheLifecycleAndClosesWithoutReply() {
    Wire w = connect();
    assertEquals("-ERR syntax error\r\n", w.send("SHUTDOWN", "foo"));
    assertEquals("-ERR No shutdown in progress.\r\n", w.send("SHUTDOWN", "ABORT"));
    assertEquals(0, fake.shutdowns.get());
    assertEquals("", w.send("SHUTDOWN", "NOSAVE"));
    assertEquals(1, fake.shutdowns.get());
    assertFalse(w.isOpen());
  }

  @Test
  void clientReplyOffAndSkip() {
    Wire w = connect();
    assertEquals(
        "+OK\r\n+PONG\r\n+PONG\r\n",
        w.sendRaw(
            "CLIENT REPLY OFF\r\nPING\r\nCLIENT REPLY ON\r\nPING\r\nCLIENT REPLY SKIP\r\nPING\r\n"
                + "PING\r\n"));
  }
}
