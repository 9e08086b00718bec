package dev.vigil.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process the demo started, each with its log file; {@link #stopAll()} stops them by PID in
 * reverse start order (SIGTERM, then SIGKILL after a grace period), so nothing is left running.
 */
final class ChildProcesses {
  /** One started process. */
  record Child(String name, Process process, Path log) {
    long pid() {
      return process.pid();
    }

    String logTail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }

  private final List<Child> children = new ArrayList<>();
  private boolean stopped;

  synchronized Child start(String name, List<String> command, Path dir) {
    if (stopped) {
      throw new IllegalStateException("stopping; not starting " + name);
    }
    Path log = dir.resolve(name + ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Child c = new Child(name, p, log);
      children.add(c);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  synchronized void stopAll() {
    stopped = true;
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).process().destroy();
    }
    for (int i = children.size() - 1; i >= 0; i--) {
      Process p = children.get(i).process();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
