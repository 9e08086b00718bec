package dev.vigil.agent.sentinel;

import dev.vigil.agent.AgentLog;
import dev.vigil.agent.HostPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the configured sentinels: one {@link SentinelSubscriber} per sentinel for {@code
 * +switch-master}, plus one checker thread that asks every sentinel for every group periodically,
 * after every (re)subscription and whenever {@link #checkSoon()} is called. All threads are daemons
 * named {@code vigil-agent-*}; nothing runs on application threads.
 */
public final class SentinelFollower {
  /** Receives what the sentinels say. Called from the follower's threads. */
  public interface Listener {
    /** One check round finished; {@code answers} holds every answer received in it. */
    void checked(List<MasterAnswer> answers, int sentinelsReached);

    /** A {@code +switch-master} arrived: {@code <name> <oldip> <oldport> <newip> <newport>}. */
    void switchMaster(
        HostPort sentinel, String masterName, HostPort oldPrimary, HostPort newPrimary);
  }

  private final List<HostPort> sentinels;
  private final List<String> masterNames;
  private final SentinelAccess access;
  private final long checkIntervalMs;
  private final Listener listener;
  private final List<SentinelSubscriber> subscribers = new ArrayList<>();
  private final Set<HostPort> connected = ConcurrentHashMap.newKeySet();
  private final Object checkLock = new Object();
  private boolean checkRequested;
  private volatile boolean running;
  private Thread checker;

  public SentinelFollower(
      List<HostPort> sentinels,
      List<String> masterNames,
      SentinelAccess access,
      long checkIntervalMs,
      Listener listener) {
    this.sentinels = sentinels;
    this.masterNames = masterNames;
    this.access = access;
    this.checkIntervalMs = checkIntervalMs;
    this.listener = listener;
  }

  /** Runs one check on the calling thread (used once at start, bounded by socket timeouts). */
  public void checkNowBlocking() {
    runCheck();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    SentinelSubscriber.Events events =
        new SentinelSubscriber.Events() {
          @Override
          public void subscribed(HostPort sentinel) {
            connected.add(sentinel);
            AgentLog.debug("subscribed to +switch-master on " + sentinel);
            checkSoon();
          }

          @Override
          public void switchMaster(HostPort sentinel, String payload) {
            handleSwitchMessage(sentinel, payload);
          }

          @Override
          public void linkLost(HostPort sentinel, String reason) {
            if (connected.remove(sentinel)) {
              AgentLog.info("lost subscription to sentinel " + sentinel + ": " + reason);
            } else {
              AgentLog.debug("cannot subscribe to sentinel " + sentinel + ": " + reason);
            }
          }
        };
    int pingMs = (int) Math.max(1000, Math.min(5000, checkIntervalMs * 2));
    for (HostPort sentinel : sentinels) {
      SentinelSubscriber subscriber = new SentinelSubscriber(sentinel, access, events, pingMs);
      subscribers.add(subscriber);
      daemon(subscriber, "vigil-agent-subscriber-" + sentinel).start();
    }
    checker = daemon(this::checkLoop, "vigil-agent-checker");
    checker.start();
  }

  public synchronized void stop() {
    running = false;
    for (SentinelSubscriber subscriber : subscribers) {
      subscriber.stop();
    }
    subscribers.clear();
    synchronized (checkLock) {
      checkLock.notifyAll();
    }
  }

  /** Asks the checker thread to run a check now (e.g. after a READONLY error). */
  public void checkSoon() {
    synchronized (checkLock) {
      checkRequested = true;
      checkLock.notifyAll();
    }
  }

  public List<String> connectedSentinels() {
    List<String> result = new ArrayList<>();
    for (HostPort sentinel : connected) {
      result.add(sentinel.toString());
    }
    Collections.sort(result);
    return result;
  }

  private void handleSwitchMessage(HostPort sentinel, String payload) {
    String[] parts = payload.trim().split(" ");
    if (parts.length != 5) {
      AgentLog.warn("ignoring malformed +switch-master from " + sentinel + ": '" + payload + "'");
      return;
    }
    if (!masterNames.contains(parts[0])) {
      return;
    }
    try {
      HostPort oldPrimary = new HostPort(parts[1], Integer.parseInt(parts[2]));
      HostPort newPrimary = new HostPort(parts[3], Integer.parseInt(parts[4]));
      listener.switchMaster(sentinel, parts[0], oldPrimary, newPrimary);
    } catch (IllegalArgumentException e) {
      AgentLog.warn("ignoring malformed +switch-master from " + sentinel + ": '" + payload + "'");
    }
    // Ask everyone as well: learns the new epoch and replica set, and cross-checks the message.
    checkSoon();
  }

  private void checkLoop() {
    // Rate limit: READONLY storms must not turn into a storm of sentinel connections.
    final long minGapMs = 100;
    while (running) {
      synchronized (checkLock) {
        if (!checkRequested) {
          try {
            checkLock.wait(checkIntervalMs);
          } catch (InterruptedException e) {
            return;
          }
        }
        checkRequested = false;
      }
      if (!running) {
        return;
      }
      try {
        runCheck();
      } catch (RuntimeException e) {
        AgentLog.warn("sentinel check failed", e);
      }
      try {
        Thread.sleep(minGapMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void runCheck() {
    List<MasterAnswer> answers = new ArrayList<>();
    int reached = 0;
    int readTimeoutMs = (int) Math.max(500, Math.min(2000, checkIntervalMs));
    for (HostPort sentinel : sentinels) {
      try {
        answers.addAll(SentinelQuery.ask(access, sentinel, masterNames, readTimeoutMs));
        reached++;
      } catch (IOException | RuntimeException e) {
        AgentLog.debug("cannot ask sentinel " + sentinel + ": " + e);
      }
    }
    listener.checked(answers, reached);
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
