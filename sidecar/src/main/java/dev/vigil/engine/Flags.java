package dev.vigil.engine;

import java.util.StringJoiner;

/** The {@code flags} field of spec §2.1, in Sentinel's output order. */
final class Flags {
  private Flags() {}

  static String of(Instance ri) {
    StringJoiner j = new StringJoiner(",");
    Primary p = ri instanceof Primary pp ? pp : null;
    Replica r = ri instanceof Replica rr ? rr : null;
    if (ri.sDown) {
      j.add("s_down");
    }
    if (p != null && p.oDown) {
      j.add("o_down");
    }
    j.add(ri.typeName());
    if (ri.disconnected()) {
      j.add("disconnected");
    }
    if (ri instanceof PeerSentinel s && s.masterDown) {
      j.add("master_down");
    }
    if (p != null && p.failoverInProgress) {
      j.add("failover_in_progress");
    }
    if (r != null) {
      if (r.promoted) {
        j.add("promoted");
      }
      if (r.reconfSent) {
        j.add("reconf_sent");
      }
      if (r.reconfInprog) {
        j.add("reconf_inprog");
      }
      if (r.reconfDone) {
        j.add("reconf_done");
      }
    }
    if (p != null && p.forceFailover) {
      j.add("force_failover");
    }
    if (ri.scriptKillSent) {
      j.add("script_kill_sent");
    }
    if (ri.masterReboot) {
      j.add("master_reboot");
    }
    return j.toString();
  }
}
