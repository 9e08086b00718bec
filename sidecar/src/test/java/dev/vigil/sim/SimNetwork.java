package dev.vigil.sim;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated transport between engine processes, data nodes and peer sentinels.
 *
 * <p>It honours the engine's transport contract: every request gets exactly one answer with its id,
 * or the link carrying it goes down ({@link Inbound.LinkDown}). Within that contract it delays
 * every message randomly, loses some (a loss either resets the connection or makes the request time
 * out, which closes the link because RESP cannot match late replies), delivers some hellos twice,
 * lets different links overtake each other, and cuts hosts apart with partitions. A sentinel and
 * the data node on the same host are one machine: they are always on the same side of a partition.
 */
final class SimNetwork {
  private final SimScheduler scheduler;
  private final SimCluster cluster;
  private NetworkProfile profile;
  private final int[] partitionGroup;
  private long messages;

  SimNetwork(SimScheduler scheduler, SimCluster cluster, int hosts, NetworkProfile profile) {
    this.scheduler = scheduler;
    this.cluster = cluster;
    this.profile = profile;
    this.partitionGroup = new int[hosts];
  }

  long messages() {
    return messages;
  }

  void profile(NetworkProfile profile) {
    this.profile = profile;
  }

  NetworkProfile profile() {
    return profile;
  }

  // ---- partitions ------------------------------------------------------------------------------

  boolean reachable(int hostA, int hostB) {
    return partitionGroup[hostA] == partitionGroup[hostB];
  }

  /** Puts every host whose bit is set in {@code sideMask} on one side, the others on the other. */
  void partition(long sideMask) {
    for (int h = 0; h < partitionGroup.length; h++) {
      partitionGroup[h] = (sideMask & (1L << h)) != 0 ? 1 : 0;
    }
    cluster.trace("net", "partition", groupsText());
  }

  void heal() {
    Arrays.fill(partitionGroup, 0);
    cluster.trace("net", "heal", "");
  }

  boolean partitioned() {
    for (int g : partitionGroup) {
      if (g != partitionGroup[0]) {
        return true;
      }
    }
    return false;
  }

  private String groupsText() {
    StringBuilder a = new StringBuilder("{");
    StringBuilder b = new StringBuilder("{");
    for (int h = 0; h < partitionGroup.length; h++) {
      (partitionGroup[h] == 0 ? a : b).append(h).append(' ');
    }
    return a.append("} | ").append(b).append('}').toString();
  }

  // ---- engine requests -------------------------------------------------------------------------

  /** Called from an engine's Outbox, synchronously: only schedules, never calls an engine. */
  void send(SimEngineHost owner, Outbound request) {
    messages++;
    if (request instanceof Outbound.Connect c) {
      connect(owner, c.endpoint());
    } else if (request instanceof Outbound.Disconnect d) {
      disconnect(owner, d.endpoint(), d.link());
    } else if (request instanceof Outbound.ScriptKill k) {
      sendRequest(owner, k.endpoint(), k.id(), k, false);
    } else if (request instanceof Outbound.ReplicaOf r) {
      SimLink link = owner.link(r.endpoint(), LinkType.COMMAND);
      if (link == null || !link.up) {
        answerNow(owner, new Inbound.CommandFailed(r.endpoint(), r.id(), "not connected"));
        return;
      }
      // The transaction was written to the socket: that is all the engine is told.
      answerNow(owner, new Inbound.ReplicaOfQueued(r.endpoint(), r.id()));
      sendRequest(owner, r.endpoint(), r.id(), r, false);
    } else if (request instanceof Outbound.Ping p) {
      sendRequest(owner, p.endpoint(), p.id(), p, true);
    } else if (request instanceof Outbound.Info i) {
      sendRequest(owner, i.endpoint(), i.id(), i, true);
    } else if (request instanceof Outbound.PublishHello h) {
      sendRequest(owner, h.endpoint(), h.id(), h, true);
    } else if (request instanceof Outbound.AskMasterDown a) {
      sendRequest(owner, a.endpoint(), a.id(), a, true);
    } else if (request instanceof Outbound.ConfirmPrimary c) {
      sendRequest(owner, c.endpoint(), c.id(), c, true);
    } else if (request instanceof Outbound.FenceQuery q) {
      sendRequest(owner, q.endpoint(), q.id(), q, true);
    } else if (request instanceof Outbound.SetFence f) {
      sendRequest(owner, f.endpoint(), f.id(), f, true);
    } else if (request instanceof Outbound.Demote d) {
      sendRequest(owner, d.endpoint(), d.id(), d, true);
    }
  }

