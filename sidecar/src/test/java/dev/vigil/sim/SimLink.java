package dev.vigil.sim;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.LinkType;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One simulated TCP connection from an engine process to a data node or a peer sentinel. Messages
 * on one link keep their order in each direction (as TCP does); different links reorder freely.
 */
final class SimLink {
  final SimEngineHost owner;
  final long ownerIncarnation;
  final Endpoint endpoint;
  final LinkType type;
  final int targetHost;

  /** The owner's transport believes the link is up: LinkUp delivered, LinkDown not yet. */
  boolean up;

  boolean closed;

  /** The owner was (or is about to be) told with a LinkDown; exactly once per link. */
  boolean downNotified;

  /** Arrival time of the last message in each direction, to keep FIFO order. */
  long lastArrivalToTarget;

  long lastArrivalToOwner;

  /** Requests awaiting an answer, by id (answered, timed out, or covered by the LinkDown). */
  final Set<Long> pending = new LinkedHashSet<>();

  SimLink(SimEngineHost owner, Endpoint endpoint, LinkType type, int targetHost) {
    this.owner = owner;
    this.ownerIncarnation = owner.incarnation();
    this.endpoint = endpoint;
    this.type = type;
    this.targetHost = targetHost;
  }

  boolean open() {
    return !closed;
  }

  @Override
  public String toString() {
    return owner.name() + "->" + endpoint + "/" + type;
  }
}
