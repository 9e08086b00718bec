package dev.vigil.jmx;

import java.util.Objects;
import javax.management.openmbean.CompositeData;

/**
 * One granted vote: in {@code epoch}, sentinel {@code voterRunId} voted for {@code candidateRunId}
 * (the sentinel that asked). Maps to a CompositeData item; {@link #from(CompositeData)} lets MXBean
 * proxies rebuild it.
 */
public final class ElectionVote {
  private final long epoch;
  private final String candidateRunId;
  private final String voterRunId;
  private final long grantedAtEpochMs;

  public ElectionVote(long epoch, String candidateRunId, String voterRunId, long grantedAtEpochMs) {
    this.epoch = epoch;
    this.candidateRunId = candidateRunId;
    this.voterRunId = voterRunId;
    this.grantedAtEpochMs = grantedAtEpochMs;
  }

  public static ElectionVote from(CompositeData data) {
    return new ElectionVote(
        (Long) data.get("epoch"),
        (String) data.get("candidateRunId"),
        (String) data.get("voterRunId"),
        (Long) data.get("grantedAtEpochMs"));
  }

  public long getEpoch() {
    return epoch;
  }

  /** The sentinel that asked for the vote. */
  public String getCandidateRunId() {
    return candidateRunId;
  }

  /** The sentinel that granted it. */
  public String getVoterRunId() {
    return voterRunId;
  }

  /** When the vote was granted or (for a peer's vote) learned, wall-clock epoch ms. */
  public long getGrantedAtEpochMs() {
    return grantedAtEpochMs;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ElectionVote)) {
      return false;
    }
    ElectionVote v = (ElectionVote) o;
    return epoch == v.epoch
        && grantedAtEpochMs == v.grantedAtEpochMs
        && Objects.equals(candidateRunId, v.candidateRunId)
        && Objects.equals(voterRunId, v.voterRunId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, candidateRunId, voterRunId, grantedAtEpochMs);
  }

  @Override
  public String toString() {
    return "epoch " + epoch + ": " + voterRunId + " -> " + candidateRunId;
  }
}
