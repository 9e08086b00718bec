package dev.vigil.management.mbeans;

import dev.vigil.jmx.PeerMXBean;
import dev.vigil.management.view.PeerView;

/** {@code vigil:type=Peer,master=<master>,name=<runid>}. */
final class PeerBean implements PeerMXBean {
  private final String master;
  private final String runId;
  private final ViewLookup views;

  PeerBean(String master, String runId, ViewLookup views) {
    this.master = master;
    this.runId = runId;
    this.views = views;
  }

  private PeerView view() {
    PeerView p = views.master(master).peer(runId);
    if (p == null) {
      throw new IllegalStateException("No such sentinel " + runId + " for " + master);
    }
    return p;
  }

  @Override
  public String getMaster() {
    return master;
  }

  @Override
  public String getRunId() {
    return runId;
  }

  @Override
  public String getAddress() {
    return view().address();
  }

  @Override
  public long getLastHelloAgeMs() {
    return view().lastHelloAgeMs();
  }

  @Override
  public boolean isMasterDown() {
    return view().masterDown();
  }

  @Override
  public String getLeader() {
    return view().leader();
  }

  @Override
  public long getLeaderEpoch() {
    return view().leaderEpoch();
  }
}
