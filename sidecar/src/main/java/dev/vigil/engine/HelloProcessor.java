package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sentinelProcessHelloMessage} (spec §5.1): peer discovery and address changes, epoch
 * adoption, and configuration updates carried by a greater config epoch ({@code +switch-master}).
 * Hellos are matched to primaries by name only, as in Sentinel.
 */
final class HelloProcessor {
  private final EngineCore core;
  private final Topology topology;

  HelloProcessor(EngineCore core, Topology topology) {
    this.core = core;
    this.topology = topology;
  }

  /** A hello received on a data node's pub/sub link: our own hellos come back and are dropped. */
  void onPubSubHello(Inbound.HelloMessage message) {
    Link link = core.links.get(message.endpoint());
    if (link != null) {
      link.pcLastActivity = core.now;
    }
    if (core.myid != null && message.payload().contains(core.myid)) {
      return;
    }
    process(message.payload());
  }

  void process(String payload) {
    HelloPayload parsed = HelloPayload.parse(payload);
    if (parsed == null) {
      return;
    }
    // Addresses compared and kept as the instances are (a peer announcing host names to a
    // sentinel that announces IPs names the same primary: sentinelAddrEqualsHostname).
    HelloPayload h =
        parsed.withHosts(
            core.instanceHost(parsed.sentinelIp()), core.instanceHost(parsed.masterIp()));
    Primary p = core.primaries.get(h.masterName());
    if (p == null) {
      return;
    }
    PeerSentinel si = find(p, h.sentinelIp(), h.sentinelPort(), h.runid());
    if (si == null) {
      si = discover(p, h, parsed.sentinelIp());
    }
    if (Long.compareUnsigned(h.currentEpoch(), core.currentEpoch) > 0) {
      core.currentEpoch = h.currentEpoch();
      core.flush();
      core.newEpochEvent(p);
    }
    if (si != null && Long.compareUnsigned(p.configEpoch, h.masterConfigEpoch()) < 0) {
      p.configEpoch = h.masterConfigEpoch();
      if (h.masterPort() != p.port || !h.masterIp().equals(p.host)) {
        core.event(Level.WARNING, "+config-update-from", si, "");
        core.switchMasterEvent(p, h.masterIp(), h.masterPort());
        String oldHost = p.host;
        int oldPort = p.port;
        long downFor = p.sDown ? core.now - p.sDownSince : -1;
        core.lastFailovers.put(
            p.name,
            new FailoverRecord(
                h.masterConfigEpoch(),
                core.wallNow,
                p.address().key(),
                new dev.vigil.engine.state.HostPort(h.masterIp(), h.masterPort()).key(),
                downFor,
                -1,
                -1,
                -1,
                -1));
        topology.resetPrimaryAndChangeAddress(p, parsed.masterIp(), h.masterPort());
        core.clientReconfScript(p, "observer", oldHost, oldPort, p.host, p.port);
        si = find(p, h.sentinelIp(), h.sentinelPort(), h.runid());
      } else if (p.failoverInProgress) {
        // A newer configuration names the address we still monitor while our own, older failover
        // runs (e.g. the old primary was promoted back in a later epoch). Sentinel carries on and
        // would end its stale failover on another address under the newer epoch; Vigil drops it.
        core.event(Level.WARNING, "+config-update-from", si, "");
        topology.resetPrimaryAndChangeAddress(p, p.givenHost(), p.port);
        si = find(p, h.sentinelIp(), h.sentinelPort(), h.runid());
      }
    }
    if (si != null) {
      si.lastHelloTime = core.now;
      si.helloReceivedAt = core.now;
    }
  }

  private static PeerSentinel find(Primary p, String ip, int port, String runid) {
    for (PeerSentinel s : p.sentinels.values()) {
      if (s.port == port && s.host.equals(ip) && (runid == null || runid.equals(s.runid))) {
        return s;
      }
    }
    return null;
  }

  /** {@code givenIp}: the sentinel's address as the hello gave it (a name stays a name). */
  private PeerSentinel discover(Primary p, HelloPayload h, String givenIp) {
    boolean removed = false;
    PeerSentinel sameRunid = p.sentinels.get(h.runid());
    if (sameRunid != null) {
      topology.removeSentinel(sameRunid);
      removed = true;
      core.event(
          Level.NOTICE,
          "+sentinel-address-switch",
          p,
          "ip " + h.sentinelIp() + " port " + h.sentinelPort() + " for " + h.runid());
    } else {
      PeerSentinel other = find(p, h.sentinelIp(), h.sentinelPort(), null);
      if (other != null) {
        core.event(Level.NOTICE, "+sentinel-invalid-addr", other, "");
        String obsolete = other.runid;
        for (Primary any : core.primaries.values()) {
          PeerSentinel s = any.sentinels.get(obsolete);
          if (s != null) {
            topology.removeSentinel(s);
          }
        }
      }
    }
    if (h.sentinelPort() < 0 || h.sentinelPort() > 65535) {
      return null;
    }
    PeerSentinel si = topology.createSentinel(p, givenIp, h.sentinelPort(), h.runid());
    if (!removed) {
      core.event(Level.NOTICE, "+sentinel", si, "");
    } else {
      updateAddressInAllPrimaries(si);
    }
    core.flush();
    return si;
  }

  /** {@code sentinelUpdateSentinelAddressInAllPrimaries}. */
  private void updateAddressInAllPrimaries(PeerSentinel si) {
    int reconfigured = 0;
    List<PeerSentinel> stale = new ArrayList<>();
    for (Primary any : core.primaries.values()) {
      PeerSentinel s = any.sentinels.get(si.runid);
      if (s != null && s != si && !(s.host.equals(si.host) && s.port == si.port)) {
        stale.add(s);
      }
    }
    for (PeerSentinel s : stale) {
      Primary owner = s.primary();
      topology.removeSentinel(s);
      topology.createSentinel(owner, si.givenHost(), si.port, si.runid);
      reconfigured++;
    }
    if (reconfigured > 0) {
      core.event(
          Level.NOTICE,
          "+sentinel-address-update",
          si,
          reconfigured + " additional matching instances");
    }
  }
}
