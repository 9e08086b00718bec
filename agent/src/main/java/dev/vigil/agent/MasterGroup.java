package dev.vigil.agent;

import dev.vigil.agent.sentinel.MasterAnswer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent knows about one master group: its current primary, every address seen in it
 * (primary, replicas, former primaries), the highest config epoch seen, and switch statistics.
 *
 * <p>Deciding the primary from several sentinels: the answers with the highest config epoch win (a
 * sentinel that missed a failover still reports the old primary with the old epoch); answers older
 * than the highest epoch already seen are ignored, so an isolated lagging sentinel cannot switch
 * the agent back. A {@code +switch-master} message raises that floor by one, because the failover
 * that sent it ran under a newer epoch than any seen before. When no sentinel reports an epoch, the
 * majority of answers wins and a tie keeps the current primary.
 */
public final class MasterGroup {
  /** A change of primary to apply to the pools. {@code previous} is null on first learning. */
  public static final class Change {
    public final HostPort previous;
    public final HostPort current;

    Change(HostPort previous, HostPort current) {
      this.previous = previous;
      this.current = current;
    }
  }

  private final String name;
  private final Set<HostPort> known = new LinkedHashSet<>();
  private final AtomicLong evicted = new AtomicLong();
  private HostPort primary;
  private long maxEpoch = -1;
  private long switchCount;
  private long lastSwitchMillis;

  public MasterGroup(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Takes one check round's answers for this group; returns the change to apply or null. */
  public synchronized Change consider(List<MasterAnswer> answers, long nowMillis) {
    long bestEpoch = -1;
    for (MasterAnswer answer : answers) {
      if (answer.primary() != null) {
        bestEpoch = Math.max(bestEpoch, answer.configEpoch());
      }
      known.addAll(answer.replicas());
    }
    if (bestEpoch >= 0 && bestEpoch < maxEpoch) {
      return null; // Only sentinels that have not caught up answered.
    }
    Map<HostPort, Integer> votes = new HashMap<>();
    for (MasterAnswer answer : answers) {
      if (answer.primary() != null && answer.configEpoch() == bestEpoch) {
        Integer count = votes.get(answer.primary());
        votes.put(answer.primary(), count == null ? 1 : count + 1);
      }
    }
    HostPort chosen = null;
    int chosenVotes = 0;
    boolean tie = false;
    for (Map.Entry<HostPort, Integer> vote : votes.entrySet()) {
      if (vote.getValue() > chosenVotes) {
        chosen = vote.getKey();
        chosenVotes = vote.getValue();
        tie = false;
      } else if (vote.getValue() == chosenVotes) {
        tie = true;
      }
    }
    if (chosen == null || (tie && primary != null)) {
      return null;
    }
    maxEpoch = Math.max(maxEpoch, bestEpoch);
    return moveTo(chosen, nowMillis);
  }

  /** Takes a {@code +switch-master}; returns the change to apply or null if already there. */
  public synchronized Change switchMessage(
      HostPort oldPrimary, HostPort newPrimary, long nowMillis) {
    known.add(oldPrimary);
    if (newPrimary.equals(primary)) {
      return null;
    }
    if (maxEpoch >= 0) {
      maxEpoch++;
    }
    return moveTo(newPrimary, nowMillis);
  }

  private Change moveTo(HostPort chosen, long nowMillis) {
    known.add(chosen);
    if (chosen.equals(primary)) {
      return null;
    }
    HostPort previous = primary;
    primary = chosen;
    if (previous != null) {
      switchCount++;
      lastSwitchMillis = nowMillis;
    }
    return new Change(previous, chosen);
  }

  public synchronized HostPort primary() {
    return primary;
  }

  /** Whether the address belongs to this group (primary, replica or former primary). */
  public synchronized boolean knows(HostPort address) {
    return known.contains(address);
  }

  public synchronized List<HostPort> knownAddresses() {
    return new ArrayList<>(known);
  }

  public synchronized long configEpoch() {
    return maxEpoch;
  }

  public synchronized long switchCount() {
    return switchCount;
  }

  public synchronized long lastSwitchMillis() {
    return lastSwitchMillis;
  }

  public void addEvicted(long count) {
    evicted.addAndGet(count);
  }

  public long evicted() {
    return evicted.get();
  }
}
