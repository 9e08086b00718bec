package dev.vigil.runtime;

import dev.vigil.config.ConfigFile;
import dev.vigil.config.ServerOptions;
import dev.vigil.engine.Clock;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.EngineSnapshot;
import dev.vigil.engine.FencingSettings;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.SimulatedCrash;
import dev.vigil.engine.Timing;
import dev.vigil.link.NettyTransport;
import dev.vigil.link.TransportOptions;
import dev.vigil.management.ManagementPlane;
import dev.vigil.management.SidecarManagement;
import dev.vigil.management.metrics.PingTimer;
import dev.vigil.resp.RespLimits;
import dev.vigil.server.RespServer;
import dev.vigil.server.ServerHooks;
import dev.vigil.server.ServerSettings;
import io.netty.channel.EventLoopGroup;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One running sidecar: the engine on its loop, the outbound transport, the Sentinel protocol
 * server, the log, wired from a loaded config file.
 *
 * <p>Lifecycle {@code NEW → STARTED → CLOSED} (compare-and-set; {@link #close} is idempotent and
 * safe from a shutdown hook). {@link #exitRequested()} completes with the process exit status the
 * sidecar asks for: 0 after {@code SHUTDOWN}, {@value #CRASH_EXIT_STATUS} after a {@code SENTINEL
 * SIMULATE-FAILURE} crash.
 */
public final class Sidecar implements AutoCloseable {
  /** Sentinel's {@code exit(99)} after a simulated crash. */
  public static final int CRASH_EXIT_STATUS = 99;

  /** The lifecycle states. */
  public enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final ConfigFile config;
  private final ServerOptions options;
  private final SentinelLog log;
  private final PrintStream logStream;
  private final Clock clock = new SystemClock();
  private final EventFanout events;
  private EventLoopGroup io;
  private EngineLoop<SentinelEngine> loop;
  private NettyTransport transport;
  private Persistence persistence;
  private StatusBoard status;
  private RespServer server;
  private volatile ManagementPlane management;
  private ScriptExecutor scripts;
  private final PingTimer pingTimer = new PingTimer(System::nanoTime);

  /**
   * Name resolution for {@code resolve-hostnames yes}: an IP literal, or null when the name does
   * not resolve. The engine asks it at instance creation and before every reconnection.
   */
  private final Function<String, String> resolver;

  /** Netty's start-up, begun early by {@link Main}; null: done inline by {@link #start}. */
  private NettyStartup netty;

  /** The server's event loops between taking them from {@link #netty} and handing them over. */
  private EventLoopGroup serverLoops;

  private Sidecar(
      ConfigFile config,
      PrintStream logStream,
      boolean ownsLogStream,
      Function<String, String> resolver) {
    this.config = config;
    this.resolver = resolver;
    this.options = config.loaded().server();
    this.logStream = ownsLogStream ? logStream : null;
    this.log = SentinelLog.forProcess(logStream, parseLevelOrNotice(options.loglevel()));
    this.events = new EventFanout(this::reportError);
    events.add(log);
  }

  /** Outgoing connections bound to {@code bind-source-addr} when the file sets it. */
  private TransportOptions transportOptions() {
    java.util.List<String> source = options.otherDirectives().get("bind-source-addr");
    return TransportOptions.DEFAULTS.withSourceAddress(
        source == null || source.isEmpty() ? null : source.get(0));
  }

  /**
   * A sidecar logging where the config says: {@code logfile} (relative to {@code dir}), or standard
   * output when it is empty.
   */
  public static Sidecar create(ConfigFile config) throws IOException {
    ServerOptions server = config.loaded().server();
    if (server.logfile() == null || server.logfile().isEmpty()) {
      return new Sidecar(config, System.out, false, new DnsResolver());
    }
    Path file = Path.of(server.dir()).resolve(server.logfile());
    PrintStream out =
        new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
    return new Sidecar(config, out, true, new DnsResolver());
  }

  /**
   * As {@link #create(ConfigFile)}, using the Netty start-up that {@link Main} began before it read
   * the config (the sidecar takes it over, also when this or {@link #start} fails).
   */
  static Sidecar create(ConfigFile config, NettyStartup netty) throws IOException {
    Sidecar sidecar;
    try {
      sidecar = create(config);
    } catch (IOException | RuntimeException e) {
      netty.discard();
      throw e;
    }
    sidecar.netty = netty;
    return sidecar;
  }

  /** A sidecar logging to {@code out} (tests, embedding). */
  public static Sidecar create(ConfigFile config, PrintStream out) {
    return create(config, out, new DnsResolver());
  }

  /**
   * A sidecar logging to {@code out} that resolves host names with {@code resolver} instead of the
   * system's DNS (tests: a name that appears or changes its address between connections).
   */
  public static Sidecar create(
      ConfigFile config, PrintStream out, Function<String, String> resolver) {
    return new Sidecar(config, out, false, resolver);
  }

  /** Starts every part; on failure everything started so far is closed again. */
  public void start() throws Exception {
    if (!state.compareAndSet(State.NEW, State.STARTED)) {
      throw new IllegalStateException("sidecar is " + state.get());
    }
    long startNanos = System.nanoTime();
    try {
      log.notice(
          "Vigil sidecar " + Version.VIGIL + " starting, pid " + ProcessHandle.current().pid());
      log.notice("Running mode=sentinel, port=" + options.port() + ".");
      if (options.daemonize()) {
        log.warning("daemonize yes is ignored: Vigil stays in the foreground (use a supervisor)");
      }
      writePidFile();
      // Up to netty.parts() below this thread touches no Netty class (see NettyStartup: that is
      // what keeps the two threads clear of class-initialisation deadlocks).
      if (netty == null) {
        netty = NettyStartup.inline();
      }
      loop = EngineLoop.forSentinel(clock, this::onEngineError, SimulatedCrash.class::isInstance);
      persistence = new Persistence(config, log);
      SentinelEngine engine =
          new SentinelEngine(
              config.loaded().state(),
              new EngineOptions(
                  options.requirepass(),
                  options.port(),
                  Timing.DEFAULTS,
                  config.loaded().vigil().failoverPacing()),
              clock,
              new SplittableRandom(),
              // The transport exists before loop.start(engine), the engine's first send.
              pingTimer.outbox(request -> transport.send(request)),
              events,
              persistence,
              resolver);
      persistence.logLevelFrom(engine::logLevel);
      Path dir = Path.of(options.dir());
      EngineLoop<SentinelEngine> engineLoop = loop;
      // Script events (-script-error, -script-timeout) reach the sinks on the engine thread, as
      // every other event does.
      scripts =
          new ScriptExecutor(
              clock,
              new ProcessLauncher(dir),
              event ->
                  engineLoop.submit(
                      e -> {
                        events.emit(event);
                        return null;
                      }),
              this::reportError);
      engine.setScriptRunner(scripts);
      engine.setFencing(
          new FencingSettings(
              config.loaded().vigil().node(),
              config.loaded().vigil().fencing(),
              config.loaded().vigil().fenceAfterMs()));
      engine.setExecutableCheck(path -> Files.isExecutable(dir.resolve(path)));
      status = new StatusBoard(engine.snapshot(), scripts);
      // Before the join: the SecureRandom's set-up (a few dozen JDK classes) is Netty-free, and the
      // start-up thread is the longer of the two.
      String runId = randomRunId();
      NettyStartup.Parts parts = netty.parts();
      io = parts.linkLoop();
      serverLoops = parts.serverLoops();
      transport = new NettyTransport(io, pingTimer.inbound(loop), transportOptions());
      // Built before the engine starts: the engine's first events are published through it.
      server = new RespServer(serverSettings(runId), hooks());
      events.add(EventFanout.publishing(server::publish));
      // The engine starts on its thread (myid, first config flush) while the server binds here;
      // commands arriving meanwhile wait in the loop's queue behind engine.start().
      loop.start(engine);
      // The Sentinel port opens before the management plane starts: clients and peers must not
      // wait for the platform MBeanServer, Jolokia and the HTTP endpoints (a third or more of the
      // start-up time; see docs/startup.md).
      EventLoopGroup loops = serverLoops;
      serverLoops = null;
      server.start(loops); // the server owns them now, also if this fails
      EngineSnapshot first = loop.submit(SentinelEngine::snapshot).get(10, TimeUnit.SECONDS);
      status.update(first);
      log.notice("Sentinel ID is " + first.myid());
      io.scheduleAtFixedRate(
          () -> loop.submit(SentinelEngine::snapshot).thenAccept(status::update),
          StatusBoard.REFRESH_MS,
          StatusBoard.REFRESH_MS,
          TimeUnit.MILLISECONDS);
      log.notice(
          "Ready to accept connections tcp (started in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)
              + " ms)");
      startManagement();
    } catch (Exception | Error e) {
      if (io == null && netty != null) {
        // Failed before taking over Netty's groups.
        netty.discard();
      }
      close();
      throw e;
    }
  }

  /**
   * JMX MBeans, Jolokia, metrics and health endpoints. Events emitted before this point (the
   * start-up {@code +monitor}s) are not JMX notifications, as before.
   */
  private void startManagement() {
    warnIfTheSentinelPortHasNoPassword();
    // The bound port: the default Jolokia port derives from it (and port 0 means "any" in tests).
    ManagementPlane plane =
        SidecarManagement.start(
            config.path(),
            config.loaded().vigil(),
            server.port(),
            loop::submit,
            clock,
            log::notice,
            log::warning);
    management = plane;
    events.add(plane.events());
    pingTimer.onRoundTrip(plane.metrics()::recordPing);
    if (state.get() == State.CLOSED) {
      // close() ran while the plane was starting and could not see it.
      plane.close();
    }
  }

  /**
   * The Sentinel port follows Sentinel's model: without {@code requirepass} or ACL users anyone who
   * reaches it may run every command, SENTINEL FAILOVER included (docs/security.md).
   */
  private void warnIfTheSentinelPortHasNoPassword() {
    if ((options.requirepass() == null || options.requirepass().isEmpty())
        && options.userDirectives().isEmpty()
        && (options.aclfile() == null || options.aclfile().isEmpty())) {
      log.warning(
          "The Sentinel port "
              + server.port()
              + " accepts every command without a password, as Sentinel does: set requirepass"
              + " or ACL users, or bind it to trusted addresses only (see docs/security.md).");
    }
  }

  public State state() {
    return state.get();
  }

  /** Completes with the exit status the sidecar asks the process for. */
  public CompletableFuture<Integer> exitRequested() {
    return exit;
  }

  /** Where management listeners subscribe to engine events. */
  public EventFanout events() {
    return events;
  }

  /** The port the Sentinel protocol server listens on. */
  public int port() {
    return server.port();
  }

  /** Runs on the engine's thread (RESP SENTINEL handler, JMX). */
  public EngineLoop<SentinelEngine> engineLoop() {
    return loop;
  }

  public SentinelLog log() {
    return log;
  }

  /** Valkey writes {@code pidfile} when one is configured; init scripts rely on it. */
  private void writePidFile() throws IOException {
    Path pidFile = pidFile();
    if (pidFile != null) {
      Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    }
  }

  private void deletePidFile() {
    Path pidFile = pidFile();
    if (pidFile != null) {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        log.warning("Could not remove the pid file " + pidFile + ": " + e.getMessage());
      }
    }
  }

  private Path pidFile() {
    String pidfile = options.pidfile();
    return pidfile == null || pidfile.isEmpty() ? null : Path.of(options.dir()).resolve(pidfile);
  }

  private ServerSettings serverSettings(String runId) {
    List<String> acl = new ArrayList<>();
    for (List<String> user : options.userDirectives()) {
      acl.add(String.join(" ", user));
    }
    List<String> compat = options.otherDirectives().get("extended-redis-compatibility");
    return new ServerSettings(
        bindAddresses(options.bind()),
        options.port(),
        options.requirepass(),
        acl,
        runId,
        Version.VALKEY,
        Version.REDIS,
        compat != null && !compat.isEmpty() && compat.get(0).equalsIgnoreCase("yes"),
        config.path().toString(),
        10_000, // Valkey's default maxclients
        RespLimits.VALKEY_DEFAULTS);
  }

  /**
   * Valkey's {@code bind} syntax for Java: {@code *} is every IPv4 address; entries marked optional
   * with a leading {@code -} are skipped when they are wildcards ({@code -::*}), since Java cannot
   * bind {@code ::} beside {@code 0.0.0.0} on the same port.
   */
  static List<String> bindAddresses(List<String> bind) {
    List<String> out = new ArrayList<>();
    for (String b : bind) {
      boolean optional = b.startsWith("-");
      String address = optional ? b.substring(1) : b;
      if (address.equals("*")) {
        out.add("0.0.0.0");
      } else if (address.equals("::*")) {
        if (!optional) {
          out.add("::");
        }
      } else {
        out.add(address);
      }
    }
    return out.isEmpty() ? List.of("0.0.0.0") : out;
  }

  /**
   * INFO's {@code run_id}: 40 hex digits, per process as in Valkey (distinct from the persisted
   * {@code myid}), from a {@link SecureRandom} like Valkey's {@code getRandomHexChars}.
   */
  static String randomRunId() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    StringBuilder id = new StringBuilder(40);
    for (byte b : bytes) {
      id.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return id.toString();
  }

  private ServerHooks hooks() {
    return new ServerHooks(
        new SentinelCommands(loop, persistence, status, scripts),
        status,
        payload ->
            loop.submit(
                e -> {
                  e.processHello(payload);
                  return null;
                }),
        () -> exit.complete(0));
  }

  private void onEngineError(Throwable error) {
    if (error instanceof SimulatedCrash) {
      log.warning(SimulatedCrash.LOG_LINE);
      exit.complete(CRASH_EXIT_STATUS);
      return;
    }
    reportError(error);
  }

  private void reportError(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    log.warning("Internal error: " + trace);
  }

  /**
   * Clean shutdown: stop accepting clients, flush the config, close the links, say goodbye as
   * Sentinel does.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    if (previous == State.STARTED) {
      log.warning("User requested shutdown...");
    }
    if (server != null) {
      server.close();
    }
    if (serverLoops != null) {
      serverLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
    if (management != null) {
      management.close();
    }
    if (loop != null) {
      try {
        loop.submit(SentinelEngine::flushConfig).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warning("Could not flush the config at shutdown: " + e.getMessage());
      }
      loop.close();
    }
    if (scripts != null) {
      scripts.close();
    }
    if (transport != null) {
      transport.close();
    }
    if (io != null) {
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
    if (previous == State.STARTED) {
      log.warning("Sentinel is now ready to exit, bye bye...");
    }
    deletePidFile();
    exit.complete(0);
    if (logStream != null) {
      logStream.close();
    }
  }

  private static Level parseLevelOrNotice(String level) {
    try {
      return SentinelLog.parseLevel(level == null ? "notice" : level);
    } catch (IllegalArgumentException e) {
      return Level.NOTICE;
    }
  }
}
