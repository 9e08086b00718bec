package dev.vigil.jmx;

import java.util.Objects;
import javax.management.openmbean.CompositeData;

/**
 * A completed failover of one primary: when it ended, from which address to which, its epoch, and
 * how long each phase took. Phases: detect (SDOWN to ODOWN), elect (try-failover to
 * elected-leader), promote (selected replica to promoted), reconfigure (promoted to failover end).
 * A phase this sidecar did not observe (e.g. it was not the leader) is -1.
 */
public final class FailoverRecord {
  private final long endedAtEpochMs;
  private final long epoch;
  private final String fromAddress;
  private final String toAddress;
  private final long durationMs;
  private final long detectMs;
  private final long electMs;
  private final long promoteMs;
  private final long reconfigureMs;

  public FailoverRecord(
      long endedAtEpochMs,
      long epoch,
      String fromAddress,
      String toAddress,
      long durationMs,
      long detectMs,
      long electMs,
      long promoteMs,
      long reconfigureMs) {
    this.endedAtEpochMs = endedAtEpochMs;
    this.epoch = epoch;
    this.fromAddress = fromAddress;
    this.toAddress = toAddress;
    this.durationMs = durationMs;
    this.detectMs = detectMs;
    this.electMs = electMs;
    this.promoteMs = promoteMs;
    this.reconfigureMs = reconfigureMs;
  }

  public static FailoverRecord from(CompositeData d) {
    return new FailoverRecord(
        (Long) d.get("endedAtEpochMs"),
        (Long) d.get("epoch"),
        (String) d.get("fromAddress"),
        (String) d.get("toAddress"),
        (Long) d.get("durationMs"),
        (Long) d.get("detectMs"),
        (Long) d.get("electMs"),
        (Long) d.get("promoteMs"),
        (Long) d.get("reconfigureMs"));
  }

  public long getEndedAtEpochMs() {
    return endedAtEpochMs;
  }

  public long getEpoch() {
    return epoch;
  }

  /** The old primary, {@code ip:port}. */
  public String getFromAddress() {
    return fromAddress;
  }

  /** The promoted replica, {@code ip:port}. */
  public String getToAddress() {
    return toAddress;
  }

  public long getDurationMs() {
    return durationMs;
  }

  public long getDetectMs() {
    return detectMs;
  }

  public long getElectMs() {
    return electMs;
  }

  public long getPromoteMs() {
    return promoteMs;
  }

  public long getReconfigureMs() {
    return reconfigureMs;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FailoverRecord)) {
      return false;
    }
    FailoverRecord r = (FailoverRecord) o;
    return endedAtEpochMs == r.endedAtEpochMs
        && epoch == r.epoch
        && durationMs == r.durationMs
        && detectMs == r.detectMs
        && electMs == r.electMs
        && promoteMs == r.promoteMs
        && reconfigureMs == r.reconfigureMs
        && Objects.equals(fromAddress, r.fromAddress)
        && Objects.equals(toAddress, r.toAddress);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endedAtEpochMs, epoch, fromAddress, toAddress, durationMs);
  }

  @Override
  public String toString() {
    return "failover epoch "
        + epoch
        + " "
        + fromAddress
        + " -> "
        + toAddress
        + " in "
        + durationMs
        + " ms";
  }
}
