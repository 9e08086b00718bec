package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespServerLifecycleTest {
  private final FakeSentinel fake = new FakeSentinel();

  private static ServerSettings settings() {
    return ServerSettings.defaults("9a109eebd85ae0e4b58c56af7993d8fb285b0d16").withPort(0);
  }

  private static String ping(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readNBytes(7), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void closeReleasesThePortAndConnectionsAndIsIdempotent() throws Exception {
    RespServer server = new RespServer(settings(), fake.hooks()).start();
    int port = server.port();
    assertEquals("+PONG\r\n", ping(port));
    try (Socket open = new Socket("127.0.0.1", port)) {
      open.setSoTimeout(20_000);
      server.close();
      assertEquals(-1, open.getInputStream().read(), "open connections are closed");
    }
    server.close();
    try (ServerSocket reuse = new ServerSocket()) {
      reuse.setReuseAddress(true);
      reuse.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    }
    assertThrows(IllegalStateException.class, server::start, "a closed server does not restart");
  }

  @Test
  void everyBindAddressListensOnTheSamePort() throws Exception {
    try (RespServer server =
        new RespServer(
                settings().withBindAddresses(List.of("127.0.0.1", "127.0.0.2")), fake.hooks())
            .start()) {
      assertEquals(2, server.boundAddresses().size());
      assertEquals(
          server.boundAddresses().get(0).getPort(), server.boundAddresses().get(1).getPort());
      try (Socket s = new Socket("127.0.0.2", server.port())) {
        s.setSoTimeout(20_000);
        s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
            "+PONG\r\n", new String(s.getInputStream().readNBytes(7), StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  void aPortInUseFailsStartAndLeavesNothingBound() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      RespServer server = new RespServer(settings().withPort(taken.getLocalPort()), fake.hooks());
      IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
      assertTrue(e.getMessage().contains("could not bind"), e.getMessage());
      server.close();
    }
  }

  @Test
  void invalidAclUserLinesAreRejectedAtConstruction() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RespServer(settings().withAclUserLines(List.of("u on +nosuch")), fake.hooks()));
    assertEquals(
        "Error in user declaration 'u': Error in ACL SETUSER modifier '+nosuch': Unknown command or"
            + " category name in ACL",
        e.getMessage());
  }
}
