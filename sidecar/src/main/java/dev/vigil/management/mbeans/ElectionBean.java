package dev.vigil.management.mbeans;

import dev.vigil.jmx.ElectionMXBean;
import dev.vigil.jmx.ElectionVote;
import dev.vigil.jmx.VoteCount;
import dev.vigil.management.view.ElectionView;
import java.util.List;

/** {@code vigil:type=Election,master=<master>}. */
final class ElectionBean implements ElectionMXBean {
  private final String master;
  private final ViewLookup views;

  ElectionBean(String master, ViewLookup views) {
    this.master = master;
    this.views = views;
  }

  private ElectionView view() {
    ElectionView e = views.master(master).election();
    return e == null ? ElectionView.NONE : e;
  }

  @Override
  public String getMaster() {
    return master;
  }

  @Override
  public long getEpoch() {
    return view().epoch();
  }

  @Override
  public List<ElectionVote> getVotes() {
    return view().votes();
  }

  @Override
  public List<VoteCount> getTally() {
    return view().tally();
  }

  @Override
  public String getWinner() {
    return view().winner();
  }

  @Override
  public List<String> getLastPromotionOrder() {
    return view().lastPromotionOrder();
  }

  @Override
  public long getLastPromotionEpoch() {
    return view().lastPromotionEpoch();
  }
}
