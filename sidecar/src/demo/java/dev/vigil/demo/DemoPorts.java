package dev.vigil.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's ports: memorable defaults (Valkey 6380-6382, Sentinel 26379-26381, Jolokia 8778-8780,
 * HTTP 9121-9123, remote JMX 9010) when they are all free, otherwise free ephemeral ports so a
 * second demo or a busy CI machine still works.
 */
record DemoPorts(
    List<Integer> valkey,
    List<Integer> sentinel,
    List<Integer> jolokia,
    List<Integer> http,
    int jmx) {

  static DemoPorts choose(int nodes, boolean preferDefaults) {
    if (preferDefaults) {
      DemoPorts defaults =
          new DemoPorts(
              range(6380, nodes),
              range(26379, nodes),
              range(8778, nodes),
              range(9121, nodes),
              9010);
      if (defaults.all().stream().allMatch(DemoPorts::free)) {
        return defaults;
      }
    }
    Set<Integer> taken = new HashSet<>();
    return new DemoPorts(
        ephemeral(nodes, taken),
        ephemeral(nodes, taken),
        ephemeral(nodes, taken),
        ephemeral(nodes, taken),
        ephemeral(1, taken).get(0));
  }

  List<Integer> all() {
    List<Integer> all = new ArrayList<>();
    all.addAll(valkey);
    all.addAll(sentinel);
    all.addAll(jolokia);
    all.addAll(http);
    all.add(jmx);
    return all;
  }

  private static List<Integer> range(int first, int n) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(first + i);
    }
    return ports;
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Integer> ephemeral(int n, Set<Integer> taken) {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < n) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (taken.add(s.getLocalPort())) {
          ports.add(s.getLocalPort());
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot find a free loopback port", e);
      }
    }
    return ports;
  }
}
