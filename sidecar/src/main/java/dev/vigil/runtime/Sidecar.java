package dev.vigil.runtime;

import dev.vigil.config.ConfigFile;
import dev.vigil.config.ServerOptions;
import dev.vigil.engine.Clock;
import dev.vigil.engine.EngineOptions;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.SentinelEvent.Level;
import dev.vigil.engine.Timing;
import dev.vigil.link.NettyTransport;
import dev.vigil.link.TransportOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
  private final ServerOptions server;
  private final SentinelLog log;
  private final PrintStream logStream;
  private final Clock clock = new SystemClock();
  private final EventFanout events;
  private EventLoopGroup io;
  private EngineLoop<SentinelEngine> loop;
  private NettyTransport transport;
  private Persistence persistence;

  private Sidecar(ConfigFile config, PrintStream logStream, boolean ownsLogStream) {
    this.config = config;
    this.server = config.loaded().server();
    this.logStream = ownsLogStream ? logStream : null;
    this.log = SentinelLog.forProcess(logStream, parseLevelOrNotice(server.loglevel()));
    this.events = new EventFanout(this::reportError);
    events.add(log);
  }

  /**
   * A sidecar logging where the config says: {@code logfile} (relative to {@code dir}), or standard
   * output when it is empty.
   */
  public static Sidecar create(ConfigFile config) throws IOException {
    ServerOptions server = config.loaded().server();
    if (server.logfile() == null || server.logfile().isEmpty()) {
      return new Sidecar(config, System.out, false);
    }
    Path file = Path.of(server.dir()).resolve(server.logfile());
    PrintStream out =
        new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
    return new Sidecar(config, out, true);
  }

  /** A sidecar logging to {@code out} (tests, embedding). */
  public static Sidecar create(ConfigFile config, PrintStream out) {
    return new Sidecar(config, out, false);
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
      log.notice("Running mode=sentinel, port=" + server.port() + ".");
      io = new NioEventLoopGroup(2, new DefaultThreadFactory("vigil-io", true));
      loop = EngineLoop.forSentinel(clock, this::onEngineError);
      transport = new NettyTransport(io, loop, TransportOptions.DEFAULTS);
      persistence = new Persistence(config, log);
      SentinelEngine engine =
          new SentinelEngine(
              config.loaded().state(),
              new EngineOptions(
                  server.requirepass(),
                  server.port(),
                  Timing.DEFAULTS,
                  config.loaded().vigil().fastFailover()),
              clock,
              new SplittableRandom(),
              transport,
              events,
              persistence);
      loop.start(engine);
      String myid = loop.submit(e -> e.state().myid()).get(5, TimeUnit.SECONDS);
      log.notice("Sentinel ID is " + myid);
      log.notice(
          "Ready to accept connections tcp (started in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)
              + " ms)");
    } catch (Exception | Error e) {
      close();
      throw e;
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

  /** Runs on the engine's thread (RESP SENTINEL handler, JMX). */
  public EngineLoop<SentinelEngine> engineLoop() {
    return loop;
  }

  public SentinelLog log() {
    return log;
  }

  private void onEngineError(Throwable error) {
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
    if (loop != null) {
      try {
        loop.submit(e -> persistence.save(e.state())).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warning("Could not flush the config at shutdown: " + e.getMessage());
      }
      loop.close();
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
