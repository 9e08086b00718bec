package dev.vigil.agent.sentinel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for a sentinel, just enough for the follower: the three {@code SENTINEL}
 * queries, {@code SUBSCRIBE +switch-master}, {@code PING}, and {@link #publish} to subscribers.
 */
public final class FakeSentinel implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> subscribers = new CopyOnWriteArrayList<>();
  private final List<Socket> all = new CopyOnWriteArrayList<>();
  private volatile String primaryHost;
  private volatile int primaryPort;
  private volatile long epoch;

  public FakeSentinel(String primaryHost, int primaryPort, long epoch) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    setPrimary(primaryHost, primaryPort, epoch);
    Thread acceptor = new Thread(this::acceptLoop, "fake-sentinel-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public void setPrimary(String host, int port, long newEpoch) {
    primaryHost = host;
    primaryPort = port;
    epoch = newEpoch;
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  void publish(String payload) throws IOException {
    for (Socket s : subscribers) {
      write(s, array(bulk("message"), bulk("+switch-master"), bulk(payload)));
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        all.add(s);
        Thread t = new Thread(() -> serve(s), "fake-sentinel-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (InputStream in = s.getInputStream()) {
      while (true) {
        Object command = RespConnection.readReply(in);
        if (!(command instanceof List)) {
          return;
        }
        List<?> args = (List<?>) command;
        String name = String.valueOf(args.get(0)).toUpperCase();
        if (name.equals("SUBSCRIBE")) {
          subscribers.add(s);
          write(s, array(bulk("subscribe"), bulk("+switch-master"), ":1\r\n"));
        } else if (name.equals("PING")) {
          write(s, subscribers.contains(s) ? array(bulk("pong"), bulk("")) : "+PONG\r\n");
        } else if (name.equals("SENTINEL")) {
          String sub = String.valueOf(args.get(1)).toLowerCase();
          if (sub.equals("get-master-addr-by-name")) {
            write(s, array(bulk(primaryHost), bulk(Integer.toString(primaryPort))));
          } else if (sub.equals("master")) {
            write(
                s,
                array(
                    bulk("name"),
                    bulk("mymaster"),
                    bulk("ip"),
                    bulk(primaryHost),
                    bulk("port"),
                    bulk(Integer.toString(primaryPort)),
                    bulk("config-epoch"),
                    bulk(Long.toString(epoch))));
          } else {
            write(s, "*0\r\n");
          }
        } else {
          write(s, "-ERR unknown command\r\n");
        }
      }
    } catch (IOException e) {
      // Client went away.
    } finally {
      subscribers.remove(s);
    }
  }

  private static String bulk(String value) {
    return "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
  }

  private static String array(String... items) {
    StringBuilder b = new StringBuilder("*" + items.length + "\r\n");
    for (String item : items) {
      b.append(item);
    }
    return b.toString();
  }

  private static void write(Socket s, String data) throws IOException {
    synchronized (s) {
      OutputStream out = s.getOutputStream();
      out.write(data.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : new ArrayList<>(all)) {
      s.close();
    }
  }
}
