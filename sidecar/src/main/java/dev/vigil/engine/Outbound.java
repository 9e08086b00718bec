package dev.vigil.engine;

/**
 * Everything the engine asks the outside world to do. The transport promises nothing about
 * delivery: every request either gets exactly one {@link Inbound} answer carrying the same {@code
 * id} ({@link Inbound.CommandFailed} on error, timeout or a dropped link) or, if the link is lost,
 * a {@link Inbound.LinkDown}.
 */
public sealed interface Outbound {
  Endpoint endpoint();

  /**
   * Open the command link (and for data nodes the pub/sub link, which subscribes to {@code
   * __sentinel__:hello}). The transport sends {@code AUTH} and {@code CLIENT SETNAME} first and
   * answers with {@link Inbound.LinkUp} per link or {@link Inbound.LinkDown} on failure.
   *
   * <p>{@code address} is where to connect: the endpoint names the instance (for one known by host
   * name under {@code resolve-hostnames yes}, the name), the address is what the engine resolved it
   * to for this connection (spec §6.2: every reconnection resolves the name again).
   */
  record Connect(Endpoint endpoint, LinkSettings settings, String address) implements Outbound {
    /**
     * A connection to the endpoint's own host (an IP literal, or a name the transport resolves).
     */
    public Connect(Endpoint endpoint, LinkSettings settings) {
      this(endpoint, settings, endpoint.host());
    }
  }

  /**
   * Close one link (link recycling, or auth settings changed). Answered by {@link
   * Inbound.LinkDown}.
   */
  record Disconnect(Endpoint endpoint, LinkType link) implements Outbound {}

  /** {@code PING}; answered by {@link Inbound.PingReply}. */
  record Ping(Endpoint endpoint, long id) implements Outbound {}

  /** {@code INFO}; answered by {@link Inbound.InfoReply}. */
  record Info(Endpoint endpoint, long id) implements Outbound {}

  /** {@code PUBLISH __sentinel__:hello <payload>}; answered by {@link Inbound.PublishReply}. */
  record PublishHello(Endpoint endpoint, long id, String payload) implements Outbound {}

  /**
   * {@code SENTINEL is-master-down-by-addr <ip> <port> <epoch> <runid|*>}; answered by {@link
   * Inbound.AskReply}.
   */
  record AskMasterDown(Endpoint endpoint, long id, String ip, int port, long epoch, String runid)
      implements Outbound {}

  /**
   * The reconfiguration transaction {@code MULTI; SLAVEOF host port | SLAVEOF NO ONE; CONFIG
   * REWRITE; CLIENT KILL TYPE normal; CLIENT KILL TYPE pubsub; EXEC}. {@code host == null} means
   * {@code NO ONE}. Answered by {@link Inbound.ReplicaOfQueued} once the transaction was written
   * (Sentinel ignores the replies and observes the effect through INFO).
   */
  record ReplicaOf(Endpoint endpoint, long id, String host, int port) implements Outbound {
    public boolean noOne() {
      return host == null;
    }
  }

  /** {@code SCRIPT KILL} to a node answering BUSY. No answer is expected. */
  record ScriptKill(Endpoint endpoint, long id) implements Outbound {}

  /**
   * Vigil's self-fencing, to a peer sentinel: {@code SENTINEL GET-MASTER-ADDR-BY-NAME <name>}, to
   * learn its configuration as it is now (a hello received now may have been sent before a
   * partition and held back by TCP); answered by {@link Inbound.PrimaryNamed}.
   */
  record ConfirmPrimary(Endpoint endpoint, long id, String masterName) implements Outbound {}

  /**
   * Vigil's self-fencing, to the sidecar's own node: {@code CONFIG GET min-replicas-*}; answered by
   * {@link Inbound.FenceConfig}.
   */
  record FenceQuery(Endpoint endpoint, long id) implements Outbound {}

  /**
   * Vigil's self-fencing: {@code CONFIG SET min-replicas-to-write <toWrite> min-replicas-max-lag
   * <maxLag>} (one atomic CONFIG SET), then {@code CONFIG REWRITE}; answered by {@link
   * Inbound.FenceApplied} on the CONFIG SET's reply.
   */
  record SetFence(Endpoint endpoint, long id, long toWrite, long maxLag) implements Outbound {}

  /**
   * Vigil's self-fencing: demote a fenced node and restore its limits in one transaction, {@code
   * MULTI; SLAVEOF host port; CONFIG SET min-replicas-to-write <toWrite> min-replicas-max-lag
   * <maxLag>; CONFIG REWRITE; CLIENT KILL TYPE normal; CLIENT KILL TYPE pubsub; EXEC}; answered by
   * {@link Inbound.FenceApplied} once written, as {@link ReplicaOf} (its CLIENT KILL closes the
   * connection it came on; the effect is read back from the node).
   */
  record Demote(Endpoint endpoint, long id, String host, int port, long toWrite, long maxLag)
      implements Outbound {}
}
