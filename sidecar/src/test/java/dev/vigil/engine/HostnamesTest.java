package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.GlobalOptions;
import dev.vigil.engine.state.HostPort;
import dev.vigil.engine.state.KnownSentinel;
import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Spec §12: with {@code resolve-hostnames yes} a host name stands for its resolved IP everywhere
 * unless {@code announce-hostnames yes}, in which case the name itself is shown and announced.
 */
class HostnamesTest {
  private static final Map<String, String> DNS =
      Map.of("db.example", "10.0.0.1", "replica.example", "10.0.0.5", "peer.example", "10.0.0.21");

  private static EngineHarness harness(boolean announceHostnames) {
    return harness(announceHostnames, DNS::get, List.of(), List.of());
  }

  private static EngineHarness harness(
      boolean announceHostnames,
      Function<String, String> resolver,
      List<HostPort> knownReplicas,
      List<KnownSentinel> knownSentinels) {
    MasterState m = EngineHarness.master(2, 5_000);
    MasterState byName =
        new MasterState(
            m.name(),
            "db.example",
            m.port(),
            m.quorum(),
            m.downAfterMs(),
            m.failoverTimeoutMs(),
            m.parallelSyncs(),
            null,
            null,
            null,
            null,
            0,
            0,
            0,
            knownReplicas,
            knownSentinels,
            Map.of());
    GlobalOptions globals = new GlobalOptions(null, 0, true, null, null, true, announceHostnames);
    EngineHarness h =
        new EngineHarness(
            new SentinelState(EngineHarness.MYID, 0, globals, List.of(byName)), true, resolver);
    h.start();
    return h;
  }

  @Test
  void resolvedAddressesAreShownAndAnnouncedWhenHostnamesAreNotAnnounced() {
    EngineHarness h = harness(false);
    assertEquals(List.of("+monitor master mymaster 10.0.0.1 6379 quorum 2"), h.eventTexts());
    assertEquals(new HostPort("10.0.0.1", 6379), h.engine.masterAddress("mymaster"));
    assertEquals("10.0.0.1", h.engine.snapshot().master("mymaster").ip());
    assertEquals("10.0.0.1", h.engine.state().masters().get(0).host(), "the rewritten config");
    h.connect(DB);
    h.events.clear();
    // A replica announcing itself by name (replica-announce-ip) is kept under its IP.
    h.info(
        DB,
        EngineHarness.primaryInfo(
            EngineHarness.runid('1'), "ip=replica.example,port=6380,state=online,offset=1,lag=0"));
    assertEquals(
        List.of("+slave slave 10.0.0.5:6380 10.0.0.5 6380 @ mymaster 10.0.0.1 6379"),
        h.eventTexts());
    // A hello naming the primary by name names the same primary: no switch.
    h.events.clear();
    h.engine.processHello(
        "peer.example,26380," + EngineHarness.PEER1 + ",0,mymaster,db.example,6379,1");
    assertTrue(
        h.eventTexts().stream().noneMatch(e -> e.startsWith("+switch-master")),
        h.eventTexts().toString());
    assertEquals(
        List.of(
            "+sentinel sentinel "
                + EngineHarness.PEER1
                + " 10.0.0.21 26380 @ mymaster 10.0.0.1 6379"),
        h.eventTexts());
  }

  @Test
  void aPeerAskingByNameFindsThePrimaryKeptByIp() {
    EngineHarness h = harness(false);
    SentinelEngine.IsDownAnswer byName =
        h.engine.isMasterDownByAddr("db.example", 6379, 1, EngineHarness.PEER1);
    assertEquals(EngineHarness.PEER1, byName.leader(), "found, so it voted");
    assertEquals(1, byName.leaderEpoch());
    SentinelEngine.IsDownAnswer unknown =
        h.engine.isMasterDownByAddr("replica.example", 6379, 2, EngineHarness.PEER1);
    assertEquals("*", unknown.leader(), "another address: no such primary, no vote");
  }

  @Test
  void namesAreKeptWhenHostnamesAreAnnounced() {
    EngineHarness h = harness(true);
    assertEquals(List.of("+monitor master mymaster db.example 6379 quorum 2"), h.eventTexts());
    assertEquals(new HostPort("db.example", 6379), h.engine.masterAddress("mymaster"));
    assertEquals("db.example", h.engine.state().masters().get(0).host());
    assertTrue(
        h.sent.stream().anyMatch(o -> o.endpoint().equals(Endpoint.data("db.example", 6379))),
        "the transport connects by name (and resolves on every connection)");
  }

  @Test
  void monitorResolvesHostNames() {
    EngineHarness h = harness(false);
    assertEquals(
        "ERR Invalid IP address or hostname specified",
        h.engine.monitor("other", "nowhere.example", "6390", "1"));
    assertEquals(null, h.engine.monitor("other", "replica.example", "6390", "1"));
    assertEquals(new HostPort("10.0.0.5", 6390), h.engine.masterAddress("other"));
  }

