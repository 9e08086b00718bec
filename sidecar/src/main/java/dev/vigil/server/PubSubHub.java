package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;

import dev.vigil.resp.RespProtocol;
import dev.vigil.resp.RespValue;
import dev.vigil.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel and pattern subscriptions across all connections. {@link #publish} may be called from any
 * thread (the engine's events come through it); each subscriber's message is written on its own
 * event loop by Netty, so messages to one client keep their publication order.
 */
final class PubSubHub {
  private final Map<String, Set<ClientSession>> channels = new ConcurrentHashMap<>();
  private final Map<String, Set<ClientSession>> patterns = new ConcurrentHashMap<>();

  /** Returns true if the session was not yet subscribed to that channel. */
  boolean subscribe(ClientSession s, String channel) {
    if (!s.channels().add(channel)) {
      return false;
    }
    channels.computeIfAbsent(channel, k -> ConcurrentHashMap.newKeySet()).add(s);
    s.subscriptionsChanged();
    return true;
  }

  boolean unsubscribe(ClientSession s, String channel) {
    if (!s.channels().remove(channel)) {
      return false;
    }
    channels.computeIfPresent(
        channel,
        (k, set) -> {
          set.remove(s);
          return set.isEmpty() ? null : set;
        });
    s.subscriptionsChanged();
    return true;
  }

  boolean psubscribe(ClientSession s, String pattern) {
    if (!s.patterns().add(pattern)) {
      return false;
    }
    patterns.computeIfAbsent(pattern, k -> ConcurrentHashMap.newKeySet()).add(s);
    s.subscriptionsChanged();
    return true;
  }

  boolean punsubscribe(ClientSession s, String pattern) {
    if (!s.patterns().remove(pattern)) {
      return false;
    }
    patterns.computeIfPresent(
        pattern,
        (k, set) -> {
          set.remove(s);
          return set.isEmpty() ? null : set;
        });
    s.subscriptionsChanged();
    return true;
  }

  void removeAll(ClientSession s) {
    for (String c : List.copyOf(s.channels())) {
      unsubscribe(s, c);
    }
    for (String p : List.copyOf(s.patterns())) {
      punsubscribe(s, p);
    }
  }

  /** Delivers to channel and pattern subscribers; returns how many received it. */
  int publish(String channel, String message) {
    int receivers = 0;
    Set<ClientSession> direct = channels.get(channel);
    if (direct != null) {
      try (EncodedOnce push =
          new EncodedOnce(
              new RespValue.PushReply(List.of(bulk("message"), bulk(channel), bulk(message))))) {
        for (ClientSession s : direct) {
          s.deliver(push.forProtocol(s.protocol()));
          receivers++;
        }
      }
    }
    byte[] channelBytes = channel.getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, Set<ClientSession>> e : patterns.entrySet()) {
      if (GlobMatcher.matches(e.getKey().getBytes(StandardCharsets.UTF_8), channelBytes, false)) {
        try (EncodedOnce push =
            new EncodedOnce(
                new RespValue.PushReply(
                    List.of(bulk("pmessage"), bulk(e.getKey()), bulk(channel), bulk(message))))) {
          for (ClientSession s : e.getValue()) {
            s.deliver(push.forProtocol(s.protocol()));
            receivers++;
          }
        }
      }
    }
    return receivers;
  }

  /** A message encoded at most once per protocol, shared by all its subscribers. */
  private static final class EncodedOnce implements AutoCloseable {
    private final RespValue value;
    private final ByteBuf[] byProtocol = new ByteBuf[RespProtocol.values().length];

    EncodedOnce(RespValue value) {
      this.value = value;
    }

    /** A buffer the caller owns (a retained view of the shared encoding). */
    ByteBuf forProtocol(RespProtocol protocol) {
      ByteBuf buf = byProtocol[protocol.ordinal()];
      if (buf == null) {
        buf = Unpooled.buffer();
        RespWriter.write(value, protocol, buf);
        byProtocol[protocol.ordinal()] = buf;
      }
      return buf.retainedDuplicate();
    }

    @Override
    public void close() {
      for (ByteBuf b : byProtocol) {
        if (b != null) {
          b.release();
        }
      }
    }
  }

  int channelCount() {
    return channels.size();
  }

  int patternCount() {
    return patterns.size();
  }
}
