package dev.vigil.engine;

import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A tiny in-test world for engine tests: fake Valkey nodes, N sentinel engines, a router that
 * delivers requests and answers after a fixed latency, and one manual clock. Not the simulation
 * harness (that lives on its own); just enough to run a failover end to end deterministically.
 */
final class MiniCluster {
  static final long LATENCY_MS = 1;

  /** A fake data node: role, replication target, offset, liveness. */
  static final class Node {
    final String host;
    final int port;
    String runid;
    boolean master;
    String masterHost;
    int masterPort;
    long offset;
    int priority = 100;

    /** A hung node answers nothing but keeps connections (like a paused process). */
    boolean hung;

    /** A crashed node drops its connections and refuses new ones. */
    boolean crashed;

    Node(String host, int port, String runid) {
      this.host = host;
      this.port = port;
      this.runid = runid;
    }

    HostPort address() {
      return new HostPort(host, port);
    }
  }

  /** One sentinel: its engine and what it emitted and persisted. */
  final class Sentinel {
    final String ip;
    final int port;
    final SentinelEngine engine;
    final List<SentinelEvent> events = new ArrayList<>();
    final List<SentinelState> saves = new ArrayList<>();
    long deadline;
    boolean alive = true;

    Sentinel(String ip, int port, SentinelState initial, EngineOptions options, long seed) {
      this.ip = ip;
      this.port = port;
      this.engine =
          new SentinelEngine(
              initial,
              options,
              clock,
              new Random(seed),
              req -> route(this, req),
              events::add,
              s -> {
                saves.add(s);
                return true;
              });
    }

    Endpoint endpoint() {
      return Endpoint.sentinel(ip, port);
    }

    long count(String type) {
      return events.stream().filter(e -> e.type().equals(type)).count();
    }

    List<String> eventTexts() {
      List<String> out = new ArrayList<>();
      for (SentinelEvent e : events) {
        out.add(e.toString());
      }
      return out.size() > 60 ? out.subList(out.size() - 60, out.size()) : out;
    }
  }

  private record Delivery(long at, long seq, Runnable action) {}

  final ManualClock clock = new ManualClock(0, 1_700_000_000_000L);
  final Map<HostPort, Node> nodes = new LinkedHashMap<>();
  final List<Sentinel> sentinels = new ArrayList<>();
  private final PriorityQueue<Delivery> queue =
      new PriorityQueue<>(Comparator.comparingLong(Delivery::at).thenComparingLong(Delivery::seq));
  private long seq;

  /** (sentinel, node) pairs with an open pub/sub link: hellos published to the node reach them. */
  private final Map<HostPort, Set<Sentinel>> subscribers = new LinkedHashMap<>();

  Node addNode(int port, boolean master, int masterPort) {
    Node n = new Node("127.0.0.1", port, runid(port, 0));
    n.master = master;
    if (!master) {
      n.masterHost = "127.0.0.1";
      n.masterPort = masterPort;
    }
    nodes.put(n.address(), n);
    return n;
  }

  static String runid(int port, int generation) {
    String base = String.format("%05d%03d", port, generation);
    StringBuilder b = new StringBuilder();
    while (b.length() < 40) {
      b.append(base);
    }
    return b.substring(0, 40);
  }

  Sentinel addSentinel(int port, MasterState master, boolean fast) {
    EngineOptions options =
        new EngineOptions(
            null, port, Timing.DEFAULTS, fast ? FailoverPacing.VIGIL : FailoverPacing.SENTINEL);
    String myid = String.format("%040x", port);
    SentinelState state =
        new SentinelState(myid, 0, dev.vigil.engine.state.GlobalOptions.DEFAULTS, List.of(master));
    Sentinel s = new Sentinel("127.0.0.1", port, state, options, port);
    sentinels.add(s);
    return s;
  }

  void startAll() {
    for (Sentinel s : sentinels) {
      s.engine.start();
      s.deadline = s.engine.poll(clock.monotonicMs());
    }
  }

  private void later(Runnable action) {
    queue.add(new Delivery(clock.monotonicMs() + LATENCY_MS, seq++, action));
  }

