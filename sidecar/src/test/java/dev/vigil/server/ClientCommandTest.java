package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientCommandTest extends ProtocolTestBase {

  private long id(Wire w) {
    String r = w.send("CLIENT", "ID");
    return Long.parseLong(r.substring(1, r.length() - 2));
  }

  @Test
  void namesAndLibraryInfoAreValidatedLikeValkey() {
    Wire w = connect();
    assertEquals("$-1\r\n", w.send("CLIENT", "GETNAME"));
    assertEquals(
        "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
        w.send("CLIENT", "SETNAME", "a b"));
    assertEquals("+OK\r\n$3\r\nabc\r\n", w.sendRaw("CLIENT SETNAME abc\r\nCLIENT GETNAME\r\n"));
    assertEquals("+OK\r\n$-1\r\n", w.sendRaw("CLIENT SETNAME \"\"\r\nCLIENT GETNAME\r\n"));
    assertEquals(
        "-ERR wrong number of arguments for 'client|setinfo' command\r\n",
        w.send("CLIENT", "SETINFO", "lib-name", "x", "y"));
    assertEquals(
        "-ERR LIB-NAME cannot contain spaces, newlines or special characters.\r\n",
        w.send("CLIENT", "SETINFO", "LIB-NAME", "a b"));
    assertEquals(
        "-ERR Unrecognized option 'lib-foo'\r\n", w.send("CLIENT", "SETINFO", "lib-foo", "x"));
    assertEquals(
        "+OK\r\n+OK\r\n",
        w.sendRaw("CLIENT SETINFO lib-name jedis\r\nCLIENT SETINFO LIB-VER 5.2.0\r\n"));
    String info = w.send("CLIENT", "INFO");
    assertTrue(info.contains(" lib-name=jedis lib-ver=5.2.0 "), info);
  }

  @Test
  void listAndInfoLines() {
    Wire a = connect();
    Wire b = connect();
    a.send("CLIENT", "SETNAME", "first");
    b.send("SUBSCRIBE", "x");
    String list = a.send("CLIENT", "LIST");
    String body = list.substring(list.indexOf("\r\n") + 2, list.length() - 2);
    String[] lines = body.split("\n");
    assertEquals(2, lines.length, list);
    assertTrue(
        lines[0].matches(
            "id=\\d+ addr=\\S+ laddr=\\S+ fd=-1 name=first age=\\d+ idle=\\d+ flags=N db=0 sub=0"
                + " psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0"
                + " rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=client\\|list user=default"
                + " redir=-1 resp=2 lib-name= lib-ver= tot-net-in=\\d+ tot-net-out=\\d+"
                + " tot-cmds=\\d+"),
        lines[0]);
    assertTrue(lines[1].contains(" flags=P ") && lines[1].contains(" sub=1 "), lines[1]);
    String pubsubOnly = a.send("CLIENT", "LIST", "TYPE", "pubsub");
    assertEquals(1, pubsubOnly.split("id=").length - 1, pubsubOnly);
    assertTrue(pubsubOnly.contains(" flags=P "), pubsubOnly);
    assertEquals("-ERR Unknown client type 'foo'\r\n", a.send("CLIENT", "LIST", "TYPE", "foo"));
    assertEquals("-ERR Invalid client ID\r\n", a.send("CLIENT", "LIST", "ID", "x"));
    assertEquals("-ERR syntax error\r\n", a.send("CLIENT", "LIST", "foo"));
    a.send("HELLO", "3");
    assertTrue(a.send("CLIENT", "INFO").startsWith("="), "verbatim text in RESP3");
  }

  @Test
  void killByFiltersAndLegacyAddress() {
    Wire me = connect();
    Wire victim = connect();
    Wire subscriber = connect();
    subscriber.send("SUBSCRIBE", "x");
    assertEquals(":1\r\n", me.send("CLIENT", "KILL", "ID", Long.toString(id(victim))));
    assertFalse(victim.isOpen());
    assertEquals(":1\r\n", me.send("CLIENT", "KILL", "TYPE", "pubsub"));
    assertFalse(subscriber.isOpen());
    assertEquals("-ERR No such client\r\n", me.send("CLIENT", "KILL", "1.2.3.4:5"));
    assertEquals(":0\r\n", me.send("CLIENT", "KILL", "TYPE", "normal"), "SKIPME yes by default");
    assertEquals(
        "-ERR client-id should be greater than 0\r\n", me.send("CLIENT", "KILL", "ID", "0"));
    assertEquals("-ERR Unknown client type 'foo'\r\n", me.send("CLIENT", "KILL", "TYPE", "foo"));
    assertEquals("-ERR No such user 'nobody'\r\n", me.send("CLIENT", "KILL", "USER", "nobody"));
    assertEquals("-ERR syntax error\r\n", me.send("CLIENT", "KILL", "SKIPME", "maybe"));
    assertEquals("-ERR syntax error\r\n", me.send("CLIENT", "KILL", "ID", "1", "TYPE"));
    assertEquals(
        "-ERR maxage is not an integer or out of range\r\n",
        me.send("CLIENT", "KILL", "MAXAGE", "x"));
    assertEquals(":1\r\n", me.send("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"));
    assertFalse(me.isOpen(), "killing yourself closes after the reply");
  }

  @Test
  void pauseTrackingAndHelp() {
    Wire w = connect();
    assertEquals(
        "-ERR timeout is not an integer or out of range\r\n", w.send("CLIENT", "PAUSE", "x"));
    assertEquals(
        "-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", w.send("CLIENT", "PAUSE", "10", "foo"));
    assertEquals("+OK\r\n+OK\r\n", w.sendRaw("CLIENT PAUSE 10 WRITE\r\nCLIENT UNPAUSE\r\n"));
    assertEquals(
        "+OK\r\n-ERR syntax error\r\n", w.sendRaw("CLIENT NO-EVICT on\r\nCLIENT NO-EVICT x\r\n"));
    assertEquals(":-1\r\n", w.send("CLIENT", "GETREDIR"));
    assertEquals(
        "+OK\r\n-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n"
            + "+OK\r\n*6\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n$5\r\noptin\r\n$11\r\ncaching-yes\r\n"
            + "$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n",
        w.sendRaw(
            "CLIENT TRACKING on optin\r\nCLIENT CACHING no\r\nCLIENT CACHING yes\r\n"
                + "CLIENT TRACKINGINFO\r\n"));
    String help = w.send("CLIENT", "HELP");
    assertTrue(help.startsWith("*"), help);
    assertTrue(help.endsWith("+HELP\r\n+    Print this help.\r\n"), help);
  }
}
