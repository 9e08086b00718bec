package dev.vigil.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Replica selection (spec §7, {@code sentinelSelectReplica}): exclusions first, then the order
 * priority (lower first), replication offset (larger first), run id (case-insensitive, unknown
 * last). A priority of 0 means "never promote". The management plane shows every replica's rank or
 * exclusion reason, so this computes both.
 */
final class ReplicaRanking {
  private ReplicaRanking() {}

  /** Why a replica cannot be promoted; {@link #wire()} is what the management plane shows. */
  enum Exclusion {
    DOWN("s_down or o_down"),
    DISCONNECTED("link disconnected"),
    NO_RECENT_PING_REPLY("no valid ping reply within 5*ping-period"),
    PRIORITY_ZERO("slave-priority is 0"),
    STALE_INFO("INFO too old"),
    LINK_DOWN_TOO_LONG("master link down for too long");

    private final String text;

    Exclusion(String text) {
      this.text = text;
    }

    String wire() {
      return text;
    }
  }

  /** One replica with its rank (0 = best, -1 when excluded) and exclusion (null when eligible). */
  record Ranked(Replica replica, int rank, Exclusion exclusion) {}

  /** Every replica of {@code p}: the eligible ones first in promotion order, then the excluded. */
  static List<Ranked> rank(Primary p, Timing timing, long now) {
    long maxMasterDownTime = (p.sDown ? now - p.sDownSince : 0) + 10 * p.downAfterMs;
    List<Replica> eligible = new ArrayList<>();
    List<Ranked> excluded = new ArrayList<>();
    for (Replica r : p.replicas.values()) {
      Exclusion why = exclusion(p, r, timing, now, maxMasterDownTime);
      if (why == null) {
        eligible.add(r);
      } else {
        excluded.add(new Ranked(r, -1, why));
      }
    }
    eligible.sort(PROMOTION_ORDER);
    List<Ranked> out = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      out.add(new Ranked(eligible.get(i), i, null));
    }
    out.addAll(excluded);
    return out;
  }

  /** The replica to promote, or null. */
  static Replica select(Primary p, Timing timing, long now) {
    List<Ranked> ranked = rank(p, timing, now);
    return !ranked.isEmpty() && ranked.get(0).exclusion() == null ? ranked.get(0).replica() : null;
  }

  private static Exclusion exclusion(
      Primary p, Replica r, Timing timing, long now, long maxMasterDownTime) {
    if (r.sDown) {
      return Exclusion.DOWN;
    }
    if (r.disconnected()) {
      return Exclusion.DISCONNECTED;
    }
    if (now - r.link.lastAvailTime > 5 * timing.pingPeriodMs()) {
      return Exclusion.NO_RECENT_PING_REPLY;
    }
    if (r.priority == 0) {
      return Exclusion.PRIORITY_ZERO;
    }
    long infoValidity = p.sDown ? 5 * timing.pingPeriodMs() : 3 * timing.infoPeriodMs();
    if (now - r.infoRefresh > infoValidity) {
      return Exclusion.STALE_INFO;
    }
    if (r.masterLinkDownTime > maxMasterDownTime) {
      return Exclusion.LINK_DOWN_TOO_LONG;
    }
    return null;
  }

  /** {@code compareReplicasForPromotion}. */
  static final Comparator<Replica> PROMOTION_ORDER =
      (a, b) -> {
        if (a.priority != b.priority) {
          return Integer.compare(a.priority, b.priority);
        }
        if (a.replOffset != b.replOffset) {
          return a.replOffset > b.replOffset ? -1 : 1;
        }
        if (a.runid == null && b.runid == null) {
          return 0;
        }
        if (a.runid == null) {
          return 1;
        }
        if (b.runid == null) {
          return -1;
        }
        return a.runid.toLowerCase(Locale.ROOT).compareTo(b.runid.toLowerCase(Locale.ROOT));
      };
}
