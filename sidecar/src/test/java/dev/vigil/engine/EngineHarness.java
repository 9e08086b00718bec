package dev.vigil.engine;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * One engine with a manual clock, a recording outbox, event sink and store, and helpers that play
 * the transport's part by hand.
 */
final class EngineHarness {
  static final String MYID = "a".repeat(40);
  static final String PEER1 = "b".repeat(40);
  static final String PEER2 = "c".repeat(40);
  static final Endpoint PRIMARY = Endpoint.data("10.0.0.1", 6379);

  final ManualClock clock = new ManualClock(1_000, 1_700_000_000_000L);
  final List<Outbound> sent = new ArrayList<>();
  final List<SentinelEvent> events = new ArrayList<>();
  final List<SentinelState> saves = new ArrayList<>();

  /** Interleaved record of saves and events, to check "persisted before". */
  final List<String> journal = new ArrayList<>();

  boolean storeWorks = true;
  final SentinelEngine engine;

  EngineHarness() {
    this(master(2, 5_000), true);
  }

  EngineHarness(MasterState master, boolean fast) {
    this(new SentinelState(MYID, 0, GlobalOptions.DEFAULTS, List.of(master)), fast);
  }

  EngineHarness(SentinelState state, boolean fast) {
    this(state, fast, null);
  }

  /** With a host resolver for {@code resolve-hostnames yes} (null: the engine's default). */
  EngineHarness(
      SentinelState state, boolean fast, java.util.function.Function<String, String> resolver) {
    engine =
        new SentinelEngine(
            state,
            new EngineOptions(
                null,
                26379,
                Timing.DEFAULTS,
                fast ? FailoverPacing.VIGIL : FailoverPacing.SENTINEL),
            clock,
            new Random(7),
            sent::add,
            e -> {
              events.add(e);
              journal.add("event " + e);
            },
            s -> {
              saves.add(s);
              journal.add("save");
              return storeWorks;
            },
            resolver);
  }

  static MasterState master(int quorum, long downAfterMs) {
    return new MasterState(
        "mymaster",
        "10.0.0.1",
        6379,
        quorum,
        downAfterMs,
        60_000,
        1,
        null,
        null,
        null,
        null,
        0,
        0,
        0,
        List.of(),
        List.of(),
        Map.of());
  }

  void start() {
    engine.start();
  }

  // ------------------------------------------------------------------ time

  void advance(long ms) {
    long target = clock.monotonicMs() + ms;
    while (clock.monotonicMs() < target) {
      long step = Math.min(SentinelEngine.HEARTBEAT_MS, target - clock.monotonicMs());
      clock.advance(step);
      engine.poll(clock.monotonicMs());
    }
  }

  // ------------------------------------------------------------------ outbox

