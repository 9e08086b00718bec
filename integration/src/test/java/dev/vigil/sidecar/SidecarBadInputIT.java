package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.RespClient;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input against a running sidecar: each payload gets the same bytes back as from a real
 * valkey-sentinel monitoring the same primary (the reference), with Sentinel's exact error text,
 * and the sidecar keeps serving other connections afterwards.
 */
@ExtendWith(TestKitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarBadInputIT {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /** What {@link #exchange} reports when the server closed the connection after its reply. */
  private static final String CLOSED = "<closed>";

  private ReplicationGroup group;
  private SentinelNode sidecar;
  private SentinelNode reference;

  @BeforeAll
  void startSidecarAndReference() {
    group = ReplicationGroup.start(0);
    sidecar = SidecarCluster.sidecar("sidecar", group.primary());
    reference =
        SentinelNode.builder()
            .name("valkey-sentinel")
            .monitor(MASTER, group.primary().address(), 2)
            .start();
  }

  @AfterAll
  void stopAll() {
    if (sidecar != null) {
      sidecar.close();
    }
    if (reference != null) {
      reference.close();
    }
    if (group != null) {
      group.close();
    }
  }

  @Test
  void malformedBulkLengthIsAProtocolErrorAndClosesTheConnection() {
    List<String> reply = sameAsReference("*1\r\n$x\r\n");
    assertEquals(List.of("-ERR Protocol error: invalid bulk length", CLOSED), reply);
    assertStillServing();
  }

  @Test
  void oversizedBulkLengthIsAProtocolErrorAndClosesTheConnection() {
    List<String> reply = sameAsReference("*1\r\n$999999999999\r\n");
    assertEquals(List.of("-ERR Protocol error: invalid bulk length", CLOSED), reply);
    assertStillServing();
  }

  @Test
  void oversizedMultibulkLengthIsAProtocolError() {
    List<String> reply = sameAsReference("*99999999999\r\n");
    assertEquals(List.of("-ERR Protocol error: invalid multibulk length", CLOSED), reply);
    assertStillServing();
  }

  @Test
  void unknownCommandNamesItsArguments() {
    List<String> reply = sameAsReference(command("FLUSHALL", "sync", "now"));
    assertEquals(
        "-ERR unknown command 'FLUSHALL', with args beginning with: 'sync' 'now' ", reply.get(0));
    assertEquals("+PONG", reply.get(1), "the connection stays usable");
    assertStillServing();
  }

  @Test
  void wrongArityOfASentinelSubcommand() {
    List<String> reply = sameAsReference(command("SENTINEL", "MASTER"));
    assertEquals("-ERR wrong number of arguments for 'sentinel|master' command", reply.get(0));
    assertEquals("+PONG", reply.get(1));
    assertEquals(
        List.of("-ERR wrong number of arguments for 'sentinel' command", "+PONG"),
        sameAsReference(command("SENTINEL")));
    assertStillServing();
  }

  @Test
  void unknownSentinelSubcommand() {
    List<String> reply = sameAsReference(command("SENTINEL", "FROBNICATE", MASTER));
    assertEquals("-ERR unknown subcommand 'FROBNICATE'. Try SENTINEL HELP.", reply.get(0));
    assertEquals("+PONG", reply.get(1));
    assertStillServing();
  }

  @Test
  void unknownMasterName() {
    assertEquals(
        List.of("-ERR No such master with that name", "+PONG"),
        sameAsReference(command("SENTINEL", "MASTER", "nosuchmaster")));
    assertEquals(
        List.of("*-1", "+PONG"),
        sameAsReference(command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "nosuchmaster")));
  }

  @Test
  void redisCliSeesTheSameErrors() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"FOO", "bar"},
            new String[] {"SENTINEL", "MASTER"},
            new String[] {"SENTINEL", "NOPE"},
            new String[] {"SENTINEL", "DEBUG", "info-period", "abc"})) {
      String expected = redisCli(reference.port(), args);
      assertTrue(expected.startsWith("ERR "), expected); // redis-cli without a TTY: no "(error)"
      assertEquals(expected, redisCli(sidecar.port(), args), String.join(" ", args));
    }
    assertStillServing();
  }

  /**
   * A password on the default user (what {@code requirepass} sets; a sentinel has no CONFIG SET, so
   * the test sets it with ACL SETUSER and restores it afterwards): a wrong one is refused with
   * WRONGPASS, commands before AUTH get NOAUTH, the right one works.
   */
  @Test
  void wrongPasswordIsRefusedAndTheRightOneStillWorks() {
    setDefaultPassword(sidecar, ">s3cret");
    setDefaultPassword(reference, ">s3cret");
    try {
      List<String> wrong = sameAsReference(command("AUTH", "wrong"), command("PING"));
      assertEquals(
          List.of(
              "-WRONGPASS invalid username-password pair or user is disabled.",
              "-NOAUTH Authentication required.",
              "-NOAUTH Authentication required."),
          wrong,
          "AUTH wrong, PING, PING");
      List<String> wrongHello = sameAsReference(command("HELLO", "2", "AUTH", "default", "nope"));
      assertEquals(
          "-WRONGPASS invalid username-password pair or user is disabled.", wrongHello.get(0));
      try (RespClient c =
          RespClient.connect(sidecar.address().host(), sidecar.port(), READ_TIMEOUT, "s3cret")) {
        assertEquals("PONG", c.call("PING"));
        assertEquals(
            List.of(group.primary().host(), "" + group.primary().port()),
            c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER));
      }
    } finally {
      clearDefaultPassword(sidecar);
      clearDefaultPassword(reference);
    }
    assertStillServing();
  }

  /** Sends {@code payloads} then PING to both, asserts identical replies, returns them. */
  private List<String> sameAsReference(String... payloads) {
    List<String> expected = exchange(reference.address(), payloads);
    List<String> actual = exchange(sidecar.address(), payloads);
    assertEquals(expected, actual, "sidecar vs valkey-sentinel for " + List.of(payloads));
    return actual;
  }

  /**
   * Writes each payload on one raw connection and reads one reply line after each, then sends PING
   * and reads its reply, or {@link #CLOSED} once the server closed the connection.
   */
  private static List<String> exchange(HostPort address, String... payloads) {
    List<String> lines = new ArrayList<>();
    try (Socket socket = new Socket(address.host(), address.port())) {
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      InputStream in = socket.getInputStream();
      List<String> toSend = new ArrayList<>(List.of(payloads));
      toSend.add(command("PING"));
      for (String payload : toSend) {
        try {
          socket.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
          socket.getOutputStream().flush();
        } catch (IOException reset) {
          lines.add(CLOSED);
          return lines;
        }
        String line = readLine(in);
        lines.add(line);
        if (line.equals(CLOSED)) {
          return lines;
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CRLF-terminated line without the CRLF, or {@link #CLOSED} at end of stream or reset. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int previous = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          return line.size() == 0 ? CLOSED : line.toString(StandardCharsets.UTF_8);
        }
        if (previous == '\r' && b == '\n') {
          byte[] bytes = line.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        }
        line.write(b);
        previous = b;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no reply within " + READ_TIMEOUT + ", got so far: " + line, e);
    } catch (IOException reset) {
      return CLOSED;
    }
  }

  /** A command as a RESP array of bulk strings. */
  private static String command(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
      sb.append(arg).append("\r\n");
    }
    return sb.toString();
  }

  /** After bad input elsewhere the sidecar still answers a fresh connection correctly. */
  private void assertStillServing() {
    assertTrue(sidecar.isAlive(), "sidecar process alive");
    try (RespClient c = sidecar.client()) {
      assertEquals("PONG", c.call("PING"));
      assertEquals(
          List.of(group.primary().host(), "" + group.primary().port()),
          c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER));
    }
  }

  private static void setDefaultPassword(SentinelNode node, String passwordRule) {
    assertEquals("OK", String.valueOf(node.call("ACL", "SETUSER", "default", passwordRule)));
  }

  private static void clearDefaultPassword(SentinelNode node) {
    try (RespClient c =
        RespClient.connect(node.address().host(), node.port(), READ_TIMEOUT, "s3cret")) {
      assertEquals("OK", String.valueOf(c.call("ACL", "SETUSER", "default", "nopass")));
    }
  }

  private static String redisCli(int port, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", "" + port));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return out.strip();
  }
}
