package dev.vigil.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Jedis versions the agent supports, one recent release per line (and 3.x before and after
 * 3.6), as copied by the integration pom into {@code target/jedis-matrix/<version>/}; and the agent
 * jar the ITs attach.
 */
final class JedisMatrix {
  static final List<String> VERSIONS =
      List.of("2.9.3", "2.10.2", "3.5.2", "3.10.0", "4.4.8", "5.2.0", "6.2.0", "7.5.3", "8.0.2");

  private JedisMatrix() {}

  /** The shaded agent jar built by the agent module. */
  static Path agentJar() {
    Path jar = Paths.get(System.getProperty("vigil.agent.jar", "../agent/target/vigil-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "agent jar not found at " + jar.toAbsolutePath() + "; build the agent module first");
    }
    return jar.toAbsolutePath();
  }

  /** Class path of a legacy application on {@code version}: the test apps plus that Jedis only. */
  static List<String> classPath(String version) {
    Path dir =
        Paths.get(System.getProperty("vigil.jedis.matrix", "target/jedis-matrix")).resolve(version);
    List<String> entries = new ArrayList<>();
    entries.add(appClasses().toString());
    try (Stream<Path> jars = Files.list(dir)) {
      jars.filter(p -> p.toString().endsWith(".jar"))
          .sorted()
          .forEach(p -> entries.add(p.toAbsolutePath().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Jedis " + version + " not copied to " + dir + " (pre-integration-test)", e);
    }
    return entries;
  }

  private static Path appClasses() {
    try {
      return Paths.get(
          LegacyJedisApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code -javaagent:<jar>=<args>}. */
  static String javaagent(String args) {
    return "-javaagent:" + agentJar() + "=" + args;
  }

  /** Loads the agent into a running JVM, as an operator would with dynamic attach. */
  static void attach(long pid, String args) throws Exception {
    com.sun.tools.attach.VirtualMachine vm =
        com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid));
    try {
      vm.loadAgent(agentJar().toString(), args);
    } finally {
      vm.detach();
    }
  }

  /**
   * Loads the agent with {@code jcmd <pid> JVMTI.agent_load <jar> @<file>}: jcmd passes nothing of
   * an option string after its first '=', so the options go into a properties file.
   */
  static void attachWithJcmd(long pid, String args, Path dir) throws Exception {
    Path file = dir.resolve("vigil-agent.properties");
    Files.writeString(file, toProperties(args));
    Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(
                jcmd.toString(),
                Long.toString(pid),
                "JVMTI.agent_load",
                agentJar().toString(),
                "@" + file)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("jcmd failed: " + output);
    }
  }

  /** {@code a=1,2,b=3} (agent argument syntax) as properties text {@code a=1,2\nb=3\n}. */
  static String toProperties(String args) {
    StringBuilder text = new StringBuilder();
    for (String token : args.split(",")) {
      if (token.contains("=")) {
        text.append(text.length() == 0 ? "" : "\n").append(token);
      } else {
        text.append(',').append(token);
      }
    }
    return text.append('\n').toString();
  }

  /**
   * The newest JDK under /usr/lib/jvm whose feature release is above the one running the tests
   * (this machine has Temurin 25 next to the default 17), if any.
   */
  static java.util.Optional<Path> newerJdk() {
    int current = Runtime.version().feature();
    Path best = null;
    int bestFeature = current;
    try (Stream<Path> homes = Files.list(Paths.get("/usr/lib/jvm"))) {
      for (Path home : homes.toList()) {
        int feature = featureRelease(home.resolve("release"));
        if (feature > bestFeature && Files.isExecutable(home.resolve("bin/java"))) {
          best = home;
          bestFeature = feature;
        }
      }
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(best);
  }

  private static int featureRelease(Path releaseFile) {
    try {
      for (String line : Files.readAllLines(releaseFile)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not a JDK, or a layout we do not know.
    }
    return -1;
  }
}
