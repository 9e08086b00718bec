package dev.vigil.engine;

/** Everything the outside world tells the engine. Delivered on the engine's thread, in order. */
public sealed interface Inbound {
  Endpoint endpoint();

  /**
   * A link is established (after AUTH/SETNAME were sent). {@code localIp} is the socket's own
   * address.
   */
  record LinkUp(Endpoint endpoint, LinkType link, String localIp) implements Inbound {}

  /** A link failed to connect or was closed. */
  record LinkDown(Endpoint endpoint, LinkType link, String reason) implements Inbound {}

  /** Reply to a PING: status or error text, without the leading {@code +}/{@code -}. */
  record PingReply(Endpoint endpoint, long id, String text, boolean error) implements Inbound {}

  /** Reply to INFO: the raw text. */
  record InfoReply(Endpoint endpoint, long id, String info) implements Inbound {}

  /** Reply to a hello PUBLISH; {@code ok} is false for an error reply. */
  record PublishReply(Endpoint endpoint, long id, boolean ok) implements Inbound {}

  /**
   * A well-formed reply to is-master-down-by-addr ({@code [int, string, int]}); malformed replies
   * arrive as {@link CommandFailed}.
   */
  record AskReply(Endpoint endpoint, long id, long down, String leader, long leaderEpoch)
      implements Inbound {}

  /** The reconfiguration transaction was written to the node. */
  record ReplicaOfQueued(Endpoint endpoint, long id) implements Inbound {}

  /** A request failed: error reply where none is valid, malformed reply, timeout. */
  record CommandFailed(Endpoint endpoint, long id, String error) implements Inbound {}

  /** Vigil's self-fencing: the node's {@code min-replicas-to-write} and {@code -max-lag}. */
  record FenceConfig(Endpoint endpoint, long id, long toWrite, long maxLag) implements Inbound {}

  /**
   * Vigil's self-fencing: a peer's answer to {@code GET-MASTER-ADDR-BY-NAME}; {@code host} null
   * when it does not know the name.
   */
  record PrimaryNamed(Endpoint endpoint, long id, String host, int port) implements Inbound {}

  /** Vigil's self-fencing: a {@code SetFence} or {@code Demote} took effect. */
  record FenceApplied(Endpoint endpoint, long id) implements Inbound {}

  /** A message on {@code __sentinel__:hello} received on a data node's pub/sub link. */
  record HelloMessage(Endpoint endpoint, String payload) implements Inbound {}
}
