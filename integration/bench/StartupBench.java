import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time of the sidecar: from exec of {@code java -jar vigil-sidecar.jar <conf>} until the
 * Sentinel port accepts a connection, and until it answers PING. Run with the JDK's source
 * launcher (no build step beyond the shaded jar):
 *
 * <pre>
 * mvn -B -q -pl sidecar -am package -DskipTests
 * java [-Dextra.flags='-XX:SharedArchiveFile=vigil.jsa'] [-Dvariants='plain java -jar'] \\
 *     integration/bench/StartupBench.java sidecar/target/vigil-sidecar.jar[,other.jar] [runs] [java]
 * </pre>
 *
 * For each variant (JVM flags x management plane on/off) it starts the jar {@code runs} times on
 * loopback with a fresh config, prints median/min/max in ms, and stops each process (SIGTERM) before
 * the next. {@code -Dvariants=TEXT} keeps only the variants whose name contains TEXT (e.g. {@code
 * 'plain java -jar, management off'}). Figures only: it asserts nothing.
 */
public class StartupBench {
  record Variant(String name, Path jar, List<String> jvmFlags, boolean management) {}

  public static void main(String[] args) throws Exception {
    // One jar, or several separated by commas to compare builds run by run (e.g. before/after).
    List<Path> jars = new ArrayList<>();
    for (String j : (args.length > 0 ? args[0] : "sidecar/target/vigil-sidecar.jar").split(",")) {
      Path jar = Path.of(j).toAbsolutePath();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no jar at " + jar + ": build it first");
      }
      jars.add(jar);
    }
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String java =
        args.length > 2
            ? args[2]
            : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> plain = List.of();
    List<String> quick = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    String extra = System.getProperty("extra.flags");
    List<Variant> variants = new ArrayList<>();
    for (Path jar : jars) {
      String prefix = jars.size() > 1 ? jar.getFileName() + ": " : "";
      variants.add(new Variant(prefix + "plain java -jar, management off", jar, plain, false));
      variants.add(new Variant(prefix + "plain java -jar, management on", jar, plain, true));
      variants.add(new Variant(prefix + "C1 only + SerialGC, management off", jar, quick, false));
      variants.add(new Variant(prefix + "C1 only + SerialGC, management on", jar, quick, true));
      if (extra != null) {
        // e.g. an AppCDS archive or AOT cache made by the same JDK from this jar (see docs/startup.md).
        List<String> withExtra = new ArrayList<>(quick);
        withExtra.addAll(Arrays.asList(extra.trim().split("\\s+")));
        variants.add(new Variant(prefix + "C1 + SerialGC + extra, mgmt off", jar, withExtra, false));
        variants.add(new Variant(prefix + "C1 + SerialGC + extra, mgmt on", jar, withExtra, true));
      }
    }
    String only = System.getProperty("variants");
    if (only != null) {
      variants.removeIf(v -> !v.name().contains(only));
    }
    System.out.println("java: " + java + "  jars: " + jars + "  runs per variant: " + runs);
    System.out.println("cores: " + Runtime.getRuntime().availableProcessors()
        + "  load: " + Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.println("extra flags: " + (extra == null ? "none" : extra));
    System.out.printf(
        "%-48s %18s %18s %18s %18s%n",
        "variant", "port open ms", "first PONG ms", "'started in' ms", "CPU ms to PONG");
    // Variants take turns run by run, so changing machine load hits them all alike.
    long[][][] results = new long[variants.size()][4][runs];
    for (int i = 0; i < runs; i++) {
      for (int k = 0; k < variants.size(); k++) {
        long[] r = once(java, variants.get(k));
        for (int m = 0; m < 4; m++) {
          results[k][m][i] = r[m];
        }
      }
    }
    for (int k = 0; k < variants.size(); k++) {
      System.out.printf(
          "%-48s %18s %18s %18s %18s%n",
          variants.get(k).name(),
          stats(results[k][0]),
          stats(results[k][1]),
          stats(results[k][2]),
          stats(results[k][3]));
    }
  }

  static String stats(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2] + " [" + s[0] + ".." + s[s.length - 1] + "]";
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** One start: {port open, first PONG, the sidecar's own "started in" figure} in ms. */
  static long[] once(String java, Variant v) throws Exception {
    Path dir = Files.createTempDirectory("vigil-startup");
    int port = freePort();
    StringBuilder conf = new StringBuilder();
    conf.append("port ").append(port).append("\nbind 127.0.0.1\n");
    conf.append("sentinel monitor mymaster 127.0.0.1 ").append(freePort()).append(" 2\n");
    if (v.management()) {
      conf.append("vigil jolokia-port ").append(freePort()).append('\n');
      conf.append("vigil http-port ").append(freePort()).append('\n');
    } else {
      conf.append("vigil jolokia-port 0\n");
    }
    Path confFile = dir.resolve("sentinel.conf");
    Files.writeString(confFile, conf);
    Path log = dir.resolve("out.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(v.jvmFlags());
    cmd.add("-jar");
    cmd.add(v.jar().toString());
    cmd.add(confFile.toString());
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
    try {
      long open = -1;
      long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
      while (open < 0) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          throw new IllegalStateException("sidecar did not open its port: " + Files.readString(log));
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
          open = System.nanoTime() - t0;
          s.setSoTimeout(10_000);
          OutputStream out = s.getOutputStream();
          out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          InputStream in = s.getInputStream();
          byte[] buf = new byte[7];
          int n = 0;
          while (n < 7) {
            int r = in.read(buf, n, 7 - n);
            if (r < 0) {
              throw new IllegalStateException("connection closed before PONG");
            }
            n += r;
          }
          long pong = System.nanoTime() - t0;
          long cpu = cpuMillis(p.pid());
          if (!new String(buf, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
            throw new IllegalStateException("unexpected reply " + new String(buf, StandardCharsets.US_ASCII));
          }
          long inside = awaitStartedIn(log);
          return new long[] {open / 1_000_000, pong / 1_000_000, inside, cpu};
        } catch (java.net.ConnectException | java.net.SocketTimeoutException e) {
          Thread.sleep(1);
        }
      }
      throw new AssertionError();
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * utime + stime of the whole JVM (all threads) so far, from /proc: the work start-up took,
   * independent of how busy the machine is (10 ms resolution).
   */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of stat(5); f[0] is field 3.
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  /** The sidecar logs "Ready to accept connections tcp (started in N ms)". */
  static long awaitStartedIn(Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log);
      int i = text.indexOf("(started in ");
      if (i >= 0) {
        int end = text.indexOf(" ms)", i);
        return Long.parseLong(text.substring(i + "(started in ".length(), end));
      }
      Thread.sleep(5);
    }
    return -1;
  }
}
