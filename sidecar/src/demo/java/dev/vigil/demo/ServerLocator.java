package dev.vigil.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a Valkey/Redis server binary the way the integration test kit does, without depending on
 * test code: {@code VIGIL_SERVER_BIN}, then {@code valkey-server} and {@code redis-server} on PATH,
 * then the Linux {@code redis-server} inside the {@code com.github.codemonstur:embedded-redis} jar
 * in the local Maven repository (Maven downloads it when it builds the integration module).
 */
final class ServerLocator {
  private ServerLocator() {}

  /** The server binary and a short description of where it came from. */
  record Found(Path path, String origin) {}

  static Found locate(Path workDir) {
    String configured = System.getenv("VIGIL_SERVER_BIN");
    if (configured != null && !configured.isBlank()) {
      Path p = configured.contains("/") ? Paths.get(configured) : onPath(configured).orElse(null);
      if (p == null || !Files.isExecutable(p)) {
        throw new IllegalStateException("VIGIL_SERVER_BIN=" + configured + " is not executable");
      }
      return new Found(p, "VIGIL_SERVER_BIN");
    }
    for (String name : List.of("valkey-server", "redis-server")) {
      Optional<Path> p = onPath(name);
      if (p.isPresent()) {
        return new Found(p.get(), name + " on PATH");
      }
    }
    Path jar =
        embeddedJar()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no valkey-server or redis-server on PATH and no embedded-redis jar in "
                            + m2Repository()
                            + " (run `mvn -B -DskipTests package` once, or install valkey)"));
    return new Found(extract(jar, workDir), "extracted from " + jar);
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Paths.get(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }

  private static Path m2Repository() {
    String configured = System.getProperty("vigil.m2");
    return configured != null
        ? Paths.get(configured)
        : Paths.get(System.getProperty("user.home"), ".m2", "repository");
  }

  /** The newest embedded-redis jar in the local Maven repository (by version directory name). */
  static Optional<Path> embeddedJar() {
    Path base = m2Repository().resolve("com/github/codemonstur/embedded-redis");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(base)) {
      for (Path v : versions) {
        Path jar = v.resolve("embedded-redis-" + v.getFileName() + ".jar");
        if (Files.isRegularFile(jar)) {
          jars.add(jar);
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    jars.sort(null);
    return jars.isEmpty() ? Optional.empty() : Optional.of(jars.get(jars.size() - 1));
  }

  private static Path extract(Path jar, Path workDir) {
    String resource = resourceName();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(resource);
      if (entry == null) {
        throw new IllegalStateException(jar + " has no " + resource);
      }
      Path out = workDir.resolve("redis-server");
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!out.toFile().setExecutable(true, true)) {
        throw new IllegalStateException("cannot make " + out + " executable");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource + " from " + jar, e);
    }
  }

  /** Resource names as listed by {@code unzip -l embedded-redis-1.4.4.jar}. */
  private static String resourceName() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new IllegalStateException(
          "install valkey-server (the embedded binary fallback is Linux only; os=" + os + ")");
    }
    return switch (arch) {
      case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
      case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
      case "x86", "i386", "i686" -> "redis-server-6.2.7-linux-386";
      default -> throw new IllegalStateException("no embedded redis-server for arch " + arch);
    };
  }
}
