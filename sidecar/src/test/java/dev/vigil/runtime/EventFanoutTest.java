package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.SentinelEvent.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFanoutTest {
  private final List<Throwable> errors = new ArrayList<>();
  private final EventFanout fanout = new EventFanout(errors::add);

  @Test
  void everySinkSeesEveryEventEvenWhenOneFails() {
    List<String> seen = new ArrayList<>();
    fanout.add(e -> seen.add("first " + e.type()));
    fanout.add(
        e -> {
          throw new IllegalStateException("broken listener");
        });
    fanout.add(e -> seen.add("third " + e.type()));
    fanout.emit(new SentinelEvent(Level.WARNING, "+sdown", "master m 1.2.3.4 6379", "m"));
    assertEquals(List.of("first +sdown", "third +sdown"), seen);
    assertEquals("broken listener", errors.get(0).getMessage());
  }

  @Test
  void publishesOnTheEventTypeChannelExceptDebugEvents() {
    List<String> published = new ArrayList<>();
    fanout.add(
        EventFanout.publishing((channel, message) -> published.add(channel + "|" + message)));
    fanout.emit(new SentinelEvent(Level.WARNING, "+switch-master", "m 1.1.1.1 1 2.2.2.2 2", "m"));
    fanout.emit(new SentinelEvent(Level.DEBUG, "-cmd-link-reconnection", "x", "m"));
    fanout.emit(new SentinelEvent(Level.NOTICE, "+slave", "slave 2.2.2.2:2 ...", "m"));
    assertEquals(
        List.of("+switch-master|m 1.1.1.1 1 2.2.2.2 2", "+slave|slave 2.2.2.2:2 ..."), published);
  }
}