  private void deliver(Sentinel to, Inbound msg) {
    later(
        () -> {
          if (to.alive) {
            to.engine.handle(msg);
            to.deadline = clock.monotonicMs(); // poll after every message to learn the deadline
          }
        });
  }

  private Sentinel sentinelAt(Endpoint e) {
    for (Sentinel s : sentinels) {
      if (s.ip.equals(e.host()) && s.port == e.port()) {
        return s;
      }
    }
    return null;
  }

  private void route(Sentinel from, Outbound req) {
    Endpoint e = req.endpoint();
    if (e.kind() == Endpoint.Kind.SENTINEL) {
      routeToSentinel(from, sentinelAt(e), req);
    } else {
      routeToNode(from, nodes.get(new HostPort(e.host(), e.port())), req);
    }
  }

  private void routeToSentinel(Sentinel from, Sentinel to, Outbound req) {
    Endpoint e = req.endpoint();
    if (req instanceof Outbound.Connect) {
      if (to != null && to.alive) {
        deliver(from, new Inbound.LinkUp(e, LinkType.COMMAND, from.ip));
      } else {
        deliver(from, new Inbound.LinkDown(e, LinkType.COMMAND, "connection refused"));
      }
      return;
    }
    if (req instanceof Outbound.Disconnect d) {
      deliver(from, new Inbound.LinkDown(e, d.link(), "closed"));
      return;
    }
    if (to == null || !to.alive) {
      return; // unanswered
    }
    if (req instanceof Outbound.Ping p) {
      deliver(from, new Inbound.PingReply(e, p.id(), "PONG", false));
    } else if (req instanceof Outbound.PublishHello h) {
      later(
          () -> {
            if (to.alive) {
              to.engine.processHello(h.payload());
              to.deadline = clock.monotonicMs();
              deliver(from, new Inbound.PublishReply(e, h.id(), true));
            }
          });
    } else if (req instanceof Outbound.AskMasterDown a) {
      later(
          () -> {
            if (to.alive) {
              SentinelEngine.IsDownAnswer ans =
                  to.engine.isMasterDownByAddr(a.ip(), a.port(), a.epoch(), a.runid());
              to.deadline = clock.monotonicMs();
              deliver(
                  from,
                  new Inbound.AskReply(
                      e, a.id(), ans.down() ? 1 : 0, ans.leader(), ans.leaderEpoch()));
            }
          });
    }
  }

  private void routeToNode(Sentinel from, Node node, Outbound req) {
    Endpoint e = req.endpoint();
    if (req instanceof Outbound.Connect) {
      if (node != null && !node.crashed) {
        deliver(from, new Inbound.LinkUp(e, LinkType.COMMAND, from.ip));
        deliver(from, new Inbound.LinkUp(e, LinkType.PUBSUB, from.ip));
        later(() -> subscribers.computeIfAbsent(node.address(), k -> new HashSet<>()).add(from));
      } else {
        deliver(from, new Inbound.LinkDown(e, LinkType.COMMAND, "refused"));
        deliver(from, new Inbound.LinkDown(e, LinkType.PUBSUB, "refused"));
      }
      return;
    }
    if (req instanceof Outbound.Disconnect d) {
      if (d.link() == LinkType.PUBSUB && node != null) {
        Set<Sentinel> subs = subscribers.get(node.address());
        if (subs != null) {
          subs.remove(from);
        }
      }
      deliver(from, new Inbound.LinkDown(e, d.link(), "closed"));
      return;
    }
    if (node == null || node.hung || node.crashed) {
      return;
    }
    if (req instanceof Outbound.Ping p) {
      deliver(from, new Inbound.PingReply(e, p.id(), "PONG", false));
    } else if (req instanceof Outbound.Info i) {
      later(
          () -> {
            if (from.alive) {
              from.engine.handle(new Inbound.InfoReply(e, i.id(), info(node)));
              from.deadline = clock.monotonicMs();
            }
          });
    } else if (req instanceof Outbound.PublishHello h) {
      Set<Sentinel> subs = new HashSet<>(subscribers.getOrDefault(node.address(), Set.of()));
      for (Sentinel s : subs) {
        deliver(s, new Inbound.HelloMessage(e, h.payload()));
      }
      deliver(from, new Inbound.PublishReply(e, h.id(), true));
    } else if (req instanceof Outbound.ReplicaOf r) {
      later(
          () -> {
            if (r.noOne()) {
              node.master = true;
              node.masterHost = null;
            } else {
              node.master = false;
              node.masterHost = r.host();
              node.masterPort = r.port();
            }
          });
      deliver(from, new Inbound.ReplicaOfQueued(e, r.id()));
    }
  }

