package dev.vigil.jmx;

import java.util.Objects;
import javax.management.openmbean.CompositeData;

/** The number of votes one candidate got in one epoch. */
public final class VoteCount {
  private final long epoch;
  private final String candidateRunId;
  private final int votes;

  public VoteCount(long epoch, String candidateRunId, int votes) {
    this.epoch = epoch;
    this.candidateRunId = candidateRunId;
    this.votes = votes;
  }

  public static VoteCount from(CompositeData data) {
    return new VoteCount(
        (Long) data.get("epoch"), (String) data.get("candidateRunId"), (Integer) data.get("votes"));
  }

  public long getEpoch() {
    return epoch;
  }

  public String getCandidateRunId() {
    return candidateRunId;
  }

  public int getVotes() {
    return votes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VoteCount)) {
      return false;
    }
    VoteCount v = (VoteCount) o;
    return epoch == v.epoch && votes == v.votes && Objects.equals(candidateRunId, v.candidateRunId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, candidateRunId, votes);
  }

  @Override
  public String toString() {
    return "epoch " + epoch + ": " + candidateRunId + " x" + votes;
  }
}
