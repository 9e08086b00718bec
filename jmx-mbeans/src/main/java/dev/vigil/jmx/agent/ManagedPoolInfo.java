package dev.vigil.jmx.agent;

import javax.management.openmbean.CompositeData;

/**
 * One pool managed by the agent, as an MXBean open type (a CompositeData row): its kind, where the
 * application pointed it, where it points now, and its connection counts.
 */
public final class ManagedPoolInfo {
  private final String kind;
  private final String originalAddress;
  private final String currentAddress;
  private final int numActive;
  private final int numIdle;

  public ManagedPoolInfo(
      String kind, String originalAddress, String currentAddress, int numActive, int numIdle) {
    this.kind = kind;
    this.originalAddress = originalAddress;
    this.currentAddress = currentAddress;
    this.numActive = numActive;
    this.numIdle = numIdle;
  }

  /** Rebuilds the value on the client side of an MXBean proxy. */
  public static ManagedPoolInfo from(CompositeData data) {
    return new ManagedPoolInfo(
        (String) data.get("kind"),
        (String) data.get("originalAddress"),
        (String) data.get("currentAddress"),
        (Integer) data.get("numActive"),
        (Integer) data.get("numIdle"));
  }

  /** {@code JedisPool}, {@code PooledConnectionProvider} or {@code JedisSentinelPool}. */
  public String getKind() {
    return kind;
  }

  /** The address the application constructed the pool with, {@code host:port}. */
  public String getOriginalAddress() {
    return originalAddress;
  }

  /** The address new connections go to now, {@code host:port}. */
  public String getCurrentAddress() {
    return currentAddress;
  }

  /** Borrowed connections, -1 if unknown. */
  public int getNumActive() {
    return numActive;
  }

  /** Idle connections, -1 if unknown. */
  public int getNumIdle() {
    return numIdle;
  }

  @Override
  public String toString() {
    return kind
        + " "
        + originalAddress
        + " -> "
        + currentAddress
        + " (active "
        + numActive
        + ", idle "
        + numIdle
        + ")";
  }
}
