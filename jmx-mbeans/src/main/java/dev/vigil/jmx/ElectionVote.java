package dev.vigil.jmx;

import java.util.Objects;
import javax.management.openmbean.CompositeData;

/**
 * One vote: in {@code epoch}, sentinel {@code voterRunId} voted for {@code candidateRunId}, asked
 * by {@code requesterRunId} (usually the candidate; null when only learnt from a reply). Maps to a
 * CompositeData item; {@link #from(CompositeData)} lets MXBean proxies rebuild it.
 */
public final class ElectionVote {
  private final long epoch;
  private final String candidateRunId;
  private final String voterRunId;
  private final String requesterRunId;
  private final long grantedAtEpochMs;

  public ElectionVote(
      long epoch,
      String candidateRunId,
      String voterRunId,
      String requesterRunId,
      long grantedAtEpochMs) {
    this.epoch = epoch;
    this.candidateRunId = candidateRunId;
    this.voterRunId = voterRunId;
    this.requesterRunId = requesterRunId;
    this.grantedAtEpochMs = grantedAtEpochMs;
  }

  public static ElectionVote from(CompositeData data) {
    return new ElectionVote(
        (Long) data.get("epoch"),
        (String) data.get("candidateRunId"),
        (String) data.get("voterRunId"),
        (String) data.get("requesterRunId"),
        (Long) data.get("grantedAtEpochMs"));
  }

  public long getEpoch() {
    return epoch;
  }

  /** The sentinel voted for. */
  public String getCandidateRunId() {
    return candidateRunId;
  }

  /** The sentinel that granted it. */
  public String getVoterRunId() {
    return voterRunId;
  }

  /** The sentinel that asked for the vote, null when this sidecar only learnt of it. */
  public String getRequesterRunId() {
    return requesterRunId;
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
        && Objects.equals(voterRunId, v.voterRunId)
        && Objects.equals(requesterRunId, v.requesterRunId);
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