  /** The node dies: every sentinel connected to it sees both links drop. */
  void crash(Node node) {
    node.crashed = true;
    Endpoint e = Endpoint.data(node.host, node.port);
    for (Sentinel s : new ArrayList<>(subscribers.getOrDefault(node.address(), Set.of()))) {
      deliver(s, new Inbound.LinkDown(e, LinkType.COMMAND, "connection reset"));
      deliver(s, new Inbound.LinkDown(e, LinkType.PUBSUB, "connection reset"));
    }
    subscribers.remove(node.address());
  }

  /** INFO text in Valkey's format (only the lines Sentinel reads, plus a few others). */
  String info(Node node) {
    StringBuilder b = new StringBuilder();
    b.append("# Server\r\nredis_version:7.2.4\r\nrun_id:").append(node.runid).append("\r\n");
    b.append("tcp_port:").append(node.port).append("\r\n\r\n# Replication\r\n");
    if (node.master) {
      b.append("role:master\r\n");
      int i = 0;
      for (Node r : nodes.values()) {
        if (!r.master && !r.hung && node.host.equals(r.masterHost) && node.port == r.masterPort) {
          b.append("slave").append(i++).append(":ip=").append(r.host).append(",port=");
          b.append(r.port).append(",state=online,offset=").append(r.offset).append(",lag=0\r\n");
        }
      }
      b.append("connected_slaves:").append(i).append("\r\n");
    } else {
      Node m = nodes.get(new HostPort(node.masterHost, node.masterPort));
      boolean up = m != null && m.master && !m.hung && !m.crashed;
      b.append("role:slave\r\nmaster_host:").append(node.masterHost).append("\r\n");
      b.append("master_port:").append(node.masterPort).append("\r\n");
      b.append("master_link_status:").append(up ? "up" : "down").append("\r\n");
      b.append("slave_repl_offset:").append(node.offset).append("\r\n");
      if (!up) {
        b.append("master_link_down_since_seconds:1\r\n");
      }
      b.append("slave_priority:").append(node.priority).append("\r\n");
      b.append("replica_announced:1\r\n");
    }
    return b.toString();
  }

  /** Runs the world until {@code untilMs} (monotonic). */
  void runUntil(long untilMs) {
    runUntil(untilMs, () -> false);
  }

  /** Runs until the condition holds (checked after every event) or the time is reached. */
  boolean runUntil(long untilMs, java.util.function.BooleanSupplier done) {
    while (true) {
      if (done.getAsBoolean()) {
        return true;
      }
      long next = untilMs;
      if (!queue.isEmpty()) {
        next = Math.min(next, queue.peek().at());
      }
      for (Sentinel s : sentinels) {
        if (s.alive) {
          next = Math.min(next, s.deadline);
        }
      }
      if (next > untilMs) {
        clock.advanceTo(untilMs);
        return done.getAsBoolean();
      }
      clock.advanceTo(next);
      if (!queue.isEmpty() && queue.peek().at() <= clock.monotonicMs()) {
        queue.poll().action().run();
        continue;
      }
      for (Sentinel s : sentinels) {
        if (s.alive && s.deadline <= clock.monotonicMs()) {
          s.deadline = s.engine.poll(clock.monotonicMs());
        }
      }
      if (clock.monotonicMs() >= untilMs && queue.isEmpty()) {
        return done.getAsBoolean();
      }
    }
  }

  void forEach(Consumer<Sentinel> action) {
    sentinels.forEach(action);
  }
}