  private void connect(SimEngineHost owner, Endpoint endpoint) {
    int target = cluster.hostOf(endpoint);
    openLink(owner, endpoint, LinkType.COMMAND, target);
    if (endpoint.kind() == Endpoint.Kind.DATA) {
      openLink(owner, endpoint, LinkType.PUBSUB, target);
    }
  }

  private void openLink(SimEngineHost owner, Endpoint endpoint, LinkType type, int target) {
    SimLink existing = owner.link(endpoint, type);
    if (existing != null && existing.open()) {
      return; // this link is up or coming up; the transport only (re)opens missing ones
    }
    if (existing != null) {
      // A dead link whose LinkDown is still on its way: report it first, so that it cannot be
      // taken for news about the new link.
      notifyDown(existing, "connection reset");
    }
    SimLink link = new SimLink(owner, endpoint, type, target);
    owner.putLink(link);
    if (target < 0) {
      close(link, "unknown host", profile.connectTimeoutMs());
      return;
    }
    scheduler.after(
        delay(),
        () -> {
          if (link.closed) {
            return;
          }
          if (!reachable(owner.hostIndex, target)) {
            close(link, "connect timeout", profile.connectTimeoutMs());
          } else if (!cluster.processAlive(endpoint)) {
            close(link, "connection refused", delay());
          } else {
            // SYN-ACK travels back; the kernel accepts even if the process is stopped.
            scheduler.after(
                delay(),
                () -> {
                  if (!link.closed && owner.alive(link.ownerIncarnation)) {
                    link.up = true;
                    owner.deliver(
                        link.ownerIncarnation,
                        new Inbound.LinkUp(endpoint, type, SimIds.hostIp(owner.hostIndex)));
                  }
                });
          }
        });
  }

  private void disconnect(SimEngineHost owner, Endpoint endpoint, LinkType type) {
    SimLink link = owner.link(endpoint, type);
    if (link != null && link.open()) {
      close(link, "closed by engine", 0);
    } else if (link != null && !link.downNotified) {
      notifyDown(link, "connection reset"); // its pending LinkDown answers the Disconnect
    } else {
      answerNow(owner, new Inbound.LinkDown(endpoint, type, "not connected"));
    }
  }

  /**
   * Closes a link: nothing more travels on it, and the owner hears LinkDown after {@code afterMs}.
   * Until then the owner's transport does not know: requests it writes vanish (the LinkDown answers
   * them).
   */
  void close(SimLink link, String reason, long afterMs) {
    if (link.closed) {
      return;
    }
    link.closed = true;
    link.pending.clear();
    scheduler.after(afterMs, () -> notifyDown(link, reason));
  }

  /** Tells the owner, once per link, that it is down. */
  private void notifyDown(SimLink link, String reason) {
    if (link.downNotified) {
      return;
    }
    link.closed = true;
    link.downNotified = true;
    link.pending.clear();
    long incarnation = link.ownerIncarnation;
    scheduler.after(
        0,
        () -> {
          link.up = false;
          link.owner.deliver(incarnation, new Inbound.LinkDown(link.endpoint, link.type, reason));
        });
  }

  /** Closes every engine link to {@code endpoint}, as a process death or CLIENT KILL does. */
  void closeAllTo(Endpoint endpoint, String reason) {
    for (SimEngineHost host : cluster.sentinels()) {
      for (SimLink link : host.linksTo(endpoint)) {
        // What the far end wrote before dying still arrives, then the RST (TCP keeps order).
        long at = Math.max(scheduler.nowMs() + delay(), link.lastArrivalToOwner);
        scheduler.at(at, () -> close(link, reason, 0));
      }
    }
  }

