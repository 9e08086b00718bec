package dev.vigil.engine;

import dev.vigil.engine.SentinelEvent.Level;

/**
 * SDOWN and ODOWN (spec §8), plus the link recycling Sentinel does in the same function.
 *
 * <p>S_DOWN iff the oldest unanswered PING (or, with no link, the last valid reply) is older than
 * {@code down-after}; or a primary has reported {@code role:slave} for longer than {@code
 * down-after + 2*info-period}; or a rebooted primary did not answer {@code PONG} within {@code
 * primary-reboot-down-after-period}. O_DOWN iff S_DOWN and {@code 1 + peers saying down >= quorum}.
 */
final class DownDetector {
  private final EngineCore core;

  DownDetector(EngineCore core) {
    this.core = core;
  }

  /** {@code sentinelCheckSubjectivelyDown}. */
  void checkSubjectivelyDown(Instance ri) {
    long now = core.now;
    Link link = ri.link;
    long elapsed = 0;
    if (link != null) {
      if (link.actPingTime != EngineCore.NEVER) {
        elapsed = now - link.actPingTime;
      } else if (link.disconnected()) {
        elapsed = now - link.lastAvailTime;
      }
      recycleIdleLinks(ri, link, now);
    }
    boolean down =
        elapsed > ri.downAfterMs
            || (ri instanceof Primary
                && InfoReport.ROLE_SLAVE.equals(ri.roleReported)
                && now - ri.roleReportedTime > ri.downAfterMs + 2 * core.timing.infoPeriodMs())
            || (ri.masterReboot
                && now - ri.primaryRebootSinceTime > ri.primary().primaryRebootDownAfterMs);
    if (down) {
      if (!ri.sDown) {
        core.event(Level.WARNING, "+sdown", ri, "");
        ri.sDown = true;
        ri.sDownSince = now;
      }
    } else if (ri.sDown) {
      core.event(Level.WARNING, "-sdown", ri, "");
      ri.sDown = false;
      ri.scriptKillSent = false;
      if (ri instanceof Replica r) {
        r.lastUpSince = now;
      }
      if (core.pacing.infoWhenBackUp()) {
        ri.infoWantedNow = true;
      }
    }
  }

  /**
   * The monotonic time at which {@code ri} goes S_DOWN by the ping rule if nothing is answered, or
   * Long.MAX_VALUE.
   */
  long sdownDeadline(Instance ri) {
    if (ri.sDown || ri.link == null) {
      return Long.MAX_VALUE;
    }
    if (ri.link.actPingTime != EngineCore.NEVER) {
      return ri.link.actPingTime + ri.downAfterMs + 1;
    }
    if (ri.link.disconnected()) {
      return ri.link.lastAvailTime + ri.downAfterMs + 1;
    }
    return Long.MAX_VALUE;
  }

  private void recycleIdleLinks(Instance ri, Link link, long now) {
    long minAge = core.timing.minLinkReconnectPeriodMs();
    if (link.cc == Link.State.UP
        && now - link.ccConnTime > minAge
        && link.actPingTime != EngineCore.NEVER
        && now - link.actPingTime > ri.downAfterMs / 2
        && now - link.lastPongTime > ri.downAfterMs / 2) {
      core.event(Level.DEBUG, "-cmd-link-reconnection", ri, "");
      core.closeLink(link, LinkType.COMMAND);
    }
    if (link.pc == Link.State.UP
        && now - link.pcConnTime > minAge
        && now - link.pcLastActivity > 3 * core.timing.publishPeriodMs()) {
      core.event(Level.DEBUG, "-pubsub-link-reconnection", ri, "");
      core.closeLink(link, LinkType.PUBSUB);
    }
  }

  /** {@code sentinelCheckObjectivelyDown}. */
  void checkObjectivelyDown(Primary p) {
    int quorum = 0;
    boolean odown = false;
    if (p.sDown) {
      quorum = 1;
      for (PeerSentinel s : p.sentinels.values()) {
        if (s.masterDown) {
          quorum++;
        }
      }
      if (quorum >= p.quorum) {
        odown = true;
      }
    }
    if (odown) {
      if (!p.oDown) {
        core.event(Level.WARNING, "+odown", p, "#quorum " + quorum + "/" + p.quorum);
        p.oDown = true;
        p.oDownSince = core.now;
      }
    } else if (p.oDown) {
      core.event(Level.WARNING, "-odown", p, "");
      p.oDown = false;
    }
  }
}
