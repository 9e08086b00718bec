package dev.vigil.runtime;

import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar vigil-sidecar.jar <sentinel.conf>}: runs a Sentinel-compatible sidecar from a
 * Sentinel config file until SIGTERM/SIGINT or {@code SHUTDOWN}. Exit codes as Sentinel's: 0 after
 * a clean shutdown, 1 when the config cannot be used or the port cannot be bound, 99 after a {@code
 * SENTINEL SIMULATE-FAILURE} crash.
 */
public final class Main {
  private Main() {}

  /** Set before {@code main} itself exits, so the shutdown hook keeps that exit code. */
  private static volatile boolean exitingFromMain;

  public static void main(String[] args) {
    int code = run(List.of(args), System.out, System.err);
    if (code >= 0) {
      exitingFromMain = true;
      System.exit(code);
    }
  }

  /** Runs the command line; returns the exit code, or -1 while the sidecar keeps running. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(usage());
      return 0;
    }
    if (args.contains("--version") || args.contains("-v")) {
      out.println(versionLine());
      return 0;
    }
    if (args.size() != 1 || args.get(0).startsWith("-")) {
      err.print(usage());
      return 1;
    }
    useUnpooledBuffersUnlessConfigured();
    // Netty's start-up (a third of the way to the port) overlaps reading the config and building
    // the engine; NettyStartup says why the two threads cannot deadlock.
    NettyStartup netty = NettyStartup.begin();
    ConfigFile config;
    try {
      config = ConfigFile.load(Path.of(args.get(0)), Version.VALKEY, Path.of("").toAbsolutePath());
    } catch (ConfigException e) {
      netty.discard();
      // Sentinel's fatal config report starts with an empty line.
      err.println();
      err.println(e.getMessage());
      return 1;
    }
    Sidecar sidecar;
    try {
      sidecar = Sidecar.create(config, netty);
    } catch (Exception e) {
      err.println("Vigil failed to start: " + e.getMessage());
      return 1;
    }
    // Registered before start: the Sentinel port opens before start() returns (the management
    // plane starts after it), and a SIGTERM from then on must shut down cleanly.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  boolean signalled = !exitingFromMain;
                  sidecar.close();
                  if (signalled) {
                    // Like Sentinel, a SIGTERM/SIGINT shutdown that went well exits with 0 (the
                    // JVM would report 143/130).
                    Runtime.getRuntime().halt(0);
                  }
                },
                "vigil-shutdown"));
    try {
      sidecar.start();
    } catch (Exception e) {
      err.println("Vigil failed to start: " + e.getMessage());
      return 1;
    }
    int exit = sidecar.exitRequested().join();
    if (exit == Sidecar.CRASH_EXIT_STATUS) {
      // A simulated crash is a crash: no config flush, no goodbye (Sentinel calls exit(99)).
      Runtime.getRuntime().halt(exit);
    }
    return exit;
  }

  /**
   * Netty's unpooled allocator unless {@code -Dio.netty.allocator.type} says otherwise. Sentinel
   * traffic is a few small messages per second per link, far from where pooling pays; the pooled
   * allocator's arenas and thread caches cost ~10 MB of resident memory per sidecar and ~45 classes
   * on the way to the open port. Set before Netty reads it (NettyStartup.begin).
   */
  private static void useUnpooledBuffersUnlessConfigured() {
    if (System.getProperty("io.netty.allocator.type") == null) {
      System.setProperty("io.netty.allocator.type", "unpooled");
    }
  }

  static String versionLine() {
    return "Vigil sidecar v="
        + Version.VIGIL
        + " (Sentinel-compatible with valkey "
        + Version.VALKEY
        + ", redis_version "
        + Version.REDIS
        + ")";
  }

  static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: java -jar vigil-sidecar.jar <sentinel.conf>",
        "       java -jar vigil-sidecar.jar --version",
        "       java -jar vigil-sidecar.jar --help",
        "",
        "Runs a Valkey Sentinel compatible high-availability sidecar. The config file uses",
        "Sentinel's format (sentinel monitor, down-after-milliseconds, ...) plus optional",
        "'vigil <key> <value>' lines, must be writable (the sidecar saves its state there),",
        "and is loaded exactly as Sentinel would: a bad line stops start-up with exit code 1.",
        "",
        "Stop with SIGTERM/SIGINT or the SHUTDOWN command.",
        "");
  }
}
