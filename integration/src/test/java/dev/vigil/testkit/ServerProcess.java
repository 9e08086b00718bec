package dev.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process lifecycle shared by the kit's real servers and sentinels: a config file written into
 * its own temp dir, start on a free loopback port (moving to another one if the port was taken
 * between allocation and bind), readiness by PING, signals, restart from the (possibly
 * server-rewritten) config on the same port, log tail for failure messages, and SIGKILL plus
 * removal of the dir on {@link #close()}.
 */
public abstract class ServerProcess implements AutoCloseable {
  protected static final int LOG_TAIL_LINES = 40;
  private static final int MAX_BIND_ATTEMPTS = 5;

  protected final String name;
  protected final Path dir;
  protected final Duration startTimeout;

  /** The address the process listens on and, for {@code bind-source-addr}, connects from. */
  protected final String host;

  private final boolean fixedPort;
  protected int port;
  protected ManagedProcess process;

  /** {@code fixedPort} 0 means a free port. */
  protected ServerProcess(String name, Duration startTimeout, int fixedPort) {
    this(name, startTimeout, fixedPort, HostPort.LOOPBACK);
  }

  /**
   * {@code host}: the loopback address to listen on, e.g. an alias such as {@code 127.0.0.11}
   * (Linux routes all of 127.0.0.0/8 to the loopback interface).
   */
  protected ServerProcess(String name, Duration startTimeout, int fixedPort, String host) {
    this.name = name;
    this.host = host;
    this.startTimeout = startTimeout;
    this.fixedPort = fixedPort > 0;
    this.port = this.fixedPort ? fixedPort : FreePorts.allocate();
    this.dir = TempDirs.create("vigil-" + name);
  }

  /** The command line that starts the process from {@link #configFile()}. */
  protected abstract List<String> command();

  /** Config lines after the common ones (port, bind, daemonize, dir, logfile). */
  protected abstract List<String> configLines();

  public abstract Path configFile();

  public abstract Path logFile();

  /** Runs once the process answers PING, after every start and restart. */
  protected void afterReady() {}

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public HostPort address() {
    return new HostPort(host, port);
  }

  /** PID of the current process (changes on restart). */
  public long pid() {
    return process.pid();
  }

  public ManagedProcess process() {
    return process;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public Path dir() {
    return dir;
  }

  /** True if the process answers PING with PONG within {@code timeout}. */
  public boolean ping(Duration timeout) {
    return RespClient.pings(address(), timeout);
  }

  /** Polls PING until PONG; fails early, with the log tail, if the process exits. */
  public void waitUntilReady(Duration timeout) {
    Await.until(
        name + " at " + address() + " answers PING",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new Await.Abort(name + " exited with " + process.exitCode());
          }
          return ping(Duration.ofMillis(500));
        },
        () -> logTail(LOG_TAIL_LINES));
  }

  /** SIGKILL; the process can be {@link #restart()}ed on the same port and dir. */
  public void kill9() {
    process.kill9();
  }

  /** SIGSTOP: the process keeps its sockets but answers nothing until {@link #resume()}. */
  public void pause() {
    process.pause();
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    process.resume();
  }

  /** Graceful stop (SIGTERM, then SIGKILL after 10 s). */
  public void stop() {
    process.terminate(Duration.ofSeconds(10));
  }

  /**
   * Kills the process if it is still running (SIGKILL) and starts it again on the same port and dir
   * from the same (possibly rewritten) config file, then waits until it answers PING.
   */
  public void restart() {
    if (process.isAlive()) {
      process.kill9();
    }
    launch();
    waitUntilReady(startTimeout);
    afterReady();
  }

  /**
   * A cursor over the log from now on, e.g. to wait for {@code "+switch-master"} or {@code "MASTER
   * <-> REPLICA sync: Finished"} after an action; its waits fail early if the process exits.
   */
  public LogCursor logCursorAtEnd() {
    return LogCursor.of(logFile(), false, process);
  }

  /** The last lines of the log and of stdout (config errors land there). */
  public String logTail(int lines) {
    return "--- "
        + name
        + " "
        + logFile()
        + " ---\n"
        + ManagedProcess.tail(logFile(), lines)
        + "\n--- "
        + name
        + " stdout ---\n"
        + ManagedProcess.tail(dir.resolve("stdout.log"), Math.min(lines, 10));
  }

  @Override
  public void close() {
    if (process != null) {
      process.kill9();
    }
    TempDirs.delete(dir);
  }

  @Override
  public String toString() {
    return name + "@" + address() + (process == null ? "" : " pid=" + process.pid());
  }

  /** First start; closes this object and rethrows if it fails. */
  protected final void startFirstTime() {
    try {
      launchFirstTime();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void launchFirstTime() {
    for (int attempt = 1; ; attempt++) {
      writeConfig();
      launch();
      try {
        waitUntilReady(startTimeout);
        afterReady();
        return;
      } catch (RuntimeException | AssertionError e) {
        boolean portTaken = logTail(LOG_TAIL_LINES).contains("Address already in use");
        process.kill9();
        if (fixedPort || !portTaken || attempt >= MAX_BIND_ATTEMPTS) {
          throw e;
        }
        int old = port;
        port = FreePorts.allocate();
        KitLog.info(name + ": port " + old + " was taken meanwhile, retrying on " + port);
      }
    }
  }

  private void launch() {
    process =
        ManagedProcess.start(
            name + ":" + port, command(), dir, dir.resolve("stdout.log"), logFile(), Map.of());
  }

  private void writeConfig() {
    List<String> lines = new ArrayList<>();
    lines.add("# written by the Vigil test kit for " + name);
    lines.add("port " + port);
    lines.add("bind " + host);
    lines.add("daemonize no");
    lines.add("dir \"" + dir + "\"");
    lines.add("logfile \"" + logFile() + "\"");
    lines.addAll(configLines());
    try {
      Files.write(configFile(), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile(), e);
    }
  }
}
