package dev.vigil.management.metrics;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.Outbound;
import dev.vigil.engine.Outbox;
import dev.vigil.link.InboundSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures PING round trips without touching the engine or the transport: it sits on both sides of
 * the transport, noting when each {@link Outbound.Ping} leaves and matching the {@link
 * Inbound.PingReply} with the same endpoint and id. The engine is pure and has no nanosecond clock
 * for this; the transport need not know about metrics.
 *
 * <p>Wiring: {@code new NettyTransport(io, timer.inbound(loop), ...)} and the engine's outbox
 * {@code timer.outbox(transport)}; then {@link #onRoundTrip} once the metrics exist.
 */
public final class PingTimer {
  /** Pings unanswered for this long are forgotten, so the map stays small on dead links. */
  static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Receives {@code (ip:port, milliseconds)}. */
  @FunctionalInterface
  public interface RoundTripListener {
    void roundTrip(String node, long millis);
  }

  private record Key(Endpoint endpoint, long id) {}

  private final LongSupplier nanoTime;
  private final Map<Key, Long> sent = new ConcurrentHashMap<>();
  private volatile RoundTripListener listener = (node, millis) -> {};

  public PingTimer(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public void onRoundTrip(RoundTripListener listener) {
    this.listener = listener;
  }

  /** The engine's outbox: notes each PING, then passes everything to {@code next}. */
  public Outbox outbox(Outbox next) {
    return request -> {
      if (request instanceof Outbound.Ping ping) {
        long now = nanoTime.getAsLong();
        sent.put(new Key(ping.endpoint(), ping.id()), now);
        if (sent.size() > 1_000) {
          sent.values().removeIf(at -> now - at > FORGET_AFTER_NANOS);
        }
      }
      next.send(request);
    };
  }

  /** The transport's sink: times each PING reply, then passes everything to {@code next}. */
  public InboundSink inbound(InboundSink next) {
    return message -> {
      if (message instanceof Inbound.PingReply reply) {
        Long at = sent.remove(new Key(reply.endpoint(), reply.id()));
        if (at != null) {
          Endpoint e = reply.endpoint();
          String node =
              (e.host().indexOf(':') >= 0 ? "[" + e.host() + "]" : e.host()) + ":" + e.port();
          listener.roundTrip(node, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - at));
        }
      } else if (message instanceof Inbound.LinkDown down) {
        sent.keySet().removeIf(k -> k.endpoint().equals(down.endpoint()));
      }
      next.deliver(message);
    };
  }
}
