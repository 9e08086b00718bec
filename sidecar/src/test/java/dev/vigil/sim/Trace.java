package dev.vigil.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The tail of a run's event trace, kept cheap: entries hold references and are formatted only when
 * a failure is reported.
 */
final class Trace {
  private final int capacity;
  private final ArrayDeque<Entry> entries;
  private long total;

  Trace(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  void add(long timeMs, String who, String what, Object detail) {
    if (capacity == 0) {
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(timeMs, who, what, detail));
    total++;
  }

  long total() {
    return total;
  }

  List<String> lines() {
    List<String> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(String.format("%8d %-14s %-12s %s", e.timeMs, e.who, e.what, e.detail));
    }
    return out;
  }

  private record Entry(long timeMs, String who, String what, Object detail) {}
}
