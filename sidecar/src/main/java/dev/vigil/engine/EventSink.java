package dev.vigil.engine;

/** The one publisher of engine events: log lines, pub/sub channels, JMX notifications, scripts. */
@FunctionalInterface
public interface EventSink {
  void emit(SentinelEvent event);
}
