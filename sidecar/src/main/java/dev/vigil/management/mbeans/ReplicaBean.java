package dev.vigil.management.mbeans;

import dev.vigil.jmx.ReplicaMXBean;
import dev.vigil.management.view.ReplicaView;

/** {@code vigil:type=Replica,master=<master>,name="<ip:port>"}. */
final class ReplicaBean implements ReplicaMXBean {
  private final String master;
  private final String address;
  private final ViewLookup views;

  ReplicaBean(String master, String address, ViewLookup views) {
    this.master = master;
    this.address = address;
    this.views = views;
  }

  private ReplicaView view() {
    ReplicaView r = views.master(master).replica(address);
    if (r == null) {
      throw new IllegalStateException("No such replica " + address + " of " + master);
    }
    return r;
  }

  @Override
  public String getMaster() {
    return master;
  }

  @Override
  public String getAddress() {
    return address;
  }

  @Override
  public String getFlags() {
    return view().flags();
  }

  @Override
  public String getMasterLinkStatus() {
    return view().masterLinkStatus();
  }

  @Override
  public long getReplOffset() {
    return view().replOffset();
  }

  @Override
  public long getLagBytes() {
    return view().lagBytes();
  }

  @Override
  public int getPriority() {
    return view().priority();
  }

  @Override
  public long getLastPingReplyAgeMs() {
    return view().lastPingReplyAgeMs();
  }

  @Override
  public long getInfoRefreshAgeMs() {
    return view().infoRefreshAgeMs();
  }

  @Override
  public int getPromotionRank() {
    return view().promotionRank();
  }

  @Override
  public String getExclusionReason() {
    return view().exclusionReason();
  }
}
