package dev.vigil.link;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.Outbound;
import java.util.List;

/**
 * Maps a node's reply to the typed answer the engine expects, applying Sentinel's acceptance rules
 * (the reply callbacks in {@code sentinel.c}).
 */
final class ReplyMapper {
  private ReplyMapper() {}

  /**
   * Whether the engine waits for an answer carrying the request's id: a reply-mapped answer, or for
   * {@code ReplicaOf} the {@link Inbound.ReplicaOfQueued} once written. Only {@code SCRIPT KILL} is
   * fire-and-forget.
   */
  static boolean expectsAnswer(Outbound request) {
    return request instanceof Outbound.Ping
        || request instanceof Outbound.Info
        || request instanceof Outbound.PublishHello
        || request instanceof Outbound.AskMasterDown
        || request instanceof Outbound.ReplicaOf
        || request instanceof Outbound.ConfirmPrimary
        || request instanceof Outbound.FenceQuery
        || request instanceof Outbound.SetFence
        || request instanceof Outbound.Demote;
  }

  /** The request's id; -1 for link requests, which have none. */
  static long idOf(Outbound request) {
    if (request instanceof Outbound.Ping p) {
      return p.id();
    } else if (request instanceof Outbound.Info i) {
      return i.id();
    } else if (request instanceof Outbound.PublishHello h) {
      return h.id();
    } else if (request instanceof Outbound.AskMasterDown a) {
      return a.id();
    } else if (request instanceof Outbound.ReplicaOf r) {
      return r.id();
    } else if (request instanceof Outbound.ScriptKill s) {
      return s.id();
    } else if (request instanceof Outbound.ConfirmPrimary c) {
      return c.id();
    } else if (request instanceof Outbound.FenceQuery q) {
      return q.id();
    } else if (request instanceof Outbound.SetFence f) {
      return f.id();
    } else if (request instanceof Outbound.Demote d) {
      return d.id();
    }
    return -1;
  }

  /**
   * The answer to {@code request} given the reply to its command, or null when the reply is not
   * what the request is answered with ({@code ReplicaOf}, {@code ScriptKill}).
   */
  static Inbound answer(Outbound request, RespReply reply) {
    Endpoint ep = request.endpoint();
    if (request instanceof Outbound.Ping p) {
      return ping(ep, p.id(), reply);
    } else if (request instanceof Outbound.Info i) {
      return info(ep, i.id(), reply);
    } else if (request instanceof Outbound.PublishHello h) {
      // Sentinel accepts anything but an error (sentinelPublishReplyCallback).
      return new Inbound.PublishReply(ep, h.id(), !(reply instanceof RespReply.Error));
    } else if (request instanceof Outbound.AskMasterDown a) {
      return ask(ep, a.id(), reply);
    } else if (request instanceof Outbound.ConfirmPrimary c) {
      return primaryNamed(ep, c.id(), reply);
    } else if (request instanceof Outbound.FenceQuery q) {
      return fenceConfig(ep, q.id(), reply);
    } else if (request instanceof Outbound.SetFence f) {
      return reply instanceof RespReply.Status
          ? new Inbound.FenceApplied(ep, f.id())
          : failed(ep, f.id(), reply);
    }
    return null;
  }

  /**
   * Status and error replies carry their text; any other type is passed as an error so that the
   * engine counts it as a reply but not as a valid one (sentinelPingReplyCallback).
   */
  static Inbound ping(Endpoint ep, long id, RespReply reply) {
    if (reply instanceof RespReply.Status s) {
      return new Inbound.PingReply(ep, id, s.text(), false);
    } else if (reply instanceof RespReply.Error e) {
      return new Inbound.PingReply(ep, id, e.text(), true);
    }
    return new Inbound.PingReply(ep, id, "unexpected " + RespReply.describe(reply), true);
  }

  static Inbound info(Endpoint ep, long id, RespReply reply) {
    if (reply instanceof RespReply.Bulk b && b.text() != null) {
      return new Inbound.InfoReply(ep, id, b.text());
    }
    return failed(ep, id, reply);
  }

  /**
   * Only {@code [integer, bulk string, integer]} is accepted (sentinelReceiveIsPrimaryDownReply).
   */
  static Inbound ask(Endpoint ep, long id, RespReply reply) {
    if (reply instanceof RespReply.Array a && a.elements() != null && a.elements().size() == 3) {
      List<RespReply> e = a.elements();
      if (e.get(0) instanceof RespReply.Int down
          && e.get(1) instanceof RespReply.Bulk leader
          && leader.text() != null
          && e.get(2) instanceof RespReply.Int epoch) {
        return new Inbound.AskReply(ep, id, down.value(), leader.text(), epoch.value());
      }
    }
    return failed(ep, id, reply);
  }

  /** {@code CONFIG GET min-replicas-*}: name/value pairs (a RESP2 array) holding both limits. */
  static Inbound fenceConfig(Endpoint ep, long id, RespReply reply) {
    Long toWrite = null;
    Long maxLag = null;
    if (reply instanceof RespReply.Array a && a.elements() != null) {
      List<RespReply> e = a.elements();
      for (int i = 0; i + 1 < e.size(); i += 2) {
        if (e.get(i) instanceof RespReply.Bulk name
            && e.get(i + 1) instanceof RespReply.Bulk value
            && name.text() != null
            && value.text() != null) {
          Long v = parseLong(value.text());
          if ("min-replicas-to-write".equals(name.text())) {
            toWrite = v;
          } else if ("min-replicas-max-lag".equals(name.text())) {
            maxLag = v;
          }
        }
      }
    }
    if (toWrite == null || maxLag == null) {
      return failed(ep, id, reply);
    }
    return new Inbound.FenceConfig(ep, id, toWrite, maxLag);
  }

  /** {@code GET-MASTER-ADDR-BY-NAME}: {@code [ip, port]}, or a null array for an unknown name. */
  static Inbound primaryNamed(Endpoint ep, long id, RespReply reply) {
    if (reply instanceof RespReply.Array a) {
      if (a.elements() == null) {
        return new Inbound.PrimaryNamed(ep, id, null, 0);
      }
      if (a.elements().size() == 2
          && a.elements().get(0) instanceof RespReply.Bulk host
          && a.elements().get(1) instanceof RespReply.Bulk port
          && host.text() != null
          && port.text() != null) {
        Long p = parseLong(port.text());
        if (p != null && p >= 0 && p <= 65535) {
          return new Inbound.PrimaryNamed(ep, id, host.text(), p.intValue());
        }
      }
    }
    return failed(ep, id, reply);
  }

  private static Long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Inbound failed(Endpoint ep, long id, RespReply reply) {
    String error =
        reply instanceof RespReply.Error e
            ? e.text()
            : "unexpected reply: " + RespReply.describe(reply);
    return new Inbound.CommandFailed(ep, id, error);
  }
}
