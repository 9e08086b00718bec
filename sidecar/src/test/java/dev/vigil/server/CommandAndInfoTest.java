package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected COMMAND bytes were captured from valkey-sentinel 8.0.1. */
class CommandAndInfoTest extends ProtocolTestBase {

  @Test
  void commandCountListInfoDocs() {
    Wire w = connect();
    assertEquals(":15\r\n", w.send("COMMAND", "COUNT"));
    String list = w.send("COMMAND", "LIST");
    assertTrue(list.startsWith("*77\r\n"), list);
    assertTrue(list.contains("$13\r\nsentinel|myid\r\n"), list);
    assertTrue(list.contains("$11\r\nclient|list\r\n"), list);
    assertFalse(list.contains("echo"), list);
    w.send("HELLO", "3");
    assertEquals(
        "*1\r\n*10\r\n$4\r\nping\r\n:-1\r\n~1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@fast\r\n"
            + "+@connection\r\n~2\r\n$25\r\nrequest_policy:all_shards\r\n$29\r\n"
            + "response_policy:all_succeeded\r\n~0\r\n~0\r\n",
        w.send("COMMAND", "INFO", "ping"));
    assertEquals(
        "%1\r\n$4\r\nping\r\n%5\r\n$7\r\nsummary\r\n$41\r\nReturns the server's liveliness"
            + " response.\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n"
            + "$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$9\r\narguments\r\n*1\r\n%4\r\n$4\r\nname\r\n$7"
            + "\r\nmessage\r\n$4\r\ntype\r\n$6\r\nstring\r\n$12\r\ndisplay_text\r\n$7\r\nmessage"
            + "\r\n$5\r\nflags\r\n~1\r\n+optional\r\n",
        w.send("COMMAND", "DOCS", "ping", "echo"));
    assertEquals("%0\r\n", w.send("COMMAND", "DOCS", "nosuch"));
    assertEquals("*1\r\n_\r\n", w.send("COMMAND", "INFO", "nosuch"));
    assertTrue(w.send("COMMAND", "DOCS", "client|list").startsWith("%1\r\n$11\r\nclient|list\r\n"));
  }

  @Test
  void commandFiltersAndKeys() {
    Wire w = connect();
    assertEquals(
        "*5\r\n$9\r\nsubscribe\r\n$12\r\npunsubscribe\r\n$7\r\npublish\r\n$10\r\npsubscribe\r\n"
            + "$11\r\nunsubscribe\r\n",
        w.send("COMMAND", "LIST", "FILTERBY", "ACLCAT", "pubsub"));
    assertTrue(
        w.send("COMMAND", "LIST", "FILTERBY", "PATTERN", "cl*")
            .startsWith("*18\r\n$6\r\nclient\r\n"));
    assertEquals("-ERR syntax error\r\n", w.send("COMMAND", "LIST", "FILTERBY", "foo", "x"));
    assertEquals("-ERR Invalid command specified\r\n", w.send("COMMAND", "GETKEYS", "nosuch"));
    assertEquals(
        "-ERR Invalid number of arguments specified for command\r\n",
        w.send("COMMAND", "GETKEYS", "role", "x"));
    assertEquals("-ERR The command has no key arguments\r\n", w.send("COMMAND", "GETKEYS", "ping"));
    assertEquals(
        "-ERR wrong number of arguments for 'command|count' command\r\n",
        w.send("COMMAND", "COUNT", "x"));
  }

  @Test
  void infoSectionsInValkeysOrder() {
    Wire w = connect();
    String all = w.send("INFO", "sentinel", "server", "cpu", "stats", "clients");
    assertEquals(keys(all), keys(w.send("INFO")));
    assertEquals(keys(all), keys(w.send("INFO", "everything")));
    int server = all.indexOf("# Server\r\n");
    int clients = all.indexOf("\r\n\r\n# Clients\r\n");
    int stats = all.indexOf("\r\n\r\n# Stats\r\n");
    int cpu = all.indexOf("\r\n\r\n# CPU\r\n");
    int sentinel = all.indexOf("\r\n\r\n# Sentinel\r\n");
    assertTrue(
        server > 0 && server < clients && clients < stats && stats < cpu && cpu < sentinel, all);
    assertTrue(all.endsWith("\r\n# Sentinel\r\n" + fake.infoSection + "\r\n"), all);
    assertTrue(all.contains("\r\nserver_mode:sentinel\r\n"));
    assertTrue(
        all.contains("\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n"));
    assertTrue(all.contains("\r\nrun_id:9a109eebd85ae0e4b58c56af7993d8fb285b0d16\r\n"));
    assertTrue(all.contains("\r\nconnected_clients:1\r\n"));
    assertEquals("$0\r\n\r\n", w.send("INFO", "memory"));
    String sentinelOnly = w.send("INFO", "SENTINEL");
    String body = "# Sentinel\r\n" + fake.infoSection;
    assertEquals("$" + body.length() + "\r\n" + body + "\r\n", sentinelOnly);
  }

  private static java.util.List<String> keys(String info) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (String line : info.split("\r\n")) {
      int colon = line.indexOf(':');
      keys.add(colon < 0 ? line : line.substring(0, colon));
    }
    return keys.subList(1, keys.size());
  }

  @Test
  void clientsSectionCountsPubSubAndTrackingClients() {
    Wire a = connect();
    Wire b = connect();
    a.send("SUBSCRIBE", "x");
    b.send("CLIENT", "TRACKING", "on");
    String clients = b.send("INFO", "clients");
    assertTrue(clients.contains("\r\nconnected_clients:2\r\n"), clients);
    assertTrue(clients.contains("\r\npubsub_clients:1\r\n"), clients);
    assertTrue(clients.contains("\r\ntracking_clients:1\r\n"), clients);
  }

  @Test
  void statsCountWhatHappened() {
    Wire w = connect();
    w.sendRaw("PING\r\nPING\r\nNOPE\r\n");
    String stats = w.send("INFO", "stats");
    assertTrue(stats.contains("\r\ntotal_connections_received:1\r\n"), stats);
    assertTrue(stats.contains("\r\ntotal_commands_processed:2\r\n"), stats);
    assertTrue(stats.contains("\r\ntotal_error_replies:1\r\n"), stats);
  }
}
