package dev.vigil.management.view;

import dev.vigil.jmx.ElectionVote;
import dev.vigil.jmx.VoteCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The votes one sidecar knows of for one primary, current and recent epochs.
 *
 * @param winner the elected leader of the newest epoch, null when none
 * @param lastPromotionOrder replica addresses, best first, as this sidecar ranked them when it last
 *     selected one to promote; empty when it never did
 * @param lastPromotionEpoch the failover epoch of that selection, 0 when none
 */
public record ElectionView(
    List<ElectionVote> votes,
    String winner,
    List<String> lastPromotionOrder,
    long lastPromotionEpoch) {
  public static final ElectionView NONE = new ElectionView(List.of(), null, List.of(), 0);

  public ElectionView(List<ElectionVote> votes, String winner) {
    this(votes, winner, List.of(), 0);
  }

  public ElectionView {
    lastPromotionOrder = List.copyOf(lastPromotionOrder);
    votes =
        votes.stream()
            .sorted(
                Comparator.comparingLong(ElectionVote::getEpoch)
                    .reversed()
                    .thenComparing(ElectionVote::getVoterRunId))
            .toList();
  }

  /** The newest epoch with a vote, 0 when none. */
  public long epoch() {
    return votes.isEmpty() ? 0 : votes.get(0).getEpoch();
  }

  /** Votes per (epoch, candidate), newest epoch first, then most votes first. */
  public List<VoteCount> tally() {
    Map<Long, Map<String, Integer>> byEpoch = new LinkedHashMap<>();
    for (ElectionVote v : votes) {
      byEpoch
          .computeIfAbsent(v.getEpoch(), e -> new LinkedHashMap<>())
          .merge(v.getCandidateRunId(), 1, Integer::sum);
    }
    List<VoteCount> out = new ArrayList<>();
    byEpoch.forEach(
        (epoch, counts) ->
            counts.entrySet().stream()
                .sorted(
                    Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.add(new VoteCount(epoch, e.getKey(), e.getValue()))));
    return out;
  }
}
