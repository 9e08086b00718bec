package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expected bytes were captured from valkey-sentinel 8.0.1 configured the same way. */
class AuthAndAclCommandsTest extends ProtocolTestBase {

  @BeforeEach
  void protectedServer() {
    start(
        settings()
            .withRequirePass("sekret")
            .withAclUserLines(
                List.of(
                    "alice on >apw ~* &news* +ping +subscribe +psubscribe +client|id +acl"
                        + " +publish",
                    "bob off >bpw +@all")));
  }

  @Test
  void everythingButAuthAndHelloNeedsAuthentication() {
    Wire w = connect();
    assertEquals("-NOAUTH Authentication required.\r\n", w.sendRaw("PING\r\n"));
    assertEquals("-NOAUTH Authentication required.\r\n", w.sendRaw("CLIENT ID\r\n"));
    assertEquals(
        "-ERR unknown command 'FOO', with args beginning with: \r\n", w.sendRaw("FOO\r\n"));
    assertEquals(
        "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
            + " <proto> AUTH <user> <pass> option can be used to authenticate the client and select"
            + " the RESP protocol version at the same time\r\n",
        w.sendRaw("HELLO 3\r\n"));
    assertEquals(
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        w.sendRaw("AUTH x\r\n"));
    assertEquals(
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        w.sendRaw("AUTH bob bpw\r\n"));
    assertEquals("+OK\r\n+PONG\r\n", w.sendRaw("AUTH sekret\r\nPING\r\n"));
  }

  @Test
  void helloAuthAuthenticatesAndSwitchesProtocol() {
    Wire w = connect();
    assertEquals(
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        w.sendRaw("HELLO 3 AUTH default bad\r\n"));
    assertTrue(w.sendRaw("HELLO 3 AUTH default sekret\r\n").startsWith("%6\r\n"));
    assertEquals("$7\r\ndefault\r\n", w.send("ACL", "WHOAMI"));
  }

