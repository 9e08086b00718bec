package dev.vigil.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out loopback ports that are free now and never handed out twice by this JVM.
 *
 * <p>Ports come from 20000-32767, below Linux's ephemeral range (32768-60999): the kernel picks
 * outgoing connections' local ports from the ephemeral range, so a port chosen there could be taken
 * by some client socket between our probe and the server's bind. The start point is random per JVM
 * (seeded by PID and time) so parallel builds on one machine rarely probe the same ports; the rare
 * remaining race (another process binds between probe and use) is handled by the callers, which
 * retry with a fresh port when a server reports "Address already in use".
 */
public final class FreePorts {
  static final int FIRST = 20000;
  static final int LAST = 32767;

  private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();
  private static final SplittableRandom RANDOM =
      new SplittableRandom(System.nanoTime() ^ (ProcessHandle.current().pid() << 32));

  private FreePorts() {}

  /** A loopback port nobody listens on, not returned before by this JVM. */
  public static int allocate() {
    for (int attempt = 0; attempt < 2000; attempt++) {
      int port;
      synchronized (RANDOM) {
        port = FIRST + RANDOM.nextInt(LAST - FIRST + 1);
      }
      if (!ISSUED.contains(port) && isBindable(port) && ISSUED.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free loopback port found in " + FIRST + "-" + LAST + " after 2000 attempts");
  }

  /** True if a server socket could bind 127.0.0.1:port right now. */
  public static boolean isBindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HostPort.LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