  // ------------------------------------------------------------- resolution at every reconnection

  private static final Endpoint DB = Endpoint.data("db.example", 6379);

  /** A DNS whose answers the test changes between connections, counting the look-ups. */
  private static final class ChangingDns implements Function<String, String> {
    final Map<String, String> answers = new HashMap<>(DNS);
    final List<String> lookups = new ArrayList<>();

    @Override
    public String apply(String host) {
      lookups.add(host);
      return answers.get(host);
    }

    long lookupsOf(String host) {
      return lookups.stream().filter(host::equals).count();
    }
  }

  private static void dropLinks(EngineHarness h, Endpoint e) {
    h.engine.handle(new Inbound.LinkDown(e, LinkType.COMMAND, "connection reset"));
    h.engine.handle(new Inbound.LinkDown(e, LinkType.PUBSUB, "connection reset"));
  }

  private static List<String> connectAddresses(EngineHarness h, Endpoint e) {
    return h.sent(Outbound.Connect.class, e).stream().map(Outbound.Connect::address).toList();
  }

  @Test
  void everyReconnectionResolvesTheNameAgainAndConnectsToTheNewAddress() {
    ChangingDns dns = new ChangingDns();
    EngineHarness h = harness(false, dns, List.of(), List.of());
    assertEquals(List.of("10.0.0.1"), connectAddresses(h, DB), "links are keyed by the name");
    h.connect(DB);
    h.advance(3_000);
    assertEquals(1, connectAddresses(h, DB).size(), "no reconnection while the links are up");

    dns.answers.put("db.example", "10.0.0.9"); // the node came back on another address
    long before = dns.lookupsOf("db.example");
    dropLinks(h, DB);
    h.advance(1_000);
    assertEquals(List.of("10.0.0.1", "10.0.0.9"), connectAddresses(h, DB));
    assertEquals(before + 1, dns.lookupsOf("db.example"), "one look-up per reconnection");
    h.connect(DB);
    assertEquals("10.0.0.9", h.engine.snapshot().master("mymaster").ip());
    assertEquals(new HostPort("10.0.0.9", 6379), h.engine.masterAddress("mymaster"));
    assertEquals("10.0.0.9", h.engine.state().masters().get(0).host(), "the rewritten config");
  }

  @Test
  void announcedNamesStayShownWhileTheConnectionFollowsTheNewAddress() {
    ChangingDns dns = new ChangingDns();
    EngineHarness h = harness(true, dns, List.of(), List.of());
    h.connect(DB);
    dns.answers.put("db.example", "10.0.0.9");
    dropLinks(h, DB);
    h.advance(1_000);
    assertEquals(List.of("10.0.0.1", "10.0.0.9"), connectAddresses(h, DB));
    assertEquals("db.example", h.engine.snapshot().master("mymaster").ip());
  }

  @Test
  void aNameThatStopsResolvingKeepsItsLastAddress() {
    ChangingDns dns = new ChangingDns();
    EngineHarness h = harness(false, dns, List.of(), List.of());
    h.connect(DB);
    dns.answers.remove("db.example");
    dropLinks(h, DB);
    h.advance(1_000);
    assertEquals(List.of("10.0.0.1", "10.0.0.1"), connectAddresses(h, DB));
    assertEquals("10.0.0.1", h.engine.snapshot().master("mymaster").ip());
  }

  @Test
  void anUnresolvablePrimaryIsShownWithAnEmptyIpAndRetriedEveryPingPeriod() {
    ChangingDns dns = new ChangingDns();
    dns.answers.remove("db.example");
    EngineHarness h = harness(false, dns, List.of(), List.of());
    // As valkey-sentinel 8.0.1 logs it: "+monitor master mymaster  6379 quorum 2".
    assertEquals(List.of("+monitor master mymaster  6379 quorum 2"), h.eventTexts());
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertEquals("", m.ip());
    assertTrue(m.flags().contains("disconnected"), m.flags());
    assertEquals(new HostPort("", 6379), h.engine.masterAddress("mymaster"));
    // Sentinel rewrites "sentinel monitor mymaster  6379 2", which it cannot load again; the name
    // is kept instead.
    assertEquals("db.example", h.engine.state().masters().get(0).host());
    assertTrue(h.sent(Outbound.Connect.class).isEmpty(), "no address, no connection attempt");

    long before = dns.lookupsOf("db.example");
    h.advance(4_500);
    long lookups = dns.lookupsOf("db.example") - before;
    assertTrue(lookups >= 4 && lookups <= 5, "one look-up per ping-period, got " + lookups);
    assertTrue(h.sent(Outbound.Connect.class).isEmpty());
    h.advance(1_000);
    assertEquals(1, h.count("+sdown"), "never reachable: S_DOWN after down-after, as Sentinel");

    dns.answers.put("db.example", "10.0.0.7"); // the name appears in DNS
    h.advance(1_000);
    assertEquals(List.of("10.0.0.7"), connectAddresses(h, DB));
    h.connect(DB);
    h.pong(DB);
    h.advance(100);
    assertEquals("10.0.0.7", h.engine.snapshot().master("mymaster").ip());
    assertEquals(1, h.count("-sdown"));
    assertEquals("10.0.0.7", h.engine.state().masters().get(0).host());
  }

