package dev.vigil.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The README's first command ({@code ./demo}): a primary, two replicas and three Vigil sidecars on
 * loopback, each sidecar a separate JVM with Jolokia and the HTTP metrics/health endpoint (the
 * first also with remote JMX). Prints how to watch and drive it, streams the sentinel events, and
 * stops everything it started on Ctrl-C. {@code --check} starts the same topology, waits until the
 * three sidecars agree on the primary, forces one failover, waits for {@code +switch-master} and
 * all sidecars to answer the new address, prints {@code OK} and exits 0 (1 on failure).
 */
public final class Demo {
  static final String MASTER = "mymaster";
  static final String USER = "admin";
  static final String PASSWORD = "vigil";
  static final int NODES = 3;
  private static final long READY_TIMEOUT_MS = 60_000;

  private final boolean check;
  private final PrintStream out;
  private final ChildProcesses children = new ChildProcesses();
  private final List<ChildProcesses.Child> sidecars = new ArrayList<>();
  private DemoPorts ports;
  private Path dir;

  private Demo(boolean check, PrintStream out) {
    this.check = check;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    boolean check = false;
    for (String a : args) {
      switch (a) {
        case "--check", "--smoke" -> check = true;
        case "--help", "-h" -> {
          System.out.println(
              "Usage: ./demo [--check]\n"
                  + "  starts 1 primary + 2 replicas and 3 Vigil sidecars on loopback; Ctrl-C stops"
                  + " all\n  --check  force one failover, print OK and exit (0 = works)");
          return;
        }
        default -> {
          System.err.println("unknown argument " + a + " (try --help)");
          System.exit(2);
        }
      }
    }
    Demo demo = new Demo(check, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "vigil-demo-stop"));
    int code;
    try {
      code = demo.run();
    } catch (RuntimeException | IOException e) {
      System.err.println("demo failed: " + e.getMessage());
      demo.printLogTails();
      code = 1;
    }
    if (check || code != 0) {
      System.exit(code); // the shutdown hook stops the processes
    }
  }

  private int run() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("vigil-demo-");
    ports = DemoPorts.choose(NODES, !check);
    ServerLocator.Found server = ServerLocator.locate(dir);
    out.println("Vigil demo: files and logs in " + dir);
    out.println("server binary: " + server.path() + " (" + server.origin() + ")");
    startServers(server.path());
    startSidecars();
    printAddresses();
    awaitAgreement();
    return check ? checkFailover() : interactive();
  }

  private void startServers(Path binary) {
    for (int i = 0; i < NODES; i++) {
      int port = ports.valkey().get(i);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "--port",
                  "" + port,
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString(),
                  "--dbfilename",
                  "dump-" + port + ".rdb"));
      if (i > 0) {
        cmd.addAll(List.of("--replicaof", "127.0.0.1", "" + ports.valkey().get(0)));
      }
      var c = children.start("valkey-" + port, cmd, dir);
      await("server on " + port, () -> "PONG".equals(MiniResp.once(port, "PING")), c);
      out.println(
          (i == 0 ? "primary " : "replica ") + "127.0.0.1:" + port + "  (pid " + c.pid() + ")");
    }
  }

  private void startSidecars() throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    // Absolute entries: the sidecars run in the demo's directory, not the caller's.
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Paths.get(e).toAbsolutePath().toString());
    }
    String classPath = String.join(File.pathSeparator, entries);
    for (int i = 0; i < NODES; i++) {
      int port = ports.sentinel().get(i);
      Path conf = dir.resolve("sentinel-" + port + ".conf");
      StringBuilder text = new StringBuilder();
      text.append("port ").append(port).append('\n');
      text.append("bind 127.0.0.1\n");
      text.append("dir ").append(dir).append('\n');
      text.append("sentinel monitor " + MASTER + " 127.0.0.1 " + ports.valkey().get(0) + " 2\n");
      text.append("sentinel down-after-milliseconds " + MASTER + " 1000\n");
      text.append("sentinel failover-timeout " + MASTER + " 10000\n");
      text.append("vigil jolokia-port ").append(ports.jolokia().get(i)).append('\n');
      text.append("vigil jolokia-user " + USER + "\nvigil jolokia-password " + PASSWORD + "\n");
      text.append("vigil http-port ").append(ports.http().get(i)).append('\n');
      text.append("vigil node 127.0.0.1:").append(ports.valkey().get(i)).append('\n');
      if (i == 0) {
        // Remote JMX never runs without a login: the demo's is the printed admin/vigil.
        text.append("vigil jmx-port ").append(ports.jmx()).append('\n');
        text.append("vigil jmx-password-file ")
            .append(jmxFile("jmx.password", USER + " " + PASSWORD));
        text.append("\nvigil jmx-access-file ").append(jmxFile("jmx.access", USER + " readwrite"));
        text.append('\n');
      }
      Files.writeString(conf, text, StandardCharsets.UTF_8);
      List<String> cmd =
          List.of(
              java,
              "-Xmx96m",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              classPath,
              "dev.vigil.runtime.Main",
              conf.toString());
      sidecars.add(children.start("vigil-" + port, cmd, dir));
    }
    for (int i = 0; i < NODES; i++) {
      int port = ports.sentinel().get(i);
      var c = sidecars.get(i);
      await("sidecar on " + port, () -> "PONG".equals(MiniResp.once(port, "PING")), c);
      out.println("Vigil sidecar  127.0.0.1:" + port + "  (pid " + c.pid() + ")");
    }
  }

  /** An owner-only file in the demo directory (the JDK refuses a password file others read). */
  private Path jmxFile(String name, String line) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      Files.createFile(
          file,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
    }
    return file;
  }

  private void printAddresses() {
    watchManagementPorts();
    int s1 = ports.sentinel().get(0);
    out.println();
    out.println("Try:");
    out.println("  redis-cli -p " + s1 + " SENTINEL get-master-addr-by-name " + MASTER);
    out.println("  redis-cli -p " + s1 + " SUBSCRIBE +switch-master      # or PSUBSCRIBE '*'");
    out.println("  redis-cli -p " + ports.sentinel().get(1) + " SENTINEL FAILOVER " + MASTER);
    out.println(
        "  curl -u "
            + USER
            + ":"
            + PASSWORD
            + " http://127.0.0.1:"
            + ports.jolokia().get(2)
            + "/jolokia/exec/vigil:type=Master,name="
            + MASTER
            + "/failover");
    out.println("  " + jconsoleCommand());
    out.println();
  }

  /**
   * Prints each sidecar's management addresses once they answer, without holding up the demo (the
   * JVMs open Jolokia, HTTP and JMX a little after the Sentinel port).
   */
  private void watchManagementPorts() {
    for (int i = 0; i < NODES; i++) {
      int n = i + 1;
      int jolokia = ports.jolokia().get(i);
      int http = ports.http().get(i);
      watch(
          "sidecar "
              + n
              + " Jolokia http://127.0.0.1:"
              + jolokia
              + "/jolokia/ ("
              + USER
              + "/"
              + PASSWORD
              + ")",
          () -> httpAnswers("http://127.0.0.1:" + jolokia + "/jolokia/version", true));
      watch(
          "sidecar "
              + n
              + " metrics http://127.0.0.1:"
              + http
              + "/metrics  health http://127.0.0.1:"
              + http
              + "/health",
          () -> httpAnswers("http://127.0.0.1:" + http + "/health", false));
    }
    watch(
        "sidecar 1 remote JMX " + jmxUrl() + " (" + USER + "/" + PASSWORD + ")",
        () -> tcpAnswers(ports.jmx()));
  }

  private void watch(String line, Supplier<Boolean> up) {
    Thread t =
        new Thread(
            () -> {
              long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
              while (System.currentTimeMillis() < deadline) {
                if (up.get()) {
                  out.println("  up: " + line);
                  return;
                }
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
              out.println("  NOT answering after " + READY_TIMEOUT_MS / 1000 + " s: " + line);
            },
            "vigil-demo-watch");
    t.setDaemon(true);
    t.start();
  }

  private static boolean tcpAnswers(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String jmxUrl() {
    return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + ports.jmx() + "/jmxrmi";
  }

  private String jconsoleCommand() {
    Path plugins =
        Paths.get(System.getProperty("vigil.demo.home", ".")).resolve("jconsole-plugins");
    Path target = plugins.resolve("target");
    String pluginPath = null;
    if (Files.isDirectory(target)) {
      // The shaded jar: the plain one lacks the jmx-mbeans interfaces the plugin proxies.
      try (DirectoryStream<Path> jars =
          Files.newDirectoryStream(target, "vigil-jconsole-plugin-*-jconsole.jar")) {
        for (Path jar : jars) {
          pluginPath = jar.toAbsolutePath().normalize().toString();
        }
      } catch (IOException e) {
        pluginPath = null;
      }
    }
    return "jconsole "
        + (pluginPath == null ? "" : "-pluginpath " + pluginPath + " ")
        + jmxUrl()
        + "      # login "
        + USER
        + "/"
        + PASSWORD
        + ", or without one: jconsole "
        + sidecars.get(0).pid();
  }

  private static boolean httpAnswers(String url, boolean auth) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      if (auth) {
        String credentials = USER + ":" + PASSWORD;
        c.setRequestProperty(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      }
      int code = c.getResponseCode();
      c.disconnect();
      return code == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until every sidecar names the same primary and knows both replicas and both peers. */
  private void awaitAgreement() {
    out.println("waiting for the sidecars to discover each other and agree on the primary...");
    for (int i = 0; i < NODES; i++) {
      int port = ports.sentinel().get(i);
      await(
          "sidecar " + port + " knows 2 replicas and 2 other sidecars",
          () -> {
            Map<String, String> m = masterInfo(port);
            return "2".equals(m.get("num-slaves")) && "2".equals(m.get("num-other-sentinels"));
          },
          sidecars.get(i));
    }
    await("the sidecars agree on the primary", () -> agreedPrimary() != null, sidecars.get(0));
    out.println("all " + NODES + " sidecars agree: primary is " + agreedPrimary());
  }

  /** The address every sidecar answers for the primary, or null while they differ. */
  String agreedPrimary() {
    Set<String> seen = new HashSet<>();
    for (int port : ports.sentinel()) {
      Object r = MiniResp.once(port, "SENTINEL", "get-master-addr-by-name", MASTER);
      if (!(r instanceof List<?> l) || l.size() != 2) {
        return null;
      }
      seen.add(l.get(0) + ":" + l.get(1));
    }
    return seen.size() == 1 ? seen.iterator().next() : null;
  }

  private static Map<String, String> masterInfo(int port) {
    Object r = MiniResp.once(port, "SENTINEL", "MASTER", MASTER);
    Map<String, String> m = new java.util.HashMap<>();
    if (r instanceof List<?> l) {
      for (int i = 0; i + 1 < l.size(); i += 2) {
        m.put(String.valueOf(l.get(i)), String.valueOf(l.get(i + 1)));
      }
    }
    return m;
  }

  private int checkFailover() throws IOException, InterruptedException {
    String before = agreedPrimary();
    try (MiniResp events = new MiniResp(ports.sentinel().get(1), 30_000)) {
      events.call("SUBSCRIBE", "+switch-master");
      long start = System.nanoTime();
      Object reply = null;
      // Right after discovery a replica may not be ranked yet (-NOGOODSLAVE): retry briefly.
      for (int attempt = 0; attempt < 50; attempt++) {
        reply = MiniResp.once(ports.sentinel().get(0), "SENTINEL", "FAILOVER", MASTER);
        if ("OK".equals(reply)) {
          break;
        }
        Thread.sleep(200);
      }
      if (!"OK".equals(reply)) {
        throw new IllegalStateException("SENTINEL FAILOVER answered " + reply);
      }
      Object message = events.read();
      long ms = (System.nanoTime() - start) / 1_000_000;
      out.println("event: " + message);
      await(
          "all sidecars answer the new primary",
          () -> {
            String now = agreedPrimary();
            return now != null && !now.equals(before);
          },
          sidecars.get(0));
      out.println(
          "OK: failover "
              + before
              + " -> "
              + agreedPrimary()
              + " (+switch-master after "
              + ms
              + " ms)");
      return 0;
    }
  }

  private int interactive() throws InterruptedException {
    out.println("Streaming events from sidecar 1 (Ctrl-C stops everything):");
    Thread t =
        new Thread(
            () -> {
              try (MiniResp events = new MiniResp(ports.sentinel().get(0), 0)) {
                events.call("PSUBSCRIBE", "*");
                DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
                while (true) {
                  Object m = events.read();
                  if (m instanceof List<?> l && l.size() == 4) {
                    out.println(LocalTime.now().format(f) + " " + l.get(2) + " " + l.get(3));
                  }
                }
              } catch (IOException e) {
                out.println("event stream ended: " + e.getMessage());
              }
            },
            "vigil-demo-events");
    t.setDaemon(true);
    t.start();
    new CountDownLatch(1).await();
    return 0;
  }

  private void await(String what, Supplier<Boolean> condition, ChildProcesses.Child owner) {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (!condition.get()) {
      if (!owner.process().isAlive()) {
        throw new IllegalStateException(
            owner.name()
                + " exited ("
                + owner.process().exitValue()
                + ") waiting for "
                + what
                + ":\n"
                + owner.logTail(20));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what);
      }
    }
  }

  private void printLogTails() {
    for (var s : sidecars) {
      System.err.println("--- " + s.name() + " (" + s.log() + ")\n" + s.logTail(15));
    }
  }

  private void stop() {
    children.stopAll();
    if (!check && dir != null) {
      out.println("stopped everything the demo started; logs stay in " + dir);
    }
  }
}
