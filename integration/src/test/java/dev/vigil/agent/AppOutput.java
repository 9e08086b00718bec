package dev.vigil.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The parsed stdout of a {@link LegacyJedisApp}: every write it attempted and how it ended. */
final class AppOutput {
  /** One write: acknowledged or failed, at the application's wall-clock time. */
  record Write(String writer, long seq, long millis, boolean acked, String error) {
    String key(String prefix) {
      return prefix + ":" + writer + ":" + seq;
    }
  }

  private final List<Write> writes = new ArrayList<>();
  private final List<String> held = new ArrayList<>();

  AppOutput(String output) {
    for (String line : output.split("\n")) {
      String[] parts = line.split(" ", 5);
      if (parts.length >= 4 && (parts[0].equals("ACK") || parts[0].equals("ERR"))) {
        try {
          writes.add(
              new Write(
                  parts[1],
                  Long.parseLong(parts[2]),
                  Long.parseLong(parts[3]),
                  parts[0].equals("ACK"),
                  parts.length == 5 ? parts[4] : ""));
        } catch (NumberFormatException ignored) {
          // A line interleaved with JVM warnings; the write it described is lost to the parser.
        }
      } else if (line.startsWith("HELD ")) {
        held.add(line);
      }
    }
  }

  List<Write> writes() {
    return writes;
  }

  List<String> heldLines() {
    return held;
  }

  Set<String> writers() {
    Set<String> names = new TreeSet<>();
    writes.forEach(w -> names.add(w.writer()));
    return names;
  }

  List<Write> of(String writer) {
    return writes.stream().filter(w -> w.writer().equals(writer)).toList();
  }
}
