package dev.vigil.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of one sentinel that can cut the agent's link the way a network
 * fault does: {@link #cut()} stops forwarding on every open connection without closing it (the
 * agent sees silence, not a reset) and refuses new ones; {@link #acceptNewConnections()} lets new
 * connections through again while the old ones stay dead.
 */
final class FreezableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Boolean> generationFrozen = new CopyOnWriteArrayList<>();
  private volatile boolean accepting = true;
  private volatile int generation;
  private volatile boolean closed;

  FreezableProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    generationFrozen.add(false);
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Freezes open connections for good and refuses new ones. */
  void cut() {
    accepting = false;
    generationFrozen.set(generation, true);
  }

  /** New connections work again (a fresh generation); frozen ones stay frozen. */
  void acceptNewConnections() {
    generationFrozen.add(false);
    generation = generationFrozen.size() - 1;
    accepting = true;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (!accepting) {
          client.close();
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(target, 1000);
        sockets.add(client);
        sockets.add(upstream);
        int gen = generation;
        pump(client, upstream, gen);
        pump(upstream, client, gen);
      } catch (IOException e) {
        // Accept failed (closing) or the sentinel is down: the client sees its connection drop.
      }
    }
  }

  private void pump(Socket from, Socket to, int gen) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (generationFrozen.get(gen)) {
                    continue; // Swallowed: the link is "cut" but stays open.
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ignored) {
                // One side closed.
              } finally {
                if (!generationFrozen.get(gen)) {
                  closeQuietly(from);
                  closeQuietly(to);
                }
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    sockets.forEach(FreezableProxy::closeQuietly);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
