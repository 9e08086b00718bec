package dev.vigil.management.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own {@code promtool check metrics}: its text parser plus its linter (counters end in
 * {@code _total}, base units, no abbreviated units, HELP present...). Skipped, with the reason,
 * when {@code promtool} is not on PATH (Debian: {@code apt-get install prometheus}).
 */
public final class Promtool {
  private Promtool() {}

  public static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Fails with promtool's complaints unless it accepts {@code text} without any. */
  public static void assertClean(String text) throws IOException, InterruptedException {
    Path promtool = binary();
    assumeTrue(
        promtool != null,
        "promtool not on PATH (Debian: apt-get install prometheus); Prometheus' own check skipped");
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool check metrics hung");
    }
    if (p.exitValue() != 0 || !out.isBlank()) {
      throw new AssertionError(
          "promtool check metrics (exit " + p.exitValue() + "):\n" + out + "\non:\n" + text);
    }
  }
}
