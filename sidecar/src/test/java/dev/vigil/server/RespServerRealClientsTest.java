package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The real server on a free loopback port, spoken to by real clients: valkey-cli/redis-cli
 * processes, Jedis, and raw sockets for malformed input.
 */
class RespServerRealClientsTest {
  private static final FakeSentinel fake = new FakeSentinel();
  private static RespServer server;
  private static RespServer protectedServer;
  private static long startMillis;

  @BeforeAll
  static void start() throws Exception {
    ServerSettings settings =
        ServerSettings.defaults("9a109eebd85ae0e4b58c56af7993d8fb285b0d16").withPort(0);
    long t0 = System.nanoTime();
    server = new RespServer(settings, fake.hooks()).start();
    startMillis = (System.nanoTime() - t0) / 1_000_000;
    protectedServer =
        new RespServer(
                settings
                    .withRequirePass("sekret")
                    .withAclUserLines(List.of("alice on >apw &news* +ping +subscribe +client")),
                fake.hooks())
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (protectedServer != null) {
      protectedServer.close();
    }
  }

  @Test
  void bindsLoopbackAndStartsQuickly() {
    assertTrue(server.port() > 0);
    assertEquals("127.0.0.1", server.boundAddresses().get(0).getAddress().getHostAddress());
    // Well under a second when the machine is idle; the bound is loose for loaded CI machines.
    assertTrue(startMillis < 5000, "started in " + startMillis + " ms");
  }

  // ---------------------------------------------------------------- valkey-cli / redis-cli

