package dev.vigil.jmx;

import java.util.List;

/**
 * Leader elections for one primary as this sidecar saw them: {@code
 * vigil:type=Election,master=<master>} ({@link VigilObjectNames#election(String)}). Holds the votes
 * of the current and a few recent epochs, so the sidecars of one topology can be compared after a
 * failover.
 */
public interface ElectionMXBean {
  String getMaster();

  /** The most recent epoch that has votes, 0 when none. */
  long getEpoch();

  /** Every vote this sidecar knows of, newest epoch first. */
  List<ElectionVote> getVotes();

  /** Votes per candidate and epoch, newest epoch first. */
  List<VoteCount> getTally();

  /** The elected leader's run id of {@link #getEpoch()}, null when nobody won (yet). */
  String getWinner();

  /**
   * The promotion order ({@code ip:port}, best first) this sidecar used when it last selected a
   * replica to promote as the leader; empty when it never led a failover of this primary.
   */
  List<String> getLastPromotionOrder();

  /** The epoch of {@link #getLastPromotionOrder()}, 0 when none. */
  long getLastPromotionEpoch();
}