  @Test
  void unresolvableKnownReplicasAndSentinelsAreAcceptedAsSentinelShowsThem() {
    ChangingDns dns = new ChangingDns();
    EngineHarness h =
        harness(
            false,
            dns,
            List.of(new HostPort("gone.example", 6380)),
            List.of(new KnownSentinel("gone-peer.example", 26380, EngineHarness.PEER1)));
    EngineSnapshot.MasterSnapshot m = h.engine.snapshot().master("mymaster");
    assertEquals(":6380", m.replicas().get(0).name());
    assertEquals("", m.replicas().get(0).ip());
    assertEquals("", m.sentinels().get(0).ip());
    assertEquals(
        List.of(new HostPort("gone.example", 6380)),
        h.engine.state().masters().get(0).knownReplicas(),
        "the config keeps the names");
    assertEquals(
        "gone-peer.example", h.engine.state().masters().get(0).knownSentinels().get(0).host());
    h.advance(3_000);
    assertFalse(
        h.sent.stream().anyMatch(o -> o.endpoint().host().startsWith("gone")),
        "nothing is sent to a name without an address: " + h.sent);

    dns.answers.put("gone.example", "10.0.0.6");
    h.advance(1_000);
    assertEquals(List.of("10.0.0.6"), connectAddresses(h, Endpoint.data("gone.example", 6380)));
    assertEquals("10.0.0.6", h.engine.snapshot().master("mymaster").replicas().get(0).ip());
    assertEquals(
        ":6380",
        h.engine.snapshot().master("mymaster").replicas().get(0).name(),
        "the name is fixed at creation, as Sentinel's");
  }

  @Test
  void anUnresolvablePeerFromAHelloIsAcceptedWithAnEmptyIp() {
    EngineHarness h = harness(false);
    h.events.clear();
    h.engine.processHello(
        "gone-peer.example,26380," + EngineHarness.PEER1 + ",0,mymaster,db.example,6379,0");
    assertEquals(
        List.of("+sentinel sentinel " + EngineHarness.PEER1 + "  26380 @ mymaster 10.0.0.1 6379"),
        h.eventTexts());
    assertEquals("", h.engine.snapshot().master("mymaster").sentinels().get(0).ip());
    h.events.clear();
    h.engine.processHello(
        "gone-peer.example,26380," + EngineHarness.PEER1 + ",0,mymaster,db.example,6379,0");
    assertEquals(List.of(), h.eventTexts(), "the same peer again: found under its name");
  }

  @Test
  void aSwitchToAReplicaKnownByNameKeepsFollowingTheNames() {
    ChangingDns dns = new ChangingDns();
    EngineHarness h = harness(false, dns, List.of(), List.of());
    h.connect(DB);
    h.info(
        DB,
        EngineHarness.primaryInfo(
            EngineHarness.runid('1'), "ip=replica.example,port=6380,state=online,offset=1,lag=0"));
    // A newer configuration from a peer names the replica by name: it becomes the primary.
    h.engine.processHello(
        "10.0.0.21,26380," + EngineHarness.PEER1 + ",1,mymaster,replica.example,6380,1");
    assertEquals(new HostPort("10.0.0.5", 6380), h.engine.masterAddress("mymaster"));
    Endpoint newPrimary = Endpoint.data("replica.example", 6380);
    h.connect(newPrimary);
    dns.answers.put("replica.example", "10.0.0.55");
    dns.answers.put("db.example", "10.0.0.11");
    dropLinks(h, newPrimary);
    dropLinks(h, DB); // the old primary, now a replica, kept its link
    h.advance(1_000);
    assertEquals("10.0.0.55", h.last(Outbound.Connect.class, newPrimary).address());
    assertEquals("10.0.0.11", h.last(Outbound.Connect.class, DB).address(), "the old primary");
  }

  @Test
  void withoutResolveHostnamesNothingIsLookedUp() {
    ChangingDns dns = new ChangingDns();
    EngineHarness h =
        new EngineHarness(
            new SentinelState(
                EngineHarness.MYID,
                0,
                GlobalOptions.DEFAULTS,
                List.of(EngineHarness.master(2, 5_000))),
            true,
            dns);
    h.start();
    h.connect(EngineHarness.PRIMARY);
    dropLinks(h, EngineHarness.PRIMARY);
    h.advance(2_000);
    assertEquals(List.of("10.0.0.1", "10.0.0.1"), connectAddresses(h, EngineHarness.PRIMARY));
    assertEquals(List.of(), dns.lookups);
  }
}
