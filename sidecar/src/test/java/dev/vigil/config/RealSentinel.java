package dev.vigil.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code valkey-sentinel} on a config file, for differential tests. Loopback only,
 * free ports, every process stopped by its PID.
 */
final class RealSentinel implements AutoCloseable {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path log;

  private RealSentinel(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The binary, or null when it is not installed. */
  static Path binary() {
    for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, "valkey-sentinel");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        Path p = Path.of(dir, "valkey-sentinel");
        if (!dir.isEmpty() && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Runs the binary on a config expected to be refused; returns what it printed on stderr. */
  static String refusal(Path config) throws Exception {
    Path err = config.resolveSibling(config.getFileName() + ".stderr");
    Process p =
        new ProcessBuilder(binary().toString(), config.toString())
            .directory(config.getParent().toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    try {
      if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError(
            "valkey-sentinel accepted " + config + ": " + Files.readString(config));
      }
      return Files.readString(err);
    } finally {
      stop(p);
    }
  }

  /**
   * Starts the binary on {@code config} (which must contain {@code port <port>} and {@code bind
   * 127.0.0.1}) and waits until it answers PING.
   */
  static RealSentinel start(Path config, int port) throws Exception {
    Path log = config.resolveSibling(config.getFileName() + ".log");
    Process p =
        new ProcessBuilder(binary().toString(), config.toString())
            .directory(config.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RealSentinel sentinel = new RealSentinel(p, port, log);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      try {
        if (sentinel.command("PING").equals("+PONG")) {
          return sentinel;
        }
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          sentinel.close();
          throw new IOException("valkey-sentinel did not start: " + Files.readString(log), e);
        }
      }
      Thread.sleep(20);
    }
  }

  /** Sends one command (arguments without spaces) and returns the first reply line. */
  String command(String... args) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout((int) DEADLINE.toMillis());
      StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        req.append(a).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\r') {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process p) {
    p.destroy(); // SIGTERM to this PID only
    try {
      if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
