package dev.vigil.management.metrics;

import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;

/**
 * What a load balancer asks about the Valkey node this sidecar sits next to, answered from the
 * sentinel's agreed view (the primary address follows {@code +switch-master}).
 */
final class NodeHealth {
  record Verdict(boolean ok, String reason) {}

  private NodeHealth() {}

  /** The agreed primary of some monitored master, and not considered down. */
  static Verdict primary(SentinelView view, String node) {
    if (node == null) {
      return new Verdict(false, "no local node configured (vigil node <host:port>)");
    }
    for (MasterView m : view.masters()) {
      if (m.address().equals(node)) {
        return m.down()
            ? new Verdict(false, node + " is the primary of " + m.name() + " but " + m.flags())
            : new Verdict(true, node + " is the primary of " + m.name());
      }
    }
    return new Verdict(false, node + " is not a primary");
  }

  /** A healthy replica, and within {@code maxLagBytes} of its primary when that is not null. */
  static Verdict replica(SentinelView view, String node, Long maxLagBytes) {
    if (node == null) {
      return new Verdict(false, "no local node configured (vigil node <host:port>)");
    }
    for (MasterView m : view.masters()) {
      ReplicaView r = m.replica(node);
      if (r == null) {
        continue;
      }
      if (!r.healthy()) {
        return new Verdict(
            false,
            node + " is an unhealthy replica: " + r.flags() + " link " + r.masterLinkStatus());
      }
      if (maxLagBytes != null && (r.lagBytes() < 0 || r.lagBytes() > maxLagBytes)) {
        return new Verdict(
            false, node + " lags " + r.lagBytes() + " bytes (bound " + maxLagBytes + ")");
      }
      return new Verdict(true, node + " is a healthy replica of " + m.name());
    }
    return new Verdict(false, node + " is not a replica");
  }
}
