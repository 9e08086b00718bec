package dev.vigil.agent.sentinel;

import dev.vigil.agent.HostPort;
import java.util.Collections;
import java.util.List;

/** What one sentinel said about one master group. */
public final class MasterAnswer {
  private final HostPort sentinel;
  private final String masterName;
  private final HostPort primary;
  private final long configEpoch;
  private final List<HostPort> replicas;

  public MasterAnswer(
      HostPort sentinel,
      String masterName,
      HostPort primary,
      long configEpoch,
      List<HostPort> replicas) {
    this.sentinel = sentinel;
    this.masterName = masterName;
    this.primary = primary;
    this.configEpoch = configEpoch;
    this.replicas = Collections.unmodifiableList(replicas);
  }

  public HostPort sentinel() {
    return sentinel;
  }

  public String masterName() {
    return masterName;
  }

  /** The primary's address, or null if the sentinel does not know the group. */
  public HostPort primary() {
    return primary;
  }

  /** The group's config epoch per {@code SENTINEL MASTER}, -1 if not reported. */
  public long configEpoch() {
    return configEpoch;
  }

  public List<HostPort> replicas() {
    return replicas;
  }

  @Override
  public String toString() {
    return sentinel + " says " + masterName + " -> " + primary + " (epoch " + configEpoch + ")";
  }
}
