package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ACL LIST lines below are what valkey-sentinel 8.0.1 printed for the same rules. */
class AclTest {
  private final CommandTable table = CommandTable.sentinel();

  private AclStore store(String... userLines) {
    return new AclStore(table, null, List.of(userLines));
  }

  private static List<byte[]> args(String... a) {
    return java.util.Arrays.stream(a).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Test
  void defaultUserOfAFreshSentinel() {
    AclStore s = store();
    assertEquals("user default on nopass sanitize-payload ~* &* +@all", s.defaultUser().describe());
    assertFalse(s.authRequiredForNewConnections());
  }

  @Test
  void requirepassIsTheDefaultUsersPassword() {
    AclStore s = new AclStore(table, "sekret", List.of());
    assertTrue(s.authRequiredForNewConnections());
    assertEquals(
        "user default on sanitize-payload"
            + " #bb757689c39373a6cac9ef6ba55616c6249d7500ca4d443f1130c4766453a412 ~* &* +@all",
        s.defaultUser().describe());
    assertEquals("default", s.authenticate("default", "sekret").name());
    assertNull(s.authenticate("default", "wrong"));
  }

  @Test
  void userLinesAreDescribedLikeValkey() {
    AclStore s =
        store(
            "alice on >apw ~* &news* +ping +subscribe +psubscribe +client|id +acl +publish",
            "bob off >bpw +@all");
    assertEquals(
        "user alice on sanitize-payload"
            + " #e528e908837a6f2c169a132a07f95107a5cc523f61d09d028c2fa799aeef4257 ~*"
            + " resetchannels &news* -@all +ping +subscribe +psubscribe +client|id +acl +publish",
        s.user("alice").describe());
    assertEquals(
        "user bob off sanitize-payload"
            + " #9310c3b61938c1dad30836509b0802e94943c56221c6e1b077bbd7c8ed5a427e resetchannels"
            + " +@all",
        s.user("bob").describe());
    assertNull(s.authenticate("bob", "bpw"), "a disabled user cannot log in");
    assertEquals(
        List.of("alice", "bob", "default"), s.users().stream().map(AclUser::name).toList());
  }

  @Test
  void ruleCompactionMatchesValkey() {
    AclStore s = store();
    assertNull(
        s.setUser("u1", List.of("-@all", "+ping", "+client|id", "+client|setname", "+client")));
    assertEquals(
        "user u1 off sanitize-payload resetchannels -@all +ping +client", s.user("u1").describe());
    assertNull(s.setUser("u1", List.of("reset")));
    assertEquals("user u1 off sanitize-payload resetchannels -@all", s.user("u1").describe());
    assertNull(s.setUser("u3", List.of("+acl|whoami", "-acl")));
    assertEquals("user u3 off sanitize-payload resetchannels -@all -acl", s.user("u3").describe());
    assertNull(
        s.setUser(
            "u2",
            List.of(
                "on",
                "nopass",
                "+@all",
                "-client|kill",
                "-sentinel",
                "+sentinel|masters",
                "&a*",
                "~k*")));
    assertEquals(
        "user u2 on nopass sanitize-payload ~k* resetchannels &a* +@all -client|kill -sentinel"
            + " +sentinel|masters",
        s.user("u2").describe());
    assertNull(s.setUser("u4", List.of("on", ">p", "+@all", "-@dangerous")));
    assertTrue(s.user("u4").describe().endsWith(" resetchannels +@all -@dangerous"));
    assertNull(s.setUser("x", List.of("resetkeys", "%R~a", "%W~b", "%RW~c")));
    assertEquals(
        "user x off sanitize-payload %R~a %W~b ~c resetchannels -@all", s.user("x").describe());
  }

  @Test
  void permissionsFollowTheRules() {
    AclStore s = store();
    s.setUser(
        "u",
        List.of("on", "nopass", "+@all", "-client|kill", "-sentinel", "+sentinel|masters", "&a*"));
    AclUser u = s.user("u");
    assertTrue(u.canRun(table.byFullName("ping"), args("ping")));
    assertTrue(u.canRun(table.byFullName("client|list"), args("client", "list")));
    assertFalse(u.canRun(table.byFullName("client|kill"), args("client", "kill", "x")));
    assertFalse(u.canRun(table.byFullName("sentinel|myid"), args("sentinel", "myid")));
    assertTrue(u.canRun(table.byFullName("sentinel|masters"), args("sentinel", "masters")));
    assertTrue(u.canAccessChannel("abc", false));
    assertFalse(u.canAccessChannel("b", false));
    assertTrue(u.canAccessChannel("a*", true), "a pattern must equal an allowed pattern");
    assertFalse(u.canAccessChannel("ab*", true));

    s.setUser("p", List.of("on", "nopass", "-@all", "+@pubsub", "-publish", "+ping|hello"));
    AclUser p = s.user("p");
    assertTrue(p.canRun(table.byFullName("subscribe"), args("subscribe", "x")));
    assertFalse(p.canRun(table.byFullName("publish"), args("publish", "a", "b")));
    assertTrue(p.canRun(table.byFullName("ping"), args("ping", "HELLO")), "first-arg rule");
    assertFalse(p.canRun(table.byFullName("ping"), args("ping")));
    assertTrue(p.canRun(table.byFullName("auth"), args("auth", "x")), "no_auth commands");
  }

  @Test
  void setUserIsAtomicAndReportsValkeysReasons() {
    AclStore s = store();
    assertEquals(
        "Error in ACL SETUSER modifier 'foo': Syntax error", s.setUser("u", List.of("on", "foo")));
    assertNull(s.user("u"), "a failed SETUSER creates nothing");
    assertEquals(
        "Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
        s.setUser("u", List.of("+nosuch")));
    assertEquals(
        "Error in ACL SETUSER modifier '+@nosuch': Unknown command or category name in ACL",
        s.setUser("u", List.of("+@nosuch")));
    assertEquals(
        "Error in ACL SETUSER modifier '-ping|a': Unknown command or category name in ACL",
        s.setUser("u", List.of("-ping|a")));
    assertEquals(
        "Error in ACL SETUSER modifier '+client|nosuch': Unknown command or category name in ACL",
        s.setUser("u", List.of("+client|nosuch")));
    assertEquals(
        "Error in ACL SETUSER modifier '<nopw': The password you are trying to remove from the"
            + " user does not exist",
        s.setUser("u", List.of("<nopw")));
    assertEquals(
        "Error in ACL SETUSER modifier '#abc': The password hash must be exactly 64 characters and"
            + " contain only lowercase hexadecimal characters",
        s.setUser("u", List.of("#abc")));
    assertTrue(
        s.setUser("u", List.of("~*", "~a"))
            .endsWith("Try 'resetkeys' to start with an empty list of patterns"));
    assertTrue(
        s.setUser("u", List.of("&*", "&a"))
            .endsWith("Try 'resetchannels' to start with an empty list of channels"));
    s.setUser("u", List.of("on", ">pw"));
    s.setUser("u", List.of("off", "bogus"));
    assertTrue(s.user("u").enabled(), "the user is unchanged by a failing SETUSER");
  }

  @Test
  void invalidUserLinesStopStartup() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store("bad on +nosuch"));
    assertTrue(e.getMessage().contains("Unknown command or category name in ACL"), e.getMessage());
  }
}
