package dev.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Working directories of the processes the kit starts. They live under {@code -Dvigil.testkit.dir}
 * (the integration pom points it into {@code target/}) or the system temp dir, and are deleted when
 * their owner closes, unless {@code -Dvigil.testkit.keep=true} keeps them for post-mortems.
 */
public final class TempDirs {
  private TempDirs() {}

  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory(base(), prefix + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir for " + prefix, e);
    }
  }

  /** The directory the kit's files go under (created if missing). */
  public static Path base() {
    String configured = System.getProperty("vigil.testkit.dir");
    Path root =
        configured == null
            ? Paths.get(System.getProperty("java.io.tmpdir"))
            : Paths.get(configured);
    try {
      return Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root, e);
    }
  }

  /** Deletes {@code dir} recursively, best effort (a still-running process may hold files). */
  public static void delete(Path dir) {
    if (dir == null || Boolean.getBoolean("vigil.testkit.keep") || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      KitLog.info("could not delete " + dir + ": " + e);
    }
  }
}
