package dev.vigil.sidecar;

import dev.vigil.testkit.JavaProcess;
import dev.vigil.testkit.ServerBinaries;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import dev.vigil.testkit.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Runs the Vigil sidecar wherever the kit runs a sentinel: a tiny {@code exec java ...} script
 * taking the config file like {@code valkey-sentinel} does, so {@link
 * dev.vigil.testkit.SentinelNode} manages a sidecar JVM exactly like a real sentinel (its PID is
 * the JVM's, thanks to {@code exec}).
 *
 * <p>Runs the shaded {@code sidecar/target/vigil-sidecar.jar} when it was built (the reactor's
 * package phase runs before the integration tests), else the main class from the test class path.
 * {@code -Dvigil.it.sentinel=valkey} runs the same tests against real {@code valkey-sentinel}
 * instead, to check the tests themselves.
 */
public final class VigilLauncher {
  private static SentinelLauncher launcher;

  private VigilLauncher() {}

  /** The launcher the sidecar ITs use for every sentinel. */
  public static synchronized SentinelLauncher get() {
    if (launcher == null) {
      launcher =
          "valkey".equals(System.getProperty("vigil.it.sentinel"))
              ? ServerBinaries.sentinel()
              : script("64m");
    }
    return launcher;
  }

  /** True when the tests run against Vigil (not the reference sentinel). */
  static boolean isVigil() {
    return get().origin().startsWith("vigil");
  }

  /** The shaded jar, or null when it was not built. */
  public static Path shadedJar() {
    Path base = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();
    Path jar = base.resolveSibling("sidecar").resolve("target").resolve("vigil-sidecar.jar");
    return Files.isRegularFile(jar) ? jar : null;
  }

  /**
   * A new launcher script for the sidecar JVM with heap {@code maxHeap} (e.g. {@code 64m}). Small
   * heap and quick start: a sidecar needs little, and CI runs several at once.
   */
  public static SentinelLauncher script(String maxHeap) {
    return script(maxHeap, "");
  }

  /**
   * A Vigil launcher whose JVM gets {@code extraJvmOptions} as well (already quoted for {@code
   * sh}), e.g. a hosts file for the JDK's resolver. Always Vigil, whatever {@code
   * vigil.it.sentinel} says: the options mean nothing to {@code valkey-sentinel}.
   */
  static SentinelLauncher vigilWithJvmOptions(String extraJvmOptions) {
    return script("64m", extraJvmOptions);
  }

  private static SentinelLauncher script(String maxHeap, String extraJvmOptions) {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path jar = shadedJar();
    String jvm =
        "-Xmx"
            + maxHeap
            + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
            + (extraJvmOptions.isEmpty() ? "" : " " + extraJvmOptions);
    String target =
        jar != null
            ? "-jar '" + jar + "'"
            : "-cp '"
                + String.join(File.pathSeparator, JavaProcess.testClassPath())
                + "' dev.vigil.runtime.Main";
    Path script = TempDirs.create("vigil-launcher").resolve("vigil-sentinel");
    try {
      Files.writeString(
          script,
          "#!/bin/sh\nexec '" + java + "' " + jvm + " " + target + " \"$@\"\n",
          StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SentinelLauncher(
        script, List.of(), jar != null ? "vigil shaded jar " + jar : "vigil from test class path");
  }
}
