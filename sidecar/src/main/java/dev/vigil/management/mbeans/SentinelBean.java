package dev.vigil.management.mbeans;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.jmx.SentinelMXBean;
import dev.vigil.jmx.SentinelNotifications;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.ManagementOperations;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/**
 * {@code vigil:type=Sentinel}, and the JMX face of the event stream: every published Sentinel event
 * becomes a {@link Notification} whose type is the event name and message the payload. Listeners
 * are called on {@code notifier}, never on the engine thread that emits.
 */
public final class SentinelBean extends NotificationBroadcasterSupport
    implements SentinelMXBean, EventSink {
  private final ViewLookup views;
  private final ManagementOperations ops;
  private final Ports ports;
  private final LongSupplier wallClockMs;
  private final AtomicLong sequence = new AtomicLong();

  /** The management ports this sidecar listens on, 0 when off. */
  public record Ports(int jolokia, int http, int jmx) {}

  SentinelBean(
      ViewLookup views,
      ManagementOperations ops,
      Ports ports,
      LongSupplier wallClockMs,
      Executor notifier) {
    super(
        notifier,
        new MBeanNotificationInfo(
            SentinelNotifications.ALL_TYPES.clone(),
            Notification.class.getName(),
            "Sentinel events: type = event name, message = payload, user data = master name"));
    this.views = views;
    this.ops = ops;
    this.ports = ports;
    this.wallClockMs = wallClockMs;
  }

  /** Debug-level events are not published by Sentinel, so they are not notified either. */
  @Override
  public void emit(SentinelEvent event) {
    if (event.level() == SentinelEvent.Level.DEBUG) {
      return;
    }
    Notification n =
        new Notification(
            event.type(),
            VigilObjectNames.SENTINEL,
            sequence.incrementAndGet(),
            wallClockMs.getAsLong(),
            event.message());
    n.setUserData(event.masterName());
    sendNotification(n);
  }

  @Override
  public String getMyId() {
    return views.sentinel().myId();
  }

  @Override
  public long getCurrentEpoch() {
    return views.sentinel().currentEpoch();
  }

  @Override
  public boolean isTilt() {
    return views.sentinel().tilt();
  }

  @Override
  public long getTiltSinceEpochMs() {
    return views.sentinel().tiltSinceEpochMs();
  }

  @Override
  public long getTiltTotal() {
    return views.sentinel().tiltTotal();
  }

  @Override
  public String getAnnounceIp() {
    return views.sentinel().announceIp();
  }

  @Override
  public int getAnnouncePort() {
    return views.sentinel().announcePort();
  }

  @Override
  public int getPort() {
    return views.sentinel().port();
  }

  @Override
  public int getJolokiaPort() {
    return ports.jolokia();
  }

  @Override
  public int getHttpPort() {
    return ports.http();
  }

  @Override
  public int getJmxPort() {
    return ports.jmx();
  }

  @Override
  public int getNumMasters() {
    return views.sentinel().masters().size();
  }

  @Override
  public long getUptimeMs() {
    return Math.max(0, wallClockMs.getAsLong() - views.sentinel().startedAtEpochMs());
  }

  @Override
  public String flushConfig() {
    return OperationCall.await("flushConfig", ops.flushConfig());
  }

  @Override
  public long reset(String pattern) {
    return OperationCall.await("reset " + pattern, ops.reset(pattern));
  }

  @Override
  public String monitor(String name, String ip, int port, int quorum) {
    return OperationCall.await("monitor " + name, ops.monitor(name, ip, port, quorum));
  }

  @Override
  public String remove(String name) {
    return OperationCall.await("remove " + name, ops.remove(name));
  }
}
