package dev.vigil.agent.sentinel;

import dev.vigil.agent.AgentLog;
import dev.vigil.agent.HostPort;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * Keeps one {@code SUBSCRIBE +switch-master} connection to one sentinel, on its own daemon thread,
 * reconnecting with backoff for as long as the agent runs. Every (re)subscription is reported so
 * the agent re-asks for the primary: a {@code +switch-master} sent while the link was down is never
 * redelivered. An idle link is probed with {@code PING} so a silently dead one is noticed.
 */
final class SentinelSubscriber implements Runnable {
  /** What the subscriber reports. Called on the subscriber's thread. */
  interface Events {
    void subscribed(HostPort sentinel);

    void switchMaster(HostPort sentinel, String payload);

    void linkLost(HostPort sentinel, String reason);
  }

  private static final long MAX_BACKOFF_MS = 2000;

  private final HostPort sentinel;
  private final SentinelAccess access;
  private final Events events;
  private final int pingIntervalMs;
  private volatile boolean running = true;
  private volatile RespConnection connection;

  SentinelSubscriber(HostPort sentinel, SentinelAccess access, Events events, int pingIntervalMs) {
    this.sentinel = sentinel;
    this.access = access;
    this.events = events;
    this.pingIntervalMs = pingIntervalMs;
  }

  @Override
  public void run() {
    long backoffMs = 100;
    while (running) {
      boolean wasSubscribed = false;
      try {
        connection = access.open(sentinel, pingIntervalMs);
        Object reply = connection.call("SUBSCRIBE", "+switch-master");
        if (!isSubscribeConfirmation(reply)) {
          throw new IOException("unexpected reply to SUBSCRIBE: " + reply);
        }
        wasSubscribed = true;
        backoffMs = 100;
        events.subscribed(sentinel);
        listen();
      } catch (IOException | RuntimeException e) {
        if (running) {
          events.linkLost(sentinel, e.toString());
        }
      } finally {
        RespConnection c = connection;
        if (c != null) {
          c.close();
        }
      }
      if (!running) {
        break;
      }
      sleep(wasSubscribed ? 100 : backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
  }

  private void listen() throws IOException {
    boolean awaitingPong = false;
    while (running) {
      Object message;
      try {
        message = connection.read();
      } catch (SocketTimeoutException idle) {
        if (awaitingPong) {
          throw new IOException("no reply to PING within " + pingIntervalMs + " ms");
        }
        connection.write("PING");
        connection.flush();
        awaitingPong = true;
        continue;
      }
      awaitingPong = false;
      if (message instanceof List) {
        List<?> parts = (List<?>) message;
        if (parts.size() == 3
            && "message".equals(parts.get(0))
            && "+switch-master".equals(parts.get(1))
            && parts.get(2) instanceof String) {
          events.switchMaster(sentinel, (String) parts.get(2));
        }
      } else if (message instanceof RespConnection.ErrorReply) {
        AgentLog.debug("sentinel " + sentinel + " replied " + message + " on the subscription");
      }
    }
  }

  private static boolean isSubscribeConfirmation(Object reply) {
    return reply instanceof List
        && ((List<?>) reply).size() == 3
        && "subscribe".equals(((List<?>) reply).get(0));
  }

  void stop() {
    running = false;
    RespConnection c = connection;
    if (c != null) {
      c.close();
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }
}
