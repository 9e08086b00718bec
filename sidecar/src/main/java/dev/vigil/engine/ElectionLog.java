package dev.vigil.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded history of votes seen by this sentinel, for the management plane: votes it granted to
 * requesters, and votes peers reported in their is-master-down replies. Purely informational.
 */
final class ElectionLog {
  static final int MAX_ENTRIES = 200;

  private final Deque<VoteRecord> entries = new ArrayDeque<>();

  void add(VoteRecord record) {
    entries.addLast(record);
    while (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
  }

  List<VoteRecord> forMaster(String master) {
    List<VoteRecord> out = new ArrayList<>();
    for (VoteRecord r : entries) {
      if (r.master().equals(master)) {
        out.add(r);
      }
    }
    return out;
  }

  void removeMaster(String master) {
    entries.removeIf(r -> r.master().equals(master));
  }
}
