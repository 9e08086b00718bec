package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit's RESP client against a scripted socket peer: exact bytes in, Java values out. */
class RespClientTest {
  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void encodesCommandsAsArraysOfBulkStrings() {
    assertArrayEquals(
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nv\u00e9\r\n".getBytes(StandardCharsets.UTF_8),
        RespClient.encode("SET", "k", "v\u00e9"),
        "bulk lengths count UTF-8 bytes, not chars");
  }

  @Test
  void decodesEveryRespTwoType() throws Exception {
    String replies =
        "+OK\r\n"
            + ":-42\r\n"
            + "$5\r\nhe\r\no\r\n"
            + "$-1\r\n"
            + "*-1\r\n"
            + "*3\r\n$1\r\na\r\n*2\r\n:1\r\n$0\r\n\r\n+x\r\n"
            + "-ERR no such key\r\n";
    try (ScriptedPeer peer = new ScriptedPeer(server, replies);
        RespClient client = connect()) {
      assertEquals("OK", client.call("PING"));
      assertEquals(-42L, client.call("X"));
      assertEquals("he\r\no", client.call("X"), "bulk strings may contain CRLF");
      assertNull(client.call("X"));
      assertNull(client.call("X"));
      assertEquals(List.of("a", List.of(1L, ""), "x"), client.call("X"));
      RespError error = assertThrows(RespError.class, () -> client.call("GET", "k"));
      assertEquals("ERR no such key", error.getMessage());
      assertEquals("ERR", error.code());
      assertEquals("*1\r\n$4\r\nPING\r\n", peer.received().substring(0, 14));
    }
  }

  @Test
  void readReturnsErrorsInsteadOfThrowingThem() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer(server, "-LOADING still loading\r\n");
        RespClient client = connect()) {
      client.send("PING");
      assertEquals("LOADING", assertInstanceOf(RespError.class, client.read()).code());
    }
  }

  @Test
  void silentPeerTimesOut() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer(server, "");
        RespClient client =
            RespClient.connect("127.0.0.1", server.getLocalPort(), Duration.ofMillis(200))) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> client.call("PING"));
      assertInstanceOf(SocketTimeoutException.class, e.getCause());
    }
  }

  @Test
  void parsesInfoAndFlatPairs() {
    Map<String, String> info =
        RespClient.parseInfo(
            "# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\n\r\n# CPU\r\nused:0.1\r\n");
    assertEquals(Map.of("role", "slave", "master_host", "127.0.0.1", "used", "0.1"), info);
    assertEquals(
        Map.of("name", "mymaster", "port", "6379"),
        RespClient.pairsToMap(Arrays.asList("name", "mymaster", "port", "6379")));
  }

  private RespClient connect() {
    return RespClient.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
  }

  /** Accepts one connection, writes {@code script}, and records what the client sent. */
  private static final class ScriptedPeer implements AutoCloseable {
    private final Thread thread;
    private final StringBuffer received = new StringBuffer();
    private volatile Socket socket;

    ScriptedPeer(ServerSocket server, String script) {
      thread =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  socket = s;
                  OutputStream out = s.getOutputStream();
                  out.write(script.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  InputStream in = s.getInputStream();
                  byte[] buf = new byte[4096];
                  int n;
                  while ((n = in.read(buf)) > 0) {
                    received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                  }
                } catch (IOException ignored) {
                  // the test closed the connection
                }
              });
      thread.start();
    }

    String received() throws InterruptedException {
      Await.until("peer received data", Duration.ofSeconds(2), () -> received.length() > 0);
      return received.toString();
    }

    @Override
    public void close() throws Exception {
      if (socket != null) {
        socket.close();
      }
      thread.join(2000);
    }
  }
}