  @Test
  void unauthenticatedClientsGetSmallerRequestLimits() {
    Wire w = connect();
    assertEquals("-ERR Protocol error: unauthenticated multibulk length\r\n", w.sendRaw("*11\r\n"));
    assertFalse(w.isOpen());
    Wire v = connect();
    assertEquals(
        "-ERR Protocol error: unauthenticated bulk length\r\n",
        v.sendRaw("*2\r\n$4\r\nAUTH\r\n$16385\r\n"));
    Wire ok = connect();
    ok.sendRaw("AUTH sekret\r\n");
    assertEquals(
        "-ERR wrong number of arguments for 'ping' command\r\n",
        ok.send("PING", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"));
  }

  @Test
  void commandAndChannelPermissions() {
    Wire w = connect();
    assertEquals(
        "+OK\r\n-NOPERM User alice has no permissions to run the 'info' command\r\n:"
            + server.clients.all().get(0).id()
            + "\r\n-NOPERM User alice has no permissions to run the 'client|list' command\r\n"
            + "-NOPERM No permissions to access a channel\r\n",
        w.sendRaw("AUTH alice apw\r\nINFO\r\nCLIENT ID\r\nCLIENT LIST\r\nSUBSCRIBE foo\r\n"));
    assertEquals(
        "-NOPERM No permissions to access a channel\r\n", w.sendRaw("SUBSCRIBE news1 foo\r\n"));
    assertEquals(
        "-NOPERM No permissions to access a channel\r\n", w.sendRaw("PSUBSCRIBE news* n*\r\n"));
    assertEquals(
        "-NOPERM No permissions to access a channel\r\n$5\r\nalice\r\n"
            + "-NOPERM User alice has no permissions to run the 'sentinel|masters' command\r\n"
            + "-ERR wrong number of arguments for 'sentinel' command\r\n"
            + "-NOPERM User alice has no permissions to run the 'command|count' command\r\n",
        w.sendRaw(
            "PUBLISH __sentinel__:hello x\r\nACL WHOAMI\r\nSENTINEL MASTERS\r\nSENTINEL\r\n"
                + "COMMAND COUNT\r\n"));
    assertEquals(
        "*3\r\n$10\r\npsubscribe\r\n$5\r\nnews*\r\n:1\r\n", w.sendRaw("PSUBSCRIBE news*\r\n"));
    assertEquals(4, server.stats.aclDeniedCmd.get());
    assertEquals(4, server.stats.aclDeniedChannel.get());
  }

  @Test
  void aclListGetUserAndDryRun() {
    Wire w = connect();
    w.sendRaw("AUTH alice apw\r\n");
    assertEquals(
        "*3\r\n$180\r\nuser alice on sanitize-payload"
            + " #e528e908837a6f2c169a132a07f95107a5cc523f61d09d028c2fa799aeef4257 ~* resetchannels"
            + " &news* -@all +ping +subscribe +psubscribe +client|id +acl +publish\r\n"
            + "$115\r\nuser bob off sanitize-payload"
            + " #9310c3b61938c1dad30836509b0802e94943c56221c6e1b077bbd7c8ed5a427e resetchannels"
            + " +@all\r\n"
            + "$110\r\nuser default on sanitize-payload"
            + " #bb757689c39373a6cac9ef6ba55616c6249d7500ca4d443f1130c4766453a412 ~* &* +@all\r\n"
            + "*12\r\n$5\r\nflags\r\n*2\r\n$2\r\non\r\n$16\r\nsanitize-payload\r\n$9\r\npasswords"
            + "\r\n*1\r\n$64\r\ne528e908837a6f2c169a132a07f95107a5cc523f61d09d028c2fa799aeef4257\r\n"
            + "$8\r\ncommands\r\n$59\r\n-@all +ping +subscribe +psubscribe +client|id +acl +publish"
            + "\r\n$4\r\nkeys\r\n$2\r\n~*\r\n$8\r\nchannels\r\n$6\r\n&news*\r\n$9\r\nselectors\r\n"
            + "*0\r\n"
            + "$55\r\nUser alice has no permissions to run the 'info' command\r\n"
            + "-ERR Command 'client|list' not found\r\n"
            + "$62\r\nUser alice has no permissions to run the 'client|list' command\r\n"
            + "$55\r\nUser alice has no permissions to access the 'x' channel\r\n+OK\r\n",
        w.sendRaw(
            "ACL LIST\r\nACL GETUSER alice\r\nACL DRYRUN alice info\r\n"
                + "ACL DRYRUN alice client|list\r\nACL DRYRUN alice client list\r\n"
                + "ACL DRYRUN alice subscribe x\r\nACL DRYRUN bob ping\r\n"));
  }

  @Test
  void deletingAUserDisconnectsItsClients() {
    Wire alice = connect();
    alice.sendRaw("AUTH alice apw\r\n");
    Wire admin = connect();
    admin.sendRaw("AUTH sekret\r\n");
    assertEquals(
        "-ERR The 'default' user cannot be removed\r\n:1\r\n:0\r\n",
        admin.sendRaw("ACL DELUSER default\r\nACL DELUSER alice nobody\r\nACL DELUSER alice\r\n"));
    assertFalse(alice.isOpen());
    assertTrue(admin.isOpen());
  }

  @Test
  void denialsAreLoggedNewestFirstAndGrouped() {
    Wire alice = connect();
    alice.sendRaw(
        "AUTH alice apw\r\nINFO\r\nINFO\r\nSUBSCRIBE foo\r\nAUTH nobody x\r\nCLIENT LIST\r\n");
    Wire admin = connect();
    admin.sendRaw("AUTH sekret\r\n");
    String log = admin.send("ACL", "LOG");
    // Valkey 8.0.1 answered the same sequence with these entries, in this order and shape.
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "\\*20\r\n\\$5\r\ncount\r\n:(\\d+)\r\n\\$6\r\nreason\r\n\\$\\d+\r\n(\\w+)\r\n"
                    + "\\$7\r\ncontext\r\n\\$8\r\ntoplevel\r\n\\$6\r\nobject\r\n\\$\\d+\r\n(\\S+)\r\n"
                    + "\\$8\r\nusername\r\n\\$\\d+\r\n(\\w+)\r\n\\$11\r\nage-seconds\r\n\\$\\d+\r\n"
                    + "[0-9.]+\r\n\\$11\r\nclient-info\r\n\\$\\d+\r\nid=[^\r]* user=(\\w+) [^\r]*\r\n"
                    + "\\$8\r\nentry-id\r\n:(\\d+)\r\n\\$17\r\ntimestamp-created\r\n:\\d+\r\n"
                    + "\\$22\r\ntimestamp-last-updated\r\n:\\d+\r\n")
            .matcher(log);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(
          m.group(1)
              + " "
              + m.group(2)
              + " "
              + m.group(3)
              + " "
              + m.group(4)
              + " "
              + m.group(5)
              + " #"
              + m.group(6));
    }
    assertEquals(
        List.of(
            "1 command client|list alice alice #3",
            "1 auth AUTH nobody alice #2",
            "1 channel foo alice alice #1",
            "2 command info alice alice #0"),
        found,
        log);
    assertTrue(log.startsWith("*4\r\n"), log);
    assertTrue(admin.send("ACL", "LOG", "1").startsWith("*1\r\n"));
    assertEquals("*0\r\n", admin.send("ACL", "LOG", "-1"));
    assertEquals("-ERR value is not an integer or out of range\r\n", admin.send("ACL", "LOG", "x"));
    assertEquals("+OK\r\n*0\r\n", admin.sendRaw("ACL LOG RESET\r\nACL LOG\r\n"));
  }

  @Test
  void aclMiscellaneous() {
    Wire w = connect();
    w.sendRaw("AUTH sekret\r\n");
    String pass = w.send("ACL", "GENPASS");
    assertTrue(pass.matches("\\$64\r\n[0-9a-f]{64}\r\n"), pass);
    assertTrue(w.send("ACL", "GENPASS", "5").matches("\\$2\r\n[0-9a-f]{2}\r\n"));
    assertEquals(
        "-ERR ACL GENPASS argument must be the number of bits for the output password, a positive"
            + " number up to 4096\r\n",
        w.send("ACL", "GENPASS", "0"));
    assertEquals(
        "*5\r\n$9\r\nsubscribe\r\n$12\r\npunsubscribe\r\n$7\r\npublish\r\n$10\r\npsubscribe\r\n"
            + "$11\r\nunsubscribe\r\n",
        w.send("ACL", "CAT", "pubsub"));
    assertEquals("-ERR Unknown category 'nosuch'\r\n", w.send("ACL", "CAT", "nosuch"));
    assertEquals(
        "-ERR unknown subcommand or wrong number of arguments for 'CAT'. Try ACL HELP.\r\n",
        w.sendRaw("ACL CAT a b\r\n"));
    assertTrue(w.send("ACL", "CAT").startsWith("*21\r\n$8\r\nkeyspace\r\n$4\r\nread\r\n"));
    assertEquals("*0\r\n+OK\r\n", w.sendRaw("ACL LOG\r\nACL LOG RESET\r\n"));
    assertTrue(
        w.send("ACL", "HELP")
            .startsWith(
                "*29\r\n+ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"));
  }
}
