package dev.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process started by the kit: its PID, where its output goes, and the signals
 * tests send it. Every instance is registered with {@link ProcessReaper} before {@link #start}
 * returns, so it is killed (by PID) even if the test that started it fails or the JVM exits.
 *
 * <p>Signals: SIGKILL through {@link ProcessHandle#destroyForcibly()}, SIGTERM through {@link
 * ProcessHandle#destroy()}, and SIGSTOP/SIGCONT through {@code kill -STOP|-CONT <pid>}, which the
 * JDK has no API for. Before signalling by PID we check that our own child is still alive, so a
 * recycled PID of an exited child is never signalled.
 */
public final class ManagedProcess {
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final String name;
  private final List<String> command;
  private final Process process;
  private final Path output;
  private final Path logFile;
  private volatile boolean paused;

  private ManagedProcess(
      String name, List<String> command, Process process, Path output, Path logFile) {
    this.name = name;
    this.command = List.copyOf(command);
    this.process = process;
    this.output = output;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in {@code workDir}; stdout and stderr are appended to {@code output} (so
   * a restarted process keeps its predecessor's output above its own).
   */
  public static ManagedProcess start(
      String name, List<String> command, Path workDir, Path output, Map<String, String> env) {
    return start(name, command, workDir, output, null, env);
  }

  /**
   * As above, for programs that write their log to a file of their own ({@code logFile}, e.g. a
   * server's {@code logfile}); {@link #outputTail} then shows that log as well.
   */
  public static ManagedProcess start(
      String name,
      List<String> command,
      Path workDir,
      Path output,
      Path logFile,
      Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
    ManagedProcess managed = new ManagedProcess(name, command, process, output, logFile);
    ProcessReaper.register(managed);
    OrphanSweeper.mark(workDir, process.toHandle());
    KitLog.info("started " + name + " pid=" + process.pid() + ": " + String.join(" ", command));
    return managed;
  }

  public String name() {
    return name;
  }

  public List<String> command() {
    return command;
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public Path output() {
    return output;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public boolean isPaused() {
    return paused && process.isAlive();
  }

  /** Exit code, or -1 while running. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** SIGKILL, then waits until the process is gone. No-op if it already exited. */
  public void kill9() {
    if (!process.isAlive()) {
      ProcessReaper.unregister(this);
      return;
    }
    KitLog.info("SIGKILL " + name + " pid=" + pid());
    process.destroyForcibly();
    awaitExit(KILL_WAIT);
    paused = false;
    ProcessReaper.unregister(this);
  }

  /**
   * SIGTERM (after SIGCONT if paused, since a stopped process cannot act on SIGTERM), waits up to
   * {@code grace}, then SIGKILL.
   */
  public void terminate(Duration grace) {
    if (!process.isAlive()) {
      ProcessReaper.unregister(this);
      return;
    }
    if (paused) {
      resume();
    }
    KitLog.info("SIGTERM " + name + " pid=" + pid());
    process.destroy();
    if (!waitFor(grace)) {
      kill9();
    }
    ProcessReaper.unregister(this);
  }

  /** SIGSTOP, then waits until the kernel reports the process stopped (state T). */
  public void pause() {
    signal("STOP");
    paused = true;
    Await.until(
        name + " pid=" + pid() + " stopped", Duration.ofSeconds(5), () -> "T".equals(procState()));
  }

  /** SIGCONT, then waits until the process is no longer stopped. */
  public void resume() {
    signal("CONT");
    paused = false;
    Await.until(
        name + " pid=" + pid() + " continued",
        Duration.ofSeconds(5),
        () -> !"T".equals(procState()));
  }

  /** Waits up to {@code timeout} for the process to exit; true if it did. */
  public boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last {@code lines} lines of the process's own log file (if any) and stdout/stderr. */
  public String outputTail(int lines) {
    String out = tail(output, lines);
    return logFile == null ? out : tail(logFile, lines) + "\n(stdout/stderr:)\n" + out;
  }

  @Override
  public String toString() {
    return name + " pid=" + pid() + (isAlive() ? (paused ? " (paused)" : " (alive)") : " (exited)");
  }

  /** The last {@code lines} lines of a text file, or a note that it does not exist. */
  public static String tail(Path file, int lines) {
    if (file == null || !Files.exists(file)) {
      return "(no file " + file + ")";
    }
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private void awaitExit(Duration timeout) {
    if (!waitFor(timeout)) {
      throw new IllegalStateException(name + " pid=" + pid() + " did not exit after SIGKILL");
    }
  }

  private void signal(String signal) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "cannot send SIG" + signal + " to " + name + ": it exited with " + process.exitValue());
    }
    KitLog.info("SIG" + signal + " " + name + " pid=" + pid());
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
              .redirectErrorStream(true)
              .start();
      String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending SIG" + signal, e);
    }
  }

  /** The state letter from /proc/<pid>/stat (R, S, T, Z, ...), or "" if unavailable. */
  private String procState() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
      // The command name is in parentheses and may contain spaces; the state follows ") ".
      int close = stat.lastIndexOf(')');
      return stat.substring(close + 2, close + 3);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
