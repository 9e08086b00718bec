package dev.vigil.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code valkey-server} (or {@code valkey-sentinel}) on a free loopback port for the
 * transport's tests, stopped by its PID. The integration module has the full test kit; this is the
 * minimum the sidecar module's own tests need.
 */
public final class LocalValkey implements AutoCloseable {
  public final String host;
  public final int port;
  private final Process process;
  private final Path dir;

  private LocalValkey(String host, int port, Process process, Path dir) {
    this.host = host;
    this.port = port;
    this.process = process;
    this.dir = dir;
  }

  /** Starts {@code valkey-server} with extra lines in its config file. */
  public static LocalValkey server(String... configLines) throws IOException, InterruptedException {
    return server("127.0.0.1", freePort(), configLines);
  }

  /**
   * Starts {@code valkey-server} on {@code host} (a loopback address such as {@code 127.0.0.2}) and
   * {@code port}.
   */
  public static LocalValkey server(String host, int port, String... configLines)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("vigil-link-valkey");
    List<String> command = new ArrayList<>();
    command.add("valkey-server");
    command.add(dir.resolve("valkey.conf").toString());
    Files.writeString(dir.resolve("valkey.conf"), String.join("\n", configLines) + "\n");
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            host,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir.toString(),
            "--logfile",
            dir.resolve("valkey.log").toString()));
    return start(command, host, port, dir);
  }

  /** Starts {@code valkey-sentinel} monitoring {@code primaryPort} as {@code mymaster}. */
  public static LocalValkey sentinel(int primaryPort) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("vigil-link-sentinel");
    int port = freePort();
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(
        conf,
        "port "
            + port
            + "\nbind 127.0.0.1\nlogfile "
            + dir.resolve("sentinel.log")
            + "\nsentinel monitor mymaster 127.0.0.1 "
            + primaryPort
            + " 1\n");
    return start(List.of("valkey-sentinel", conf.toString()), "127.0.0.1", port, dir);
  }

  private static LocalValkey start(List<String> command, String host, int port, Path dir)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    LocalValkey node = new LocalValkey(host, port, process, dir);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        // Any reply (+PONG, -NOAUTH, -ERR unknown command when renamed) means it is serving.
        String reply = node.call("PING");
        if (reply.startsWith("+") || reply.startsWith("-")) {
          return node;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        node.close();
        throw new IllegalStateException(
            "valkey did not start: " + Files.readString(dir.resolve("stdout.log")));
      }
      Thread.sleep(20);
    }
  }

  /**
   * Sends one command as a RESP array on a fresh connection and returns the raw reply bytes read
   * within a short time: enough for simple checks like {@code ROLE} or {@code INFO replication}.
   */
  public String call(String... args) throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      StringBuilder cmd = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        cmd.append(a).append("\r\n");
      }
      out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("closed");
      }
      // Bulk replies may arrive in several segments; read what follows shortly.
      socket.setSoTimeout(50);
      StringBuilder reply = new StringBuilder(new String(buffer, 0, n, StandardCharsets.UTF_8));
      try {
        while ((n = in.read(buffer)) > 0) {
          reply.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (java.net.SocketTimeoutException done) {
        // nothing more
      }
      return reply.toString();
    }
  }

  public long pid() {
    return process.pid();
  }

  public void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    kill.waitFor(5, TimeUnit.SECONDS);
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stop();
    } finally {
      deleteRecursively(dir);
    }
  }

  private void stop() throws InterruptedException {
    if (process.isAlive()) {
      try {
        signal("CONT");
      } catch (IOException ignored) {
        // best effort: a stopped process ignores SIGTERM until continued
      }
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static void deleteRecursively(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
