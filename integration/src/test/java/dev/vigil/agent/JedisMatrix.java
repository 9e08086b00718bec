package dev.vigil.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The client matrix the agent supports ({@code client-matrix.txt} beside this class: Jedis, one
 * recent release per line, and valkey-java), each entry's class path composed of the jars the
 * integration pom copies into {@code target/client-matrix} (as {@code artifactId-version.jar}); and
 * the agent jar the ITs attach.
 */
final class JedisMatrix {
  /** One line of the matrix: a client version and the jars its applications run with. */
  record ClientVersion(String client, String version, List<String> jars) {
    /** The package its classes live in: Jedis's, or valkey-java's copy of it. */
    String packageName() {
      return client.equals("valkey-java") ? "io.valkey" : "redis.clients.jedis";
    }

    @Override
    public String toString() {
      return (client.equals("jedis") ? "Jedis" : client) + " " + version;
    }
  }

  /** Every line of the matrix, in file order. */
  static final List<ClientVersion> ALL = read("client-matrix.txt");

  private JedisMatrix() {}

  /** The matrix entry of Jedis {@code version}. */
  static ClientVersion jedis(String version) {
    return find("jedis", version);
  }

  static ClientVersion find(String client, String version) {
    return ALL.stream()
        .filter(c -> c.client().equals(client) && c.version().equals(version))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException(client + " " + version + " is not in the matrix"));
  }

  private static List<ClientVersion> read(String resource) {
    List<ClientVersion> entries = new ArrayList<>();
    try (InputStream in = JedisMatrix.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " not on the test class path");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String[] fields = text.split("\\s+");
        if (fields.length < 3) {
          throw new IllegalStateException(
              resource + ": expected <client> <version> <jars>: " + line);
        }
        entries.add(
            new ClientVersion(fields[0], fields[1], List.of(fields).subList(2, fields.length)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(entries);
  }

  /** The shaded agent jar built by the agent module. */
  static Path agentJar() {
    Path jar = Paths.get(System.getProperty("vigil.agent.jar", "../agent/target/vigil-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "agent jar not found at " + jar.toAbsolutePath() + "; build the agent module first");
    }
    return jar.toAbsolutePath();
  }

  /** Class path of a legacy application on {@code client}: the test apps plus its jars only. */
  static List<String> classPath(ClientVersion client) {
    Path dir = Paths.get(System.getProperty("vigil.client.matrix", "target/client-matrix"));
    List<String> entries = new ArrayList<>();
    entries.add(appClasses().toString());
    for (String coordinates : client.jars()) {
      String[] gav = coordinates.split(":");
      Path jar = dir.resolve(gav[1] + "-" + gav[2] + ".jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            coordinates
                + " (for "
                + client
                + ") was not copied to "
                + dir.toAbsolutePath()
                + ": add <artifactItem><groupId>"
                + gav[0]
                + "</groupId><artifactId>"
                + gav[1]
                + "</artifactId><version>"
                + gav[2]
                + "</version></artifactItem> to the client-matrix execution of"
                + " integration/pom.xml (it runs in pre-integration-test)");
      }
      entries.add(jar.toAbsolutePath().toString());
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
