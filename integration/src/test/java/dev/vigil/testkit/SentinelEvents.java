package dev.vigil.testkit;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Pub/Sub subscription to a sentinel's event channels ({@code +sdown}, {@code +switch-master},
 * ...), collected by a daemon reader thread into a list tests can wait on. With no channels it
 * pattern-subscribes to {@code *}. The subscription is confirmed before {@link #subscribe} returns,
 * so no event published afterwards is missed.
 */
public final class SentinelEvents implements AutoCloseable {
  /** One published message, with the local time it arrived. */
  public record Event(String channel, String message, long receivedNanos) {
    @Override
    public String toString() {
      return channel + " " + message;
    }
  }

  private final HostPort address;
  private final RespClient client;
  private final List<Event> events = new ArrayList<>();
  private final Thread reader;
  private volatile boolean closed;

  private SentinelEvents(HostPort address, RespClient client) {
    this.address = address;
    this.client = client;
    this.reader = new Thread(this::readLoop, "vigil-testkit-events-" + address);
    this.reader.setDaemon(true);
  }

  /** Subscribes to {@code channels} on the server or sentinel at {@code address}. */
  public static SentinelEvents subscribe(HostPort address, List<String> channels) {
    RespClient client = RespClient.connect(address);
    try {
      List<String> command = new ArrayList<>();
      boolean pattern = channels.isEmpty();
      command.add(pattern ? "PSUBSCRIBE" : "SUBSCRIBE");
      command.addAll(pattern ? List.of("*") : channels);
      client.send(command.toArray(String[]::new));
      int confirmations = pattern ? 1 : channels.size();
      for (int i = 0; i < confirmations; i++) {
        Object reply = client.read();
        if (!(reply instanceof List<?> list)
            || !String.valueOf(list.get(0)).endsWith("subscribe")) {
          throw new IllegalStateException("unexpected reply to " + command + ": " + reply);
        }
      }
      // From now on the reader blocks indefinitely; close() unblocks it by closing the socket.
      client.setTimeout(Duration.ZERO);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    SentinelEvents events = new SentinelEvents(address, client);
    events.reader.start();
    return events;
  }

  /** A snapshot of everything received so far. */
  public List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Waits for a message on {@code channel} whose payload passes {@code predicate}. */
  public Event awaitMessage(String channel, Predicate<String> predicate, Duration timeout) {
    long deadline = System.nanoTime() + Await.scaled(timeout).toNanos();
    synchronized (events) {
      while (true) {
        for (Event e : events) {
          if (e.channel().equals(channel) && predicate.test(e.message())) {
            return e;
          }
        }
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0 || closed) {
          throw new AssertionError(
              "no message on "
                  + channel
                  + " matching the predicate from "
                  + address
                  + " within "
                  + timeout.toMillis()
                  + " ms; received: "
                  + events);
        }
        try {
          events.wait(remainingMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  /** Waits for any message on {@code channel}. */
  public Event awaitMessage(String channel, Duration timeout) {
    return awaitMessage(channel, m -> true, timeout);
  }

  @Override
  public void close() {
    closed = true;
    client.close();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readLoop() {
    while (!closed) {
      Object reply;
      try {
        reply = client.read();
      } catch (UncheckedIOException e) {
        if (!closed) {
          KitLog.info("event subscription to " + address + " ended: " + e.getMessage());
        }
        break;
      }
      if (reply instanceof List<?> list && !list.isEmpty()) {
        String kind = String.valueOf(list.get(0));
        Event event = null;
        if (kind.equals("message") && list.size() == 3) {
          event =
              new Event(
                  String.valueOf(list.get(1)), String.valueOf(list.get(2)), System.nanoTime());
        } else if (kind.equals("pmessage") && list.size() == 4) {
          event =
              new Event(
                  String.valueOf(list.get(2)), String.valueOf(list.get(3)), System.nanoTime());
        }
        if (event != null) {
          synchronized (events) {
            events.add(event);
            events.notifyAll();
          }
        }
      }
    }
    synchronized (events) {
      closed = true;
      events.notifyAll();
    }
  }
}