  <T extends Outbound> List<T> sent(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Outbound o : sent) {
      if (type.isInstance(o)) {
        out.add(type.cast(o));
      }
    }
    return out;
  }

  <T extends Outbound> List<T> sent(Class<T> type, Endpoint to) {
    List<T> out = new ArrayList<>();
    for (T o : sent(type)) {
      if (o.endpoint().equals(to)) {
        out.add(o);
      }
    }
    return out;
  }

  <T extends Outbound> T last(Class<T> type, Endpoint to) {
    List<T> all = sent(type, to);
    if (all.isEmpty()) {
      throw new AssertionError(
          "nothing of " + type.getSimpleName() + " sent to " + to + ": " + sent);
    }
    return all.get(all.size() - 1);
  }

  // ------------------------------------------------------------------ transport answers

  /** Answers every pending Connect to {@code e} with LinkUp (both links for data nodes). */
  void connect(Endpoint e) {
    for (Outbound o : sent) {
      if (o instanceof Outbound.Connect c && c.endpoint().equals(e)) {
        acceptedConnects.add(c);
      }
    }
    engine.handle(new Inbound.LinkUp(e, LinkType.COMMAND, "10.0.0.100"));
    if (e.kind() == Endpoint.Kind.DATA) {
      engine.handle(new Inbound.LinkUp(e, LinkType.PUBSUB, "10.0.0.100"));
    }
  }

  /** Answers every Connect not answered yet with LinkUp (a healthy network). */
  void acceptConnects() {
    for (Outbound o : new ArrayList<>(sent)) {
      if (o instanceof Outbound.Connect c && acceptedConnects.add(c)) {
        connect(c.endpoint());
      }
    }
  }

  private final java.util.Set<Outbound> acceptedConnects =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** Answers all PINGs sent to {@code e} so far and not answered yet. */
  void pong(Endpoint e) {
    for (Outbound.Ping p : new ArrayList<>(sent(Outbound.Ping.class, e))) {
      if (answered.add(p.id())) {
        engine.handle(new Inbound.PingReply(e, p.id(), "PONG", false));
      }
    }
  }

  /** Answers the pending INFO requests to {@code e} with {@code text}. */
  void info(Endpoint e, String text) {
    for (Outbound.Info i : new ArrayList<>(sent(Outbound.Info.class, e))) {
      if (answered.add(i.id())) {
        engine.handle(new Inbound.InfoReply(e, i.id(), text));
      }
    }
  }

  /** Answers pending hellos / replicaofs sent to {@code e} positively. */
  void ackWrites(Endpoint e) {
    for (Outbound o : new ArrayList<>(sent)) {
      if (!o.endpoint().equals(e)) {
        continue;
      }
      if (o instanceof Outbound.PublishHello h && answered.add(h.id())) {
        engine.handle(new Inbound.PublishReply(e, h.id(), true));
      } else if (o instanceof Outbound.ReplicaOf r && answered.add(r.id())) {
        engine.handle(new Inbound.ReplicaOfQueued(e, r.id()));
      }
    }
  }

  /** Answers pending asks to a peer. */
  void askReply(Endpoint peer, boolean down, String leader, long epoch) {
    for (Outbound.AskMasterDown a : new ArrayList<>(sent(Outbound.AskMasterDown.class, peer))) {
      if (answered.add(a.id())) {
        engine.handle(new Inbound.AskReply(peer, a.id(), down ? 1 : 0, leader, epoch));
      }
    }
  }

  private final java.util.Set<Long> answered = new java.util.HashSet<>();

  // ------------------------------------------------------------------ peers and info texts

  static String hello(
      String runid, int port, long epoch, String masterIp, int masterPort, long cfg) {
    return "10.0.0.2"
        + (port % 10)
        + ","
        + port
        + ","
        + runid
        + ","
        + epoch
        + ",mymaster,"
        + masterIp
        + ","
        + masterPort
        + ","
        + cfg;
  }

  static Endpoint peer(int port) {
    return Endpoint.sentinel("10.0.0.2" + (port % 10), port);
  }

  void addPeers() {
    engine.processHello(hello(PEER1, 26380, 0, "10.0.0.1", 6379, 0));
    engine.processHello(hello(PEER2, 26381, 0, "10.0.0.1", 6379, 0));
    connect(peer(26380));
    connect(peer(26381));
  }

  static String primaryInfo(String runid, String... replicaLines) {
    StringBuilder b =
        new StringBuilder("# Server\r\nrun_id:" + runid + "\r\n\r\n# Replication\r\n");
    b.append("role:master\r\nconnected_slaves:").append(replicaLines.length).append("\r\n");
    for (int i = 0; i < replicaLines.length; i++) {
      b.append("slave").append(i).append(':').append(replicaLines[i]).append("\r\n");
    }
    return b.toString();
  }

  static String replicaInfo(
      String runid, String masterHost, int masterPort, boolean linkUp, long offset, int priority) {
    return "# Server\r\nrun_id:"
        + runid
        + "\r\n\r\n# Replication\r\nrole:slave\r\nmaster_host:"
        + masterHost
        + "\r\nmaster_port:"
        + masterPort
        + "\r\nmaster_link_status:"
        + (linkUp ? "up" : "down")
        + "\r\nslave_repl_offset:"
        + offset
        + "\r\nslave_priority:"
        + priority
        + "\r\nreplica_announced:1\r\n";
  }

  static String runid(char c) {
    return String.valueOf(c).repeat(40);
  }

  // ------------------------------------------------------------------ events

  List<String> eventTexts() {
    List<String> out = new ArrayList<>();
    for (SentinelEvent e : events) {
      out.add(e.toString());
    }
    return out;
  }

  List<String> eventTexts(Predicate<SentinelEvent> filter) {
    List<String> out = new ArrayList<>();
    for (SentinelEvent e : events) {
      if (filter.test(e)) {
        out.add(e.toString());
      }
    }
    return out;
  }

  long count(String type) {
    return events.stream().filter(e -> e.type().equals(type)).count();
  }
}