  private void answerNow(SimEngineHost owner, Inbound answer) {
    long incarnation = owner.incarnation();
    scheduler.after(0, () -> owner.deliver(incarnation, answer));
  }

  private void sendRequest(
      SimEngineHost owner, Endpoint endpoint, long id, Outbound request, boolean answered) {
    SimLink link = owner.link(endpoint, LinkType.COMMAND);
    if (link == null || !link.up) {
      if (answered) {
        answerNow(owner, new Inbound.CommandFailed(endpoint, id, "not connected"));
      }
      return;
    }
    if (link.closed) {
      return; // written into a dead connection; its LinkDown is on the way
    }
    if (answered) {
      link.pending.add(id);
      scheduler.after(
          profile.requestTimeoutMs(),
          () -> {
            if (link.pending.contains(id)) {
              close(link, "request timeout", 0);
            }
          });
    }
    if (lost(link)) {
      return;
    }
    long arrival = Math.max(scheduler.nowMs() + delay(), link.lastArrivalToTarget);
    link.lastArrivalToTarget = arrival;
    scheduler.at(
        arrival,
        () -> {
          if (link.closed || !reachable(owner.hostIndex, link.targetHost)) {
            return; // lost on the wire; the timeout or the LinkDown answers it
          }
          cluster.trace(owner.name(), "recv@" + link.targetHost, request);
          cluster.process(link, request, reply -> reply(link, id, reply));
        });
  }

  /** Sends a target's reply back over {@code link}. */
  private void reply(SimLink link, long id, Inbound reply) {
    if (link.closed || lost(link)) {
      return;
    }
    long arrival = Math.max(scheduler.nowMs() + delay(), link.lastArrivalToOwner);
    link.lastArrivalToOwner = arrival;
    scheduler.at(
        arrival,
        () -> {
          if (link.closed || !reachable(link.owner.hostIndex, link.targetHost)) {
            return;
          }
          if (link.pending.remove(id)) {
            link.owner.deliver(link.ownerIncarnation, reply);
          }
        });
  }

  /** A PUBLISH on a data node: every subscribed engine gets the hello on its pub/sub link. */
  void fanOutHello(SimValkeyNode node, Endpoint nodeEndpoint, String payload) {
    for (SimEngineHost host : cluster.sentinels()) {
      SimLink link = host.link(nodeEndpoint, LinkType.PUBSUB);
      if (link == null || !link.up || link.closed) {
        continue;
      }
      int copies = scheduler.chance(profile.duplicateRate()) ? 2 : 1;
      for (int i = 0; i < copies; i++) {
        if (lost(link)) {
          continue;
        }
        long arrival = Math.max(scheduler.nowMs() + delay(), link.lastArrivalToOwner);
        link.lastArrivalToOwner = arrival;
        scheduler.at(
            arrival,
            () -> {
              if (!link.closed && reachable(link.owner.hostIndex, node.hostIndex)) {
                link.owner.deliver(
                    link.ownerIncarnation, new Inbound.HelloMessage(nodeEndpoint, payload));
              }
            });
      }
    }
  }

  boolean duplicate() {
    return scheduler.chance(profile.duplicateRate());
  }

  /** Decides whether one message is lost; a loss may also reset the connection. */
  private boolean lost(SimLink link) {
    if (!scheduler.chance(profile.dropRate())) {
      return false;
    }
    if (scheduler.chance(profile.resetOnDropRate())) {
      close(link, "connection reset", delay());
    }
    return true;
  }

  long delay() {
    long d = scheduler.between(profile.minDelayMs(), profile.maxDelayMs());
    return scheduler.chance(profile.spikeRate()) ? d * 10 : d;
  }

  /** Links currently up from any engine (for tests). */
  List<SimLink> upLinks() {
    List<SimLink> out = new ArrayList<>();
    for (SimEngineHost host : cluster.sentinels()) {
      for (SimLink l : host.links()) {
        if (l.up) {
          out.add(l);
        }
      }
    }
    return out;
  }
}
