package dev.vigil.config;

import dev.vigil.testkit.Await;
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
  private final String startedConfig;

  private RealSentinel(Process process, int port, Path log, String startedConfig) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startedConfig = startedConfig;
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
   * Starts the binary on {@code config} (which must contain a {@code port <port>} line and {@code
   * bind 127.0.0.1}) and waits until it answers PING. If another process took the free port in the
   * meantime, the {@code port} line is changed to a new free port and the start retried; {@link
   * #startedConfig()} is the file as it was when the sentinel started.
   */
  static RealSentinel start(Path config, int port) throws Exception {
    for (int attempt = 1; ; attempt++) {
      String content = Files.readString(config);
      Path log = config.resolveSibling(config.getFileName() + ".log");
      Process p =
          new ProcessBuilder(binary().toString(), config.toString())
              .directory(config.getParent().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      RealSentinel sentinel = new RealSentinel(p, port, log, content);
      // Its own loop, not Await's: a taken port means a new config and a new process.
      long deadline = System.nanoTime() + Await.scaled(DEADLINE).toNanos();
      while (true) {
        try {
          if (sentinel.command("PING").equals("+PONG")) {
            return sentinel;
          }
        } catch (IOException e) {
          if (!p.isAlive() || System.nanoTime() > deadline) {
            sentinel.close();
            String output = Files.readString(log);
            if (attempt < 3 && output.contains("Address already in use")) {
              int next = freePort();
              Files.writeString(
                  config, content.replaceFirst("(?m)^port " + port + "$", "port " + next));
              port = next;
              break;
            }
            throw new IOException("valkey-sentinel did not start: " + output, e);
          }
        }
        Thread.sleep(20);
      }
    }
  }

  /** The config file as it was when the sentinel started. */
  String startedConfig() {
    return startedConfig;
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
