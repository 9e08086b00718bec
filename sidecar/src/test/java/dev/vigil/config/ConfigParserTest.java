package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.KnownSentinel;
import dev.vigil.engine.state.MasterState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {
  private static final String ID = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path work;

  private ParsedConfig parse(String text) throws ConfigException {
    return new ConfigParser("8.0.1", work).parse(work.resolve("s.conf"), ConfigText.split(text));
  }

  private ConfigException failure(String text) {
    return assertThrows(ConfigException.class, () -> parse(text));
  }

  @Test
  void emptyFileGivesSentinelDefaults() throws Exception {
    ParsedConfig c = parse("");
    assertNull(c.state().myid());
    assertEquals(0, c.state().currentEpoch());
    assertEquals(GlobalOptions.DEFAULTS, c.state().globals());
    assertEquals(List.of(), c.state().masters());
    assertEquals(ServerOptions.defaults(work.toAbsolutePath().toString()), c.server());
    assertEquals(VigilOptions.DEFAULTS, c.vigil());
  }

  @Test
  void readsEveryPerMasterDirective() throws Exception {
    Path script = Files.createFile(work.resolve("notify.sh"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    ParsedConfig c =
        parse(
            String.join(
                "\n",
                "sentinel myid " + ID,
                "SENTINEL MONITOR mymaster 10.0.0.1 6380 2",
                "sentinel down-after-milliseconds mymaster 5000",
                "sentinel failover-timeout mymaster 60000",
                "sentinel parallel-syncs mymaster 3",
                "sentinel notification-script mymaster notify.sh",
                "sentinel client-reconfig-script mymaster " + script,
                "sentinel auth-pass mymaster \"s3cr et\"",
                "sentinel auth-user mymaster alice",
                "sentinel primary-reboot-down-after-period mymaster 1500",
                "sentinel config-epoch mymaster 7",
                "sentinel leader-epoch mymaster 6",
                "sentinel known-replica mymaster 10.0.0.2 6380",
                "sentinel known-slave mymaster 10.0.0.3 6380",
                "sentinel known-sentinel mymaster 10.0.0.4 26379 " + "f".repeat(40),
                "sentinel known-sentinel mymaster 10.0.0.5 26379",
                "sentinel rename-command mymaster CONFIG xconfig",
                "sentinel current-epoch 5",
                ""));
    MasterState m = c.state().masters().get(0);
    assertEquals(ID, c.state().myid());
    assertEquals(
        new MasterState(
            "mymaster",
            "10.0.0.1",
            6380,
            2,
            5000,
            60000,
            3,
            "notify.sh",
            script.toString(),
            "s3cr et",
            "alice",
            1500,
            7,
            6,
            List.of(new HostPort("10.0.0.2", 6380), new HostPort("10.0.0.3", 6380)),
            List.of(new KnownSentinel("10.0.0.4", 26379, "f".repeat(40))),
            Map.of("CONFIG", "xconfig")),
        m);
    // config-epoch 7 raised the current epoch above the configured 5.
    assertEquals(7, c.state().currentEpoch());
  }

  @Test
  void readsGlobalDirectives() throws Exception {
    ParsedConfig c =
        parse(
            String.join(
                "\n",
                "sentinel announce-ip 192.168.1.9",
                "sentinel announce-port 26400",
                "sentinel deny-scripts-reconfig no",
                "sentinel sentinel-user peer",
                "sentinel sentinel-pass \"p w\"",
                "sentinel resolve-hostnames YES",
                "sentinel announce-hostnames yes",
                "sentinel current-epoch 9",
                "sentinel current-epoch 3"));
    assertEquals(
        new GlobalOptions("192.168.1.9", 26400, false, "peer", "p w", true, true),
        c.state().globals());
    assertEquals(9, c.state().currentEpoch(), "current-epoch only raises");
  }

  @Test
  void emptyAnnounceIpAndCredentialsAreIgnored() throws Exception {
    ParsedConfig c =
        parse(
            "sentinel announce-ip \"\"\nsentinel sentinel-user ''\nsentinel sentinel-pass \"\"\n");
    assertEquals(GlobalOptions.DEFAULTS, c.state().globals());
  }

  @Test
  void threePassesLetPerMasterLinesPrecedeTheirMonitor() throws Exception {
    ParsedConfig c =
        parse(
            String.join(
                "\n",
                "sentinel known-replica m host-b 6379",
                "sentinel config-epoch m 4",
                "sentinel monitor m host-a 6379 1",
                // resolve-hostnames is a pre-monitor directive: it applies to the lines above.
                "sentinel resolve-hostnames yes"));
    MasterState m = c.state().masters().get(0);
    assertEquals("host-a", m.host());
    assertEquals(List.of(new HostPort("host-b", 6379)), m.knownReplicas());
    assertEquals(4, m.configEpoch());
  }

  @Test
  void mastersKeepFileOrder() throws Exception {
    ParsedConfig c =
        parse(
            "sentinel monitor b 10.0.0.2 6379 1\nsentinel monitor a 10.0.0.1 6379 1\n"
                + "sentinel monitor c 10.0.0.3 6379 1\n");
    assertEquals(
        List.of("b", "a", "c"), c.state().masters().stream().map(MasterState::name).toList());
  }

  @Test
  void numbersAreReadLikeAtoi() throws Exception {
    MasterState m =
        parse("sentinel monitor m 10.0.0.1 6379x 2abc\nsentinel parallel-syncs m -4\n")
            .state()
            .masters()
            .get(0);
    assertEquals(6379, m.port());
    assertEquals(2, m.quorum());
    assertEquals(-4, m.parallelSyncs());
  }

  @Test
  void ipv6LiteralsAreNormalised() throws Exception {
    MasterState m =
        parse("sentinel monitor m 0:0:0:0:0:0:0:1 6379 1\nsentinel known-replica m ::1 6380\n")
            .state()
            .masters()
            .get(0);
    assertEquals("::1", m.host());
    assertEquals(List.of(new HostPort("::1", 6380)), m.knownReplicas());
  }

  @Test
  void renameCommandIsCaseInsensitiveAndKeepsOrder() throws Exception {
    String base = "sentinel monitor m 10.0.0.1 6379 1\n";
    MasterState m =
        parse(base + "sentinel rename-command m SLAVEOF so\nsentinel rename-command m config cf\n")
            .state()
            .masters()
            .get(0);
    assertEquals(List.of("SLAVEOF", "config"), List.copyOf(m.renamedCommands().keySet()));
    ConfigException e =
        failure(base + "sentinel rename-command m config a\nsentinel rename-command m CONFIG b");
    assertEquals("Same command renamed multiple times with rename-command.", e.reason());
    assertEquals(3, e.lineNumber());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sentinel monitor m 10.0.0.1 6379 0          | Quorum must be 1 or greater.
          sentinel monitor m 10.0.0.1 6379            | Unrecognized sentinel configuration statement.
          sentinel monitor m 10.0.0.1 70000 1         | Invalid port number.
          sentinel monitor m 10.0.0.1 -1 1            | Invalid port number.
          sentinel monitor m localhost 6379 1         | Can't resolve instance hostname.
          sentinel monitor x 10.0.0.1 6379 1          | Duplicate master name.
          sentinel down-after-milliseconds x 0        | negative or zero time parameter.
          sentinel down-after-milliseconds x -5       | negative or zero time parameter.
          sentinel failover-timeout x 0               | negative or zero time parameter.
          sentinel master-reboot-down-after-period x -1 | negative time parameter.
          sentinel primary-reboot-down-after-period x -1 | negative time parameter.
          sentinel down-after-milliseconds nope 100   | No such master with specified name.
          sentinel known-replica nope 10.0.0.2 6379   | No such master with specified name.
          sentinel known-sentinel nope 10.0.0.2 6379 abc | No such master with specified name.
          sentinel known-replica x 10.0.0.1 6380      | Duplicate hostname and port for replica.
          sentinel known-replica x some-host 6380     | Can't resolve instance hostname.
          sentinel known-sentinel x 10.0.0.9 26379 r1 | Duplicate runid for sentinel.
          sentinel notification-script x /nonexistent/script.sh | Notification script seems non existing or non executable.
          sentinel client-reconfig-script x /nonexistent/script.sh | Client reconfiguration script seems non existing or non executable.
          sentinel myid abc                           | Malformed Sentinel id in myid option.
          sentinel deny-scripts-reconfig maybe        | Please specify yes or no for the deny-scripts-reconfig options.
          sentinel resolve-hostnames 1                | Please specify yes or no for the resolve-hostnames option.
          sentinel announce-hostnames on              | Please specify yes or no for the announce-hostnames option.
          sentinel frobnicate x 1                     | Unrecognized sentinel configuration statement.
          sentinel auth-pass x                        | Unrecognized sentinel configuration statement.
          sentinel current-epoch 1 2                  | Unrecognized sentinel configuration statement.
          """)
  void sentinelErrorsHaveSentinelsTextAndLine(String bad, String reason) {
    String text =
        String.join(
            "\n",
            "# header",
            "sentinel monitor x 10.0.0.1 6379 2",
            "sentinel known-replica x 10.0.0.1 6380",
            "sentinel known-sentinel x 10.0.0.8 26379 r1",
            "",
            "  " + bad + "  ",
            "port 26380");
    ConfigException e = failure(text);
    assertEquals(reason, e.reason());
    assertEquals(6, e.lineNumber());
    assertEquals(bad, e.line(), "the line is shown trimmed");
    assertEquals(
        "*** FATAL CONFIG FILE ERROR (Version 8.0.1) ***\n"
            + "Reading the configuration file, at line 6\n"
            + ">>> '"
            + bad
            + "'\n"
            + reason
            + "\nConfiguration file: "
            + work.resolve("s.conf"),
        e.getMessage());
  }

  @Test
  void firstErrorInPassOrderWins() {
    // The monitor error (pass 2) is reported although the bad known-replica line comes first.
    ConfigException e =
        failure("sentinel known-replica m 10.0.0.2 6379\nsentinel monitor m 10.0.0.1 6379 0\n");
    assertEquals(2, e.lineNumber());
    assertEquals("Quorum must be 1 or greater.", e.reason());
  }

  @Test
  void serverLineErrorsStopBeforeSentinelPasses() {
    ConfigException e = failure("sentinel monitor m 10.0.0.1 6379 0\nport 99999\n");
    assertEquals(2, e.lineNumber());
    assertEquals("argument must be between 0 and 65535 inclusive", e.reason());
  }

  @Test
  void oldKnownSentinelFormIsIgnoredEvenForUnknownMaster() throws Exception {
    assertEquals(
        List.of(), parse("sentinel known-sentinel nope 10.0.0.2 6379\n").state().masters());
  }

  @Test
  void bareSentinelLineIsAllowed() throws Exception {
    assertEquals(List.of(), parse("sentinel\n").state().masters());
  }

  @Test
  void unbalancedQuotes() {
    ConfigException e = failure("port 26379\nrequirepass \"abc\n");
    assertEquals("Unbalanced quotes in configuration line", e.reason());
    assertEquals(2, e.lineNumber());
    assertEquals("requirepass \"abc", e.line());
  }

  @Test
  void readsServerOptions() throws Exception {
    Files.createDirectory(work.resolve("data"));
    ServerOptions s =
        parse(
                String.join(
                    "\n",
                    "PORT 26500",
                    "bind 127.0.0.1 ::1",
                    "dir data",
                    "logfile \"sentinel.log\"",
                    "loglevel WARNING",
                    "requirepass hunter2",
                    "protected-mode yes",
                    "daemonize no",
                    "pidfile /var/run/s.pid",
                    "user alice on >pw ~* +@all",
                    "user bob off",
                    "rename-command CONFIG \"\"",
                    "maxclients 100",
                    "save \"\"",
                    "tls-port 0",
                    "hz 20",
                    "acllog-max-len 64"))
            .server();
    assertEquals(26500, s.port());
    assertEquals(List.of("127.0.0.1", "::1"), s.bind());
    assertEquals(work.resolve("data").toAbsolutePath().toString(), s.dir());
    assertEquals("sentinel.log", s.logfile());
    assertEquals("warning", s.loglevel());
    assertEquals("hunter2", s.requirepass());
    assertTrue(s.protectedMode());
    assertFalse(s.daemonize());
    assertEquals("/var/run/s.pid", s.pidfile());
    assertEquals(
        List.of(List.of("alice", "on", ">pw", "~*", "+@all"), List.of("bob", "off")),
        s.userDirectives());
    assertEquals(List.of(List.of("CONFIG", "")), s.renameCommands());
    assertEquals(List.of("100"), s.otherDirectives().get("maxclients"));
    assertEquals(List.of("20"), s.otherDirectives().get("hz"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          frobnicate yes               | Bad directive or wrong number of arguments
          port 1 2                     | wrong number of arguments
          port abc                     | argument couldn't be parsed into an integer
          port 65536                   | argument must be between 0 and 65535 inclusive
          daemonize maybe              | argument must be 'yes' or 'no'
          protected-mode 1             | argument must be 'yes' or 'no'
          loglevel loud                | argument(s) must be one of the following: debug, verbose, notice, warning, nothing
          dir /nonexistent-vigil-dir   | No such file or directory
          rename-command CONFIG        | Bad directive or wrong number of arguments
          user                         | Bad directive or wrong number of arguments
          maxclients                   | wrong number of arguments
          """)
  void serverErrorsHaveValkeysText(String bad, String reason) {
    ConfigException e = failure("# x\n" + bad + "\n");
    assertEquals(reason, e.reason());
    assertEquals(2, e.lineNumber());
  }

  @Test
  void readsVigilOptions() throws Exception {
    VigilOptions v =
        parse(
                String.join(
                    "\n",
                    "vigil jolokia-port 8779",
                    "vigil jolokia-host 0.0.0.0",
                    "VIGIL Jolokia-User admin",
                    "vigil jolokia-password \"se cret\"",
                    "vigil jmx-port 9999",
                    "vigil jmx-password-file /etc/jmx.pw",
                    "vigil jmx-access-file /etc/jmx.access",
                    "vigil http-port 8080",
                    "vigil node 127.0.0.1:6379",
                    "vigil failover-pacing sentinel"))
            .vigil();
    assertEquals(8779, v.jolokiaPort());
    assertEquals("0.0.0.0", v.jolokiaHost());
    assertEquals("admin", v.jolokiaUser());
    assertEquals("se cret", v.jolokiaPassword());
    assertEquals(9999, v.jmxPort());
    assertEquals("/etc/jmx.pw", v.jmxPasswordFile());
    assertEquals(8080, v.httpPort());
    assertEquals(new HostPort("127.0.0.1", 6379), v.node());
    assertEquals(FailoverPacing.SENTINEL, v.failoverPacing());
    assertEquals(new HostPort("::1", 6380), parse("vigil node [0:0::1]:6380\n").vigil().node());
    assertTrue(v.fencing(), "self-fencing is on by default");
    assertEquals(0, v.fenceAfterMs(), "0: a third of down-after");
    VigilOptions off = parse("vigil fencing no\nvigil fence-after-milliseconds 750\n").vigil();
    assertFalse(off.fencing());
    assertEquals(750, off.fenceAfterMs());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          vigil colour blue            | Unknown vigil option 'colour'.
          vigil                        | Missing vigil option name.
          vigil jolokia-port           | Wrong number of arguments for vigil jolokia-port: expected one value.
          vigil jolokia-port 1 2       | Wrong number of arguments for vigil jolokia-port: expected one value.
          vigil jolokia-port 70000     | Invalid port '70000' for vigil jolokia-port: must be 0..65535.
          vigil http-port x            | Invalid port 'x' for vigil http-port: must be 0..65535.
          vigil failover-pacing fast   | Please specify vigil or sentinel for vigil failover-pacing.
          vigil fast-failover no       | vigil fast-failover is now vigil failover-pacing: use vigil failover-pacing vigil (was yes) or vigil failover-pacing sentinel (was no).
          vigil fencing sometimes      | Please specify yes or no for vigil fencing.
          vigil fence-after-milliseconds -1 | Invalid milliseconds '-1' for vigil fence-after-milliseconds: must be >= 0.
          vigil node 127.0.0.1         | Invalid node '127.0.0.1' for vigil node: use <host>:<port> ([<ipv6>]:<port>).
          vigil node ::1:6379          | Invalid node '::1:6379' for vigil node: use <host>:<port> ([<ipv6>]:<port>).
          vigil jolokia-host ''        | vigil jolokia-host needs a non-empty address.
          """)
  void vigilErrorsNameTheKey(String bad, String reason) {
    ConfigException e = failure("\n" + bad);
    assertEquals(reason, e.reason());
    assertEquals(2, e.lineNumber());
  }

  @Test
  void credentialsMustComeInPairs() {
    ConfigException e = failure("vigil jolokia-user admin\n");
    assertEquals(0, e.lineNumber());
    assertEquals(
        "*** FATAL CONFIG FILE ERROR (Version 8.0.1) ***\n"
            + "vigil jolokia-user and vigil jolokia-password must be set together.\n"
            + "Configuration file: "
            + work.resolve("s.conf"),
        e.getMessage());
  }
}
