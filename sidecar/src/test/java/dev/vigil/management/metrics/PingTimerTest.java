package dev.vigil.management.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PingTimerTest {
  private final AtomicLong nanos = new AtomicLong();
  private final PingTimer timer = new PingTimer(nanos::get);
  private final List<String> roundTrips = new ArrayList<>();
  private final List<Object> passedOn = new ArrayList<>();

  @Test
  void timesEachReplyAgainstItsOwnPingAndPassesEverythingOn() {
    timer.onRoundTrip((node, ms) -> roundTrips.add(node + "=" + ms));
    var out = timer.outbox(passedOn::add);
    var in = timer.inbound(passedOn::add);
    Endpoint a = Endpoint.data("127.0.0.1", 6379);
    Endpoint b = Endpoint.sentinel("::1", 26379);

    out.send(new Outbound.Ping(a, 1));
    nanos.addAndGet(2_000_000);
    out.send(new Outbound.Ping(b, 2));
    nanos.addAndGet(5_000_000);
    in.deliver(new Inbound.PingReply(a, 1, "PONG", false));
    in.deliver(new Inbound.PingReply(b, 2, "PONG", false));
    in.deliver(new Inbound.PingReply(b, 2, "PONG", false)); // duplicate: not timed twice
    out.send(new Outbound.Ping(a, 3));
    in.deliver(new Inbound.LinkDown(a, LinkType.COMMAND, "reset"));
    in.deliver(new Inbound.PingReply(a, 3, "PONG", false)); // after the link died: forgotten

    assertEquals(List.of("127.0.0.1:6379=7", "[::1]:26379=5"), roundTrips);
    assertEquals(8, passedOn.size(), "3 requests and 5 messages");
  }
}
