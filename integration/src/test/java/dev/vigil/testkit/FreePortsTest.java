package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void neverHandsOutAPortTwiceEvenUnderConcurrency() {
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 200).parallel().forEach(i -> assertTrue(ports.add(FreePorts.allocate())));
    assertEquals(200, ports.size());
    for (int port : ports) {
      assertTrue(port >= FreePorts.FIRST && port <= FreePorts.LAST, "below the ephemeral range");
    }
  }

  @Test
  void aListeningPortIsNotBindable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertFalse(FreePorts.isBindable(taken.getLocalPort()));
    }
  }
}