  private static String cli() {
    for (String name : List.of("valkey-cli", "redis-cli")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        File f = new File(dir, name);
        if (f.canExecute()) {
          return f.getAbsolutePath();
        }
      }
    }
    Assumptions.abort("neither valkey-cli nor redis-cli is installed");
    return null;
  }

  private static String runCli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(cli(), "-h", "127.0.0.1", "-p", "" + server.port()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "cli finished");
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void cliPingAndInfoSentinel() throws Exception {
    assertEquals("PONG\n", runCli("PING"));
    String info = runCli("INFO", "sentinel");
    assertTrue(info.startsWith("# Sentinel\r\nsentinel_masters:1\r\n"), info);
    assertTrue(info.contains("master0:name=mymaster,status=ok,address=127.0.0.1:6379"), info);
    String all = runCli("INFO");
    assertTrue(
        all.indexOf("# Server") < all.indexOf("# Clients")
            && all.indexOf("# Clients") < all.indexOf("# Stats")
            && all.indexOf("# Stats") < all.indexOf("# CPU")
            && all.indexOf("# CPU") < all.indexOf("# Sentinel"),
        all);
    assertTrue(all.contains("server_mode:sentinel"), all);
  }

  @Test
  void cliResp3Hello() throws Exception {
    String out = runCli("-3", "HELLO", "3");
    assertTrue(out.contains("server") && out.contains("valkey"), out);
    assertTrue(out.contains("mode") && out.contains("sentinel"), out);
    assertTrue(out.contains("proto") && out.contains("3"), out);
  }

  @Test
  void cliUnknownCommandAndWrongArity() throws Exception {
    // The cli prints errors followed by a blank line when not on a terminal.
    assertEquals(
        "ERR unknown command 'ECHO', with args beginning with: 'hi' ",
        runCli("ECHO", "hi").replaceAll("\n+$", ""));
    assertEquals(
        "ERR wrong number of arguments for 'role' command",
        runCli("ROLE", "x").replaceAll("\n+$", ""));
  }

  @Test
  void cliSubscriberReceivesPublishedEvents() throws Exception {
    List<String> cmd =
        List.of(cli(), "-h", "127.0.0.1", "-p", "" + server.port(), "SUBSCRIBE", "+switch-master");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BlockingQueue<String> lines = lines(p.getInputStream());
      assertEquals("subscribe", poll(lines));
      assertEquals("+switch-master", poll(lines));
      assertEquals("1", poll(lines));
      int receivers = server.publish("+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380");
      assertEquals(1, receivers);
      assertEquals("message", poll(lines));
      assertEquals("+switch-master", poll(lines));
      assertEquals("mymaster 127.0.0.1 6379 127.0.0.1 6380", poll(lines));
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static BlockingQueue<String> lines(InputStream in) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  q.add(l);
                }
              } catch (IOException e) {
                // process ended
              }
            },
            "cli-reader");
    t.setDaemon(true);
    t.start();
    return q;
  }

  private static String poll(BlockingQueue<String> q) throws InterruptedException {
    String s = q.poll(20, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no output from the cli within 20 s");
    }
    return s;
  }

  // ---------------------------------------------------------------- Jedis

  @Test
  void jedisBasicsSetInfoAndSentinelCommand() {
    // Built from a client config, as JedisSentinelPool builds its sentinel connections: on
    // connect Jedis pipelines CLIENT SETNAME and CLIENT SETINFO LIB-NAME/LIB-VER and ignores the
    // replies, so the server must take them for the library to show up in CLIENT LIST.
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder().clientName("vigil-test").build();
    try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()), config)) {
      assertEquals("PONG", jedis.ping());
      assertEquals("vigil-test", jedis.clientGetname());
      String me = jedis.clientInfo();
      assertTrue(me.contains(" name=vigil-test "), me);
      assertTrue(me.contains(" lib-name=jedis "), me);
      assertTrue(me.matches("(?s).* lib-ver=\\d+\\.\\d+\\.\\d+.*"), me);
      jedis.clientSetname("renamed");
      assertEquals("renamed", jedis.clientGetname());
      assertEquals(List.of("127.0.0.1", "6379"), jedis.sentinelGetMasterAddrByName("mymaster"));
      JedisDataException e =
          assertThrows(
              JedisDataException.class, () -> jedis.sendCommand(() -> "ECHO".getBytes(), "x"));
      assertEquals("ERR unknown command 'ECHO', with args beginning with: 'x' ", e.getMessage());
    }
  }

  @Test
  void jedisSubscriberGetsChannelAndPatternMessages() throws Exception {
    CountDownLatch subscribed = new CountDownLatch(2);
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    JedisPubSub listener =
        new JedisPubSub() {
          @Override
          public void onSubscribe(String channel, int count) {
            subscribed.countDown();
          }

          @Override
          public void onPSubscribe(String pattern, int count) {
            subscribed.countDown();
          }

          @Override
          public void onMessage(String channel, String message) {
            got.add("message " + channel + " " + message);
          }

          @Override
          public void onPMessage(String pattern, String channel, String message) {
            got.add("pmessage " + pattern + " " + channel + " " + message);
          }
        };
    Thread t =
        new Thread(
            () -> {
              try (Jedis sub = new Jedis("127.0.0.1", server.port())) {
                sub.subscribe(listener, "+sdown");
              }
            },
            "jedis-subscriber");
    t.start();
    try {
      // Wait for the channel subscription, then add a pattern on the same connection.
      Await.until(
          "the channel subscription", Duration.ofSeconds(20), () -> subscribed.getCount() < 2);
      listener.psubscribe("+s*");
      assertTrue(subscribed.await(20, TimeUnit.SECONDS));
      assertEquals(2, server.publish("+sdown", "master mymaster 127.0.0.1 6379"));
      List<String> messages = new ArrayList<>();
      messages.add(got.poll(20, TimeUnit.SECONDS));
      messages.add(got.poll(20, TimeUnit.SECONDS));
      messages.sort(null);
      assertEquals(
          List.of(
              "message +sdown master mymaster 127.0.0.1 6379",
              "pmessage +s* +sdown master mymaster 127.0.0.1 6379"),
          messages);
    } finally {
      listener.unsubscribe();
      listener.punsubscribe();
      t.join(20_000);
    }
  }

  @Test
  void jedisAuthentication() {
    try (Jedis jedis = new Jedis("127.0.0.1", protectedServer.port())) {
      JedisDataException noauth = assertThrows(JedisDataException.class, jedis::ping);
      assertEquals("NOAUTH Authentication required.", noauth.getMessage());
      JedisDataException wrong = assertThrows(JedisDataException.class, () -> jedis.auth("nope"));
      assertEquals(
          "WRONGPASS invalid username-password pair or user is disabled.", wrong.getMessage());
      assertEquals("OK", jedis.auth("alice", "apw"));
      assertEquals("PONG", jedis.ping());
      JedisDataException noperm = assertThrows(JedisDataException.class, jedis::info);
      assertEquals(
          "NOPERM User alice has no permissions to run the 'info' command", noperm.getMessage());
      assertEquals("OK", jedis.auth("sekret"));
      assertTrue(jedis.info("server").contains("server_mode:sentinel"));
    }
  }

  @Test
  void aSubscriberThatStopsReadingIsDisconnectedInsteadOfBufferingForever() throws Exception {
    try (Socket stuck = new Socket()) {
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      stuck.getOutputStream().write("SUBSCRIBE big\r\n".getBytes(StandardCharsets.US_ASCII));
      Await.until(
          "the stuck subscriber is subscribed",
          Duration.ofSeconds(20),
          () -> server.publish("big", "") > 0);
      long deadline = System.nanoTime() + Await.scaled(Duration.ofSeconds(20)).toNanos();
      String megabyte = "x".repeat(1 << 20);
      int published = 0;
      while (server.publish("big", megabyte) > 0 && System.nanoTime() < deadline) {
        published++;
        Thread.sleep(1);
      }
      assertEquals(0, server.publish("big", megabyte), "the stuck subscriber was dropped");
      assertTrue(published >= 32 && published < 200, "published " + published + " MB first");
    }
  }

  // ---------------------------------------------------------------- malformed input

  private static String exchange(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void malformedRequestsGetValkeysErrorAndTheServerKeepsServing() throws Exception {
    try (Socket bystander = new Socket("127.0.0.1", server.port())) {
      bystander.setSoTimeout(20_000);
      assertEquals(
          "-ERR Protocol error: invalid bulk length\r\n",
          exchange(server.port(), "*1\r\n$536870913\r\n"));
      assertEquals(
          "+PONG\r\n-ERR Protocol error: expected '$', got 'P'\r\n",
          exchange(server.port(), "*1\r\n$4\r\nPING\r\n*1\r\nPING\r\n"));
      assertEquals(
          "-ERR Protocol error: unbalanced quotes in request\r\n",
          exchange(server.port(), "PING \"x\r\n"));
      assertEquals(
          "-ERR Protocol error: invalid multibulk length\r\n", exchange(server.port(), "*-x\r\n"));
      assertEquals(
          "-ERR unknown command 'nope', with args beginning with: 'a' \r\n+PONG\r\n",
          exchange(server.port(), "nope a\r\nPING\r\n"));
      assertEquals(
          "-ERR wrong number of arguments for 'ping' command\r\n",
          exchange(server.port(), "PING a b\r\n"));
      assertEquals(
          "-WRONGPASS invalid username-password pair or user is disabled.\r\n+OK\r\n",
          exchange(protectedServer.port(), "AUTH nope\r\nAUTH sekret\r\n"));
      assertEquals(
          "-ERR Protocol error: unauthenticated multibulk length\r\n",
          exchange(protectedServer.port(), "*11\r\n"));
      bystander.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] pong = bystander.getInputStream().readNBytes(7);
      assertEquals("+PONG\r\n", new String(pong, StandardCharsets.US_ASCII));
    }
  }
}
