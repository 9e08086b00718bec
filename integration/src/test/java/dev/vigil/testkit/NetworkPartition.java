package dev.vigil.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real network partition between two groups of loopback aliases (e.g. {@code 127.0.0.11} against
 * {@code 127.0.0.12, 127.0.0.13}): nftables rules that drop every packet from one group to the
 * other, as a switch failure would (no RST, no ICMP: connections just go silent). Everything else
 * on the machine, 127.0.0.1 included, is untouched, so the test keeps watching both sides.
 *
 * <p>The rules live in a table of this JVM's own ({@code inet vigil_partition_<pid>}): {@link
 * #heal()} and {@link #close()} delete it, a shutdown hook deletes it if the JVM ends first, and
 * {@link #cut} first deletes tables left behind by JVMs that no longer run. Needs root and the
 * {@code nft} tool (CI installs nftables and runs as root); {@link #unavailableReason()} says why
 * not otherwise, for a clear skip.
 */
public final class NetworkPartition implements AutoCloseable {
  private static final String PREFIX = "vigil_partition_";
  private static final String TABLE = PREFIX + ProcessHandle.current().pid();

  private final Thread hook = new Thread(NetworkPartition::deleteOwnTableQuietly, "nft-cleanup");
  private boolean active;

  private NetworkPartition() {}

  /** Null if partitions can be made here, else why not (for an assumption's message). */
  public static String unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "a network partition needs root (nftables rules); running as "
          + System.getProperty("user.name");
    }
    try {
      Result r = nft("list tables\n");
      if (r.exit != 0) {
        return "nft cannot list tables here (exit " + r.exit + "): " + r.output.strip();
      }
    } catch (IOException e) {
      return "the nft tool is missing (apt-get install nftables): " + e.getMessage();
    }
    return null;
  }

  /** Drops all traffic between {@code sideA} and {@code sideB} (IPv4 literals) until healed. */
  public static NetworkPartition cut(List<String> sideA, List<String> sideB) {
    removeStaleTables();
    NetworkPartition p = new NetworkPartition();
    Runtime.getRuntime().addShutdownHook(p.hook);
    String a = "{ " + String.join(", ", sideA) + " }";
    String b = "{ " + String.join(", ", sideB) + " }";
    String rules =
        "table inet "
            + TABLE
            + " {\n"
            + "  chain out {\n"
            + "    type filter hook output priority 0; policy accept;\n"
            + "    ip saddr "
            + a
            + " ip daddr "
            + b
            + " drop\n"
            + "    ip saddr "
            + b
            + " ip daddr "
            + a
            + " drop\n"
            + "  }\n"
            + "}\n";
    run(rules);
    p.active = true;
    KitLog.info("partition: cut " + a + " from " + b + " (nft table " + TABLE + ")");
    return p;
  }

  /** Deletes the rules; traffic flows again. Idempotent. */
  public void heal() {
    if (!active) {
      return;
    }
    run("delete table inet " + TABLE + "\n");
    active = false;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs and finds nothing to delete
    }
    KitLog.info("partition: healed (nft table " + TABLE + " deleted)");
  }

  @Override
  public void close() {
    heal();
  }

  private static void deleteOwnTableQuietly() {
    try {
      nft("delete table inet " + TABLE + "\n");
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }

  /** Tables of this kind whose JVM is gone (killed before its cleanup ran). */
  private static void removeStaleTables() {
    try {
      for (String line : nft("list tables\n").output.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 3 && f[0].equals("table") && f[2].startsWith(PREFIX)) {
          long pid = Long.parseLong(f[2].substring(PREFIX.length()));
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
          nft("delete table " + f[1] + " " + f[2] + "\n");
          KitLog.info("partition: removed stale nft table " + f[2]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      KitLog.info("partition: could not check for stale nft tables: " + e);
    }
  }

  private static void run(String script) {
    try {
      Result r = nft(script);
      if (r.exit != 0) {
        throw new IllegalStateException("nft failed (exit " + r.exit + "): " + r.output + script);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run nft: " + e.getMessage(), e);
    }
  }

  private record Result(int exit, String output) {}

  /** Runs {@code nft -f -} with {@code script} on standard input. */
  private static Result nft(String script) throws IOException {
    Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
    try {
      p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("nft did not finish within 10 s");
      }
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
