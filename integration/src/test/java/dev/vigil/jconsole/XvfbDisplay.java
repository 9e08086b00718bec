package dev.vigil.jconsole;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.ManagedProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private X display from Debian's {@code Xvfb}: {@code -displayfd 1} lets the server pick a free
 * display number itself and print it, so parallel builds never collide on {@code :99}. Stopped by
 * PID (the kit's {@link ManagedProcess}).
 */
final class XvfbDisplay implements AutoCloseable {
  private final ManagedProcess process;
  private final String display;

  private XvfbDisplay(ManagedProcess process, String display) {
    this.process = process;
    this.display = display;
  }

  /** {@code Xvfb} on PATH, or null. */
  static Path binary() {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "Xvfb");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static XvfbDisplay start(Path binary, Path dir, String screen) {
    Path output = dir.resolve("xvfb.log");
    ManagedProcess xvfb =
        ManagedProcess.start(
            "Xvfb",
            List.of(
                binary.toString(), "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp"),
            dir,
            output,
            Map.of());
    try {
      // The display number is a line of digits on stdout (stderr, merged, only has chatter).
      String number =
          Await.value(
              "Xvfb prints its display number",
              Duration.ofSeconds(15),
              () -> {
                if (!xvfb.isAlive()) {
                  throw new Await.Abort("Xvfb exited: " + read(output));
                }
                return read(output).lines().filter(l -> l.matches("\\d+")).findFirst().orElse(null);
              },
              n -> n != null);
      return new XvfbDisplay(xvfb, ":" + number);
    } catch (RuntimeException | Error e) {
      xvfb.terminate(Duration.ofSeconds(5));
      throw e;
    }
  }

  /** For {@code DISPLAY}. */
  String display() {
    return display;
  }

  @Override
  public void close() {
    process.terminate(Duration.ofSeconds(5));
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
