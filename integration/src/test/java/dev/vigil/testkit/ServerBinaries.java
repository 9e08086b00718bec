package dev.vigil.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the server and sentinel executables the kit runs.
 *
 * <p>Server, first match wins: {@code VIGIL_SERVER_BIN} (environment) or {@code -Dvigil.server.bin}
 * (a path, a name on PATH, or {@code embedded}); {@code valkey-server} on PATH; {@code
 * redis-server} on PATH; the Linux {@code redis-server} shipped inside the {@code
 * com.github.codemonstur:embedded-redis} jar on the test class path, extracted to a temp file.
 *
 * <p>Sentinel: {@code VIGIL_SENTINEL_BIN} / {@code -Dvigil.sentinel.bin} (a path, a name on PATH,
 * or {@code server} for the server binary in sentinel mode); {@code valkey-sentinel}; {@code
 * redis-sentinel}; otherwise the server binary run as {@code <server> <conf> --sentinel}.
 *
 * <p>The choice is logged once per JVM, with the version the binary reports.
 */
public final class ServerBinaries {
  /** Which product a binary is; they differ in a few config directives and defaults. */
  public enum Flavor {
    VALKEY,
    REDIS
  }

  /** A server executable, where it came from, and what it reports by {@code --version}. */
  public record ServerBinary(Path path, String origin, Flavor flavor, String version) {
    /** Major version number, e.g. 8 for 8.0.1 (0 if unknown). */
    public int majorVersion() {
      try {
        return Integer.parseInt(version.split("\\.")[0]);
      } catch (RuntimeException e) {
        return 0;
      }
    }

    @Override
    public String toString() {
      return flavor.name().toLowerCase(Locale.ROOT)
          + " "
          + version
          + " at "
          + path
          + " ("
          + origin
          + ")";
    }
  }

  /** How to run a sentinel: the executable plus arguments placed after the config file path. */
  public record SentinelLauncher(Path path, List<String> argsAfterConfig, String origin) {
    public List<String> command(Path configFile) {
      List<String> command = new ArrayList<>();
      command.add(path.toString());
      command.add(configFile.toString());
      command.addAll(argsAfterConfig);
      return command;
    }

    @Override
    public String toString() {
      return path
          + (argsAfterConfig.isEmpty() ? "" : " " + String.join(" ", argsAfterConfig))
          + " ("
          + origin
          + ")";
    }
  }

  static final String EMBEDDED_JAR = "com.github.codemonstur:embedded-redis";
  private static final Pattern VERSION = Pattern.compile("v=(\\S+)");

  private static ServerBinary server;
  private static SentinelLauncher sentinel;
  private static ServerBinary embedded;

  private ServerBinaries() {}

  /** The server binary all nodes use unless a test picks another. */
  public static synchronized ServerBinary server() {
    if (server == null) {
      server = locateServer();
      KitLog.info("server binary: " + server);
    }
    return server;
  }

  /** How sentinels are run unless a test picks another launcher. */
  public static synchronized SentinelLauncher sentinel() {
    if (sentinel == null) {
      sentinel = locateSentinel();
      KitLog.info("sentinel binary: " + sentinel);
    }
    return sentinel;
  }

  /**
   * The redis-server 6.2 binary bundled in the embedded-redis jar, extracted once per JVM to an
   * executable temp file. Fails with a clear message if the jar is not on the class path or has no
   * binary for this platform.
   */
  public static synchronized ServerBinary embedded() {
    if (embedded == null) {
      Path path = extractEmbedded();
      embedded = describe(path, "extracted from " + EMBEDDED_JAR);
      KitLog.info("embedded binary: " + embedded);
    }
    return embedded;
  }

  /** Runs sentinels with a server binary in sentinel mode ({@code <server> <conf> --sentinel}). */
  public static SentinelLauncher sentinelModeOf(ServerBinary binary) {
    return new SentinelLauncher(
        binary.path(),
        List.of("--sentinel"),
        "server binary in --sentinel mode: " + binary.origin());
  }

  /** Describes an explicit server binary (a path, or a name found on PATH). */
  public static ServerBinary of(String pathOrName) {
    return describe(resolve(pathOrName, "explicit"), "explicit " + pathOrName);
  }

  /** An executable named {@code name} on PATH, if any. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Paths.get(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static ServerBinary locateServer() {
    String configured = setting("VIGIL_SERVER_BIN", "vigil.server.bin");
    if (configured != null) {
      if (configured.equals("embedded")) {
        return embedded();
      }
      return describe(resolve(configured, "VIGIL_SERVER_BIN"), "VIGIL_SERVER_BIN=" + configured);
    }
    for (String name : List.of("valkey-server", "redis-server")) {
      Optional<Path> found = onPath(name);
      if (found.isPresent()) {
        return describe(found.get(), name + " on PATH");
      }
    }
    return embedded();
  }

  private static SentinelLauncher locateSentinel() {
    String configured = setting("VIGIL_SENTINEL_BIN", "vigil.sentinel.bin");
    if ("server".equals(configured)) {
      return sentinelModeOf(server());
    }
    if (configured != null) {
      return new SentinelLauncher(
          resolve(configured, "VIGIL_SENTINEL_BIN"), List.of(), "VIGIL_SENTINEL_BIN=" + configured);
    }
    for (String name : List.of("valkey-sentinel", "redis-sentinel")) {
      Optional<Path> found = onPath(name);
      if (found.isPresent()) {
        // Not resolved through symlinks on purpose: the binary picks sentinel mode from argv[0].
        return new SentinelLauncher(found.get(), List.of(), name + " on PATH");
      }
    }
    return sentinelModeOf(server());
  }

  private static String setting(String env, String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Path resolve(String pathOrName, String source) {
    if (!pathOrName.contains("/")) {
      return onPath(pathOrName)
          .orElseThrow(
              () -> new IllegalStateException(source + ": no '" + pathOrName + "' on PATH"));
    }
    Path path = Paths.get(pathOrName).toAbsolutePath();
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(source + ": " + path + " is not an executable file");
    }
    return path;
  }

  /** Asks the binary for its version; its first output line names the product. */
  static ServerBinary describe(Path path, String origin) {
    String out;
    try {
      Process p =
          new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(path + " --version did not finish");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + path + " --version", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Matcher m = VERSION.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException(path + " --version printed no version: " + out);
    }
    Flavor flavor =
        out.toLowerCase(Locale.ROOT).startsWith("valkey") ? Flavor.VALKEY : Flavor.REDIS;
    return new ServerBinary(path, origin, flavor, m.group(1));
  }

  private static Path extractEmbedded() {
    String resource = embeddedResourceName();
    ClassLoader loader = ServerBinaries.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "no valkey-server or redis-server on PATH and no "
                + resource
                + " on the class path: install valkey-server, set VIGIL_SERVER_BIN, or add "
                + EMBEDDED_JAR
                + " as a test dependency");
      }
      Path file = Files.createTempFile(TempDirs.base(), "vigil-embedded-redis-server-", "");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      if (!file.toFile().setExecutable(true, true)) {
        throw new IllegalStateException("cannot make " + file + " executable");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource + " from " + EMBEDDED_JAR, e);
    }
  }

  /** Resource names as listed by {@code unzip -l embedded-redis-1.4.4.jar}. */
  static String embeddedResourceName() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new IllegalStateException("the kit only extracts the embedded Linux binary; os=" + os);
    }
    return switch (arch) {
      case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
      case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
      case "x86", "i386", "i686" -> "redis-server-6.2.7-linux-386";
      default -> throw new IllegalStateException("no embedded redis-server for arch " + arch);
    };
  }
}
