package dev.vigil.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A separate JVM (a Vigil sidecar, an application with the {@code -javaagent}, ...) started from
 * {@code java.home} of the test JVM, with stdout and stderr in files of its own temp dir. Tests
 * wait for log lines with {@link #waitForLine}; the process is killed by PID on {@link #close()}
 * and by {@link ProcessReaper} if the test forgets.
 *
 * <p>The default class path is the test class path. Under surefire/failsafe, {@code
 * java.class.path} may be a manifest-only booter jar, so {@code surefire.test.class.path} (the real
 * list) is preferred when set.
 */
public final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Path dir;
  private final ManagedProcess process;

  private JavaProcess(String name, Path dir, ManagedProcess process) {
    this.name = name;
    this.dir = dir;
    this.process = process;
  }

  /** A builder for a JVM running {@code mainClass} from the class path. */
  public static Builder builder(String mainClass) {
    return new Builder(mainClass, null);
  }

  /**
   * A builder for {@code java -jar <jar>} (the jar's manifest names the main class and class path;
   * {@link Builder#classPath} is ignored).
   */
  public static Builder jar(Path jar) {
    return new Builder(null, jar);
  }

  /** The class path of the running tests, as a list of entries. */
  public static List<String> testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Options for the JVM; only the main class is required. */
  public static final class Builder {
    private final String mainClass;
    private final Path jar;
    private String name;
    private Path javaHome = Paths.get(System.getProperty("java.home"));
    private List<String> classPath = testClassPath();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    private Builder(String mainClass, Path jar) {
      this.mainClass = mainClass;
      this.jar = jar;
      String label =
          jar != null
              ? jar.getFileName().toString().replaceFirst("\\.jar$", "")
              : mainClass.substring(mainClass.lastIndexOf('.') + 1);
      this.name = label.isEmpty() ? "java" : label;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Another JDK/JRE, e.g. a Java 8 runtime for agent compatibility tests. */
    public Builder javaHome(Path javaHome) {
      this.javaHome = javaHome;
      return this;
    }

    /** Replaces the class path (default: the test class path). */
    public Builder classPath(List<String> entries) {
      this.classPath = List.copyOf(entries);
      return this;
    }

    /**
     * JVM options such as {@code -javaagent:/path/agent.jar=opts}, {@code -Xmx64m}, {@code -Dk=v}.
     */
    public Builder jvmArgs(String... jvmArgs) {
      this.jvmArgs.addAll(List.of(jvmArgs));
      return this;
    }

    /** Program arguments after the main class. */
    public Builder args(String... args) {
      this.args.addAll(List.of(args));
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public JavaProcess start() {
      Path dir = TempDirs.create("vigil-jvm-" + name);
      List<String> command = new ArrayList<>();
      command.add(javaHome.resolve("bin").resolve("java").toString());
      command.addAll(jvmArgs);
      Map<String, String> fullEnv = new LinkedHashMap<>(env);
      if (jar != null) {
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
      } else {
        // A long class path goes in the environment, not on the command line.
        fullEnv.put("CLASSPATH", String.join(File.pathSeparator, classPath));
        command.add(mainClass);
      }
      command.addAll(args);
      ManagedProcess process =
          ManagedProcess.start(name, command, dir, dir.resolve("output.log"), fullEnv);
      return new JavaProcess(name, dir, process);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public ManagedProcess process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path dir() {
    return dir;
  }

  /** The file receiving the JVM's stdout and stderr (interleaved, as a terminal would show). */
  public Path outputFile() {
    return process.output();
  }

  /** Everything the JVM printed so far. */
  public String output() {
    try {
      return Files.exists(outputFile())
          ? Files.readString(outputFile(), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until a line of output, printed so far or later, matches {@code regex} (with {@link
   * Matcher#find()}) and returns the match; fails early if the JVM exits first. To wait only for
   * lines printed after some action, take {@link #outputCursorAtEnd()} before the action.
   */
  public Matcher waitForLine(String regex, Duration timeout) {
    return LogCursor.of(outputFile(), true, process).waitForLine(regex, timeout);
  }

  /** A cursor over output printed from now on; its waits also fail early if the JVM exits. */
  public LogCursor outputCursorAtEnd() {
    return LogCursor.of(outputFile(), false, process);
  }

  /** Writes {@code line} and a newline to the JVM's stdin (a simple control channel). */
  public void writeLine(String line) {
    try {
      var in = process.process().getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdin of " + name, e);
    }
  }

  /** Waits for the JVM to exit and returns its exit code. */
  public int waitForExit(Duration timeout) {
    if (!process.waitFor(timeout)) {
      throw new AssertionError(
          name + " still running after " + timeout.toMillis() + " ms\n" + outputTail(40));
    }
    return process.exitCode();
  }

  public String outputTail(int lines) {
    return process.outputTail(lines);
  }

  /** SIGKILL. */
  public void kill9() {
    process.kill9();
  }

  /** SIGTERM (shutdown hooks run), then SIGKILL after {@code grace}. */
  public void destroy(Duration grace) {
    process.terminate(grace);
  }

  public void pause() {
    process.pause();
  }

  public void resume() {
    process.resume();
  }

  /** SIGKILLs the JVM if still running and deletes its dir. */
  @Override
  public void close() {
    process.kill9();
    TempDirs.delete(dir);
  }

  @Override
  public String toString() {
    return process.toString();
  }
}
