package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The artifacts {@code mvn package} built in the sidecar module ({@code vigil-<version>.tar.gz} and
 * {@code vigil-<version>-image.tar}), and what the packaging tests do with them.
 */
final class Distribution {
  private Distribution() {}

  static Path tarball() {
    Path tarball = Paths.get(System.getProperty("vigil.dist.tarball", "missing"));
    assertTrue(Files.isRegularFile(tarball), "no distribution " + tarball + ": mvn package first");
    return tarball;
  }

  /** The image tar, or null when the build skipped it; {@link #imageSkipReason} says why. */
  static Path image() {
    Path image = Paths.get(System.getProperty("vigil.dist.image", "missing"));
    return Files.isRegularFile(image) ? image : null;
  }

  static String imageSkipReason() throws IOException {
    Path image = Paths.get(System.getProperty("vigil.dist.image", "missing"));
    String name = image.getFileName().toString();
    Path reason = image.resolveSibling(name.substring(0, name.length() - 4) + ".skipped");
    return Files.isRegularFile(reason)
        ? Files.readString(reason).trim()
        : "the build did not run the image step (-Dvigil.image.skip=true?)";
  }

  /** Runs a command to completion (a minute at most); fails with its output unless it exits 0. */
  static String run(Path dir, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd-", ".out");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " took over a minute");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }

  /** A UTF-8 text file, for probes that cannot throw checked exceptions. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The example {@code conf/sentinel.conf} as a user adapts it: the Sentinel port and the monitored
   * node moved to the given ports, everything else as shipped.
   */
  static void pointExampleConfigAt(Path conf, int sentinelPort, int valkeyPort, String... extra)
      throws IOException {
    List<String> lines = new ArrayList<>();
    int replaced = 0;
    for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
      String moved =
          line.replace("port 26379", "port " + sentinelPort)
              .replace("127.0.0.1 6379 ", "127.0.0.1 " + valkeyPort + " ")
              .replace("127.0.0.1:6379", "127.0.0.1:" + valkeyPort);
      replaced += moved.equals(line) ? 0 : 1;
      lines.add(moved);
    }
    assertEquals(3, replaced, "port, sentinel monitor and vigil node lines in " + conf);
    lines.addAll(List.of(extra));
    Files.write(conf, lines, StandardCharsets.UTF_8);
  }
}
