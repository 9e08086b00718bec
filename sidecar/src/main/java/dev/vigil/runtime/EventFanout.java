package dev.vigil.runtime;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The engine's one {@link EventSink}, passing each event to every registered sink in registration
 * order: the log, the RESP server's pub/sub, the management plane. A sink that throws does not stop
 * the others, nor the engine. Sinks run on the engine thread, so they must be quick and hand slow
 * work elsewhere.
 */
public final class EventFanout implements EventSink {
  private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
  private final Consumer<Throwable> errors;

  public EventFanout(Consumer<Throwable> errors) {
    this.errors = errors;
  }

  public void add(EventSink sink) {
    sinks.add(sink);
  }

  public void remove(EventSink sink) {
    sinks.remove(sink);
  }

  @Override
  public void emit(SentinelEvent event) {
    for (EventSink sink : sinks) {
      try {
        sink.emit(event);
      } catch (RuntimeException e) {
        errors.accept(e);
      }
    }
  }

  /**
   * A sink that publishes non-debug events on channel {@code type} with payload {@code message}, as
   * Sentinel does.
   */
  public static EventSink publishing(Publisher publisher) {
    return event -> {
      if (event.level() != SentinelEvent.Level.DEBUG) {
        publisher.publish(event.type(), event.message());
      }
    };
  }

  /** Pub/sub publication to local subscribers (the RESP server). */
  @FunctionalInterface
  public interface Publisher {
    void publish(String channel, String message);
  }
}
