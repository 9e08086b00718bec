package dev.vigil.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sidecar's Netty start-up work, begun on a thread of its own so that it overlaps what the main
 * thread does meanwhile (parsing the config, building the log, the engine loop, the engine, the
 * script runner and INFO's run id). Netty's one-time work, about 300 classes loaded, linked and
 * initialised (its platform probes, the event loop groups and their selectors, the channel,
 * pipeline and bootstrap classes, the buffer allocator, the channel id's machine id), was roughly a
 * third of the main thread's time from {@code main} to an open port. See docs/startup.md for the
 * figures.
 *
 * <p><b>Why two threads here cannot deadlock in class initialisation.</b> A class-init deadlock
 * needs two threads that each hold the initialisation lock of one class while waiting for the
 * other's, i.e. both threads initialising classes of the same tangled set (Netty's static
 * initialisers reference each other: {@code PlatformDependent}, {@code InternalLoggerFactory},
 * {@code SystemPropertyUtil}, ...). Here only the start-up thread initialises Netty classes until
 * the main thread has {@linkplain #parts() joined} it: before that the main thread runs only code
 * that touches no Netty class (the config parser, the log, the engine and its loop are Netty-free;
 * {@code NettyStartupTest} checks that with ArchUnit), and {@link Sidecar#start} joins before it
 * builds the transport or the server. (Loading or verifying a class is not initialising it, and the
 * application class loader loads classes in parallel safely.) The JDK classes that both threads
 * initialise (e.g. {@code java.nio} selectors, {@code java.util.concurrent}) have no cycles back
 * into Netty or Vigil.
 *
 * <p>Ownership: the groups belong to whoever {@linkplain #parts() joins}; a start-up that fails
 * before that calls {@link #discard}, which shuts them down once they exist.
 */
final class NettyStartup {
  /** What the start-up thread built. */
  record Parts(EventLoopGroup linkLoop, EventLoopGroup serverLoops) {}

  private final CompletableFuture<Parts> parts = new CompletableFuture<>();

  private NettyStartup() {}

  /** Starts the work on a daemon thread and returns at once. */
  static NettyStartup begin() {
    NettyStartup startup = new NettyStartup();
    Thread thread = new Thread(startup::run, "vigil-netty-start");
    thread.setDaemon(true);
    thread.start();
    return startup;
  }

  /** Does the work on the calling thread (embedding and tests, where overlap does not matter). */
  static NettyStartup inline() {
    NettyStartup startup = new NettyStartup();
    startup.run();
    return startup;
  }

  private void run() {
    try {
      // Before any Netty class looks for a logger: Netty would otherwise probe SLF4J, which the
      // executable jar binds to java.util.logging anyway (slf4j-jdk14), so logging directly to
      // java.util.logging is the same output without loading SLF4J on the way to the port.
      InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
      EventLoopGroup link = new NioEventLoopGroup(1, new DefaultThreadFactory("vigil-link", true));
      // Sentinel traffic is tiny: two event loops accept and serve every connection.
      EventLoopGroup server =
          new NioEventLoopGroup(2, new DefaultThreadFactory("vigil-resp", true));
      // Class initialisation: the bootstraps' reflective channel factories and channel classes,
      // and the allocator every channel uses.
      new ServerBootstrap().channel(NioServerSocketChannel.class);
      new Bootstrap().channel(NioSocketChannel.class);
      ByteBufAllocator.DEFAULT.toString();
      // The classes the server's bind goes through (channel, pipeline, config, unsafe): a server
      // channel opened and closed again, never registered or bound.
      new NioServerSocketChannel().unsafe().closeForcibly();
      // The JDK's annotation parser, which the pipeline's @Sharable check starts on first use.
      ChannelInitializer.class.isAnnotationPresent(ChannelHandler.Sharable.class);
      parts.complete(new Parts(link, server));
    } catch (Throwable t) {
      parts.completeExceptionally(t);
    }
  }

  /**
   * Waits for the start-up thread and hands its groups to the caller, who from then on owns them.
   *
   * @throws IllegalStateException if Netty could not start (the cause says why)
   */
  Parts parts() {
    try {
      return parts.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IllegalStateException("Netty could not start: " + e.getCause(), e.getCause());
    }
  }

  /** For a start-up that ends before {@link #parts()}: stops the groups once they exist. */
  void discard() {
    parts.thenAccept(
        p -> {
          p.linkLoop().shutdownGracefully(0, 0, TimeUnit.SECONDS);
          p.serverLoops().shutdownGracefully(0, 0, TimeUnit.SECONDS);
        });
  }
}
