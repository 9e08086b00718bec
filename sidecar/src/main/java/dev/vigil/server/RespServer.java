package dev.vigil.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Sentinel protocol server: listens on the configured addresses and serves the sentinel command
 * set over RESP2/RESP3 on a small Netty event loop (no thread per connection).
 *
 * <p>Lifecycle {@code NEW → STARTED → CLOSED}, each step once ({@link #start}, {@link #close}).
 * {@link #publish} delivers an event to channel and pattern subscribers from any thread.
 */
public final class RespServer implements AutoCloseable {
  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final ServerContext server;
  private final CommandDispatcher dispatcher;
  private final ConnectionSetup connections;
  private final List<Channel> listeners = new ArrayList<>();
  private EventLoopGroup eventLoops;

  /**
   * @throws IllegalArgumentException if an ACL {@code user} line is invalid
   */
  public RespServer(ServerSettings settings, ServerHooks hooks) {
    this.server = new ServerContext(settings, hooks, System::currentTimeMillis);
    this.dispatcher = new CommandDispatcher(server);
    this.connections = new ConnectionSetup(server, dispatcher);
  }

  /**
   * Binds every configured address (all on the same port; with port 0 the first bind picks it).
   *
   * @throws IllegalStateException if already started or closed
   * @throws java.io.UncheckedIOException-like {@link RuntimeException} if an address can't be
   *     bound; nothing stays bound then
   */
  public RespServer start() throws InterruptedException {
    // Sentinel traffic is tiny: two event loops accept and serve every connection.
    return start(new NioEventLoopGroup(2, new DefaultThreadFactory("vigil-resp", true)));
  }

  /**
   * As {@link #start()}, on {@code loops} (an NIO group made ahead, e.g. while the sidecar was
   * still starting), which the server owns from now on: {@link #close} shuts it down.
   */
  public RespServer start(EventLoopGroup loops) throws InterruptedException {
    if (!state.compareAndSet(State.NEW, State.STARTED)) {
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IllegalStateException("server is " + state.get());
    }
    eventLoops = loops;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(eventLoops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 511)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            // Valkey's pubsub output limit is 32 MB hard; past it a subscriber is dropped.
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(8 * 1024 * 1024, 32 * 1024 * 1024))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.setUp(ch);
                  }
                });
    int port = server.settings.port();
    try {
      for (String address : server.settings.bindAddresses()) {
        InetSocketAddress bindTo = new InetSocketAddress(InetAddress.getByName(address), port);
        Channel ch = bootstrap.bind(bindTo).sync().channel();
        listeners.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        server.listeners.add(bound);
        port = bound.getPort();
      }
    } catch (InterruptedException e) {
      close();
      throw e;
    } catch (Exception e) {
      close();
      throw new IllegalStateException(
          "could not bind "
              + server.settings.bindAddresses()
              + " port "
              + server.settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.tcpPort();
  }

  public List<InetSocketAddress> boundAddresses() {
    return List.copyOf(server.listeners);
  }

  /**
   * Publishes a message as Sentinel's pubsubPublishMessage does: to subscribers of the channel and
   * of every matching pattern. Safe from any thread.
   *
   * @return how many subscriptions received it
   */
  public int publish(String channel, String message) {
    return server.pubSub.publish(channel, message);
  }

  /** Number of connected clients. */
  public int connectedClients() {
    return server.clients.count();
  }

  /** Stops listening, closes every connection and stops the event loops. Idempotent. */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    for (Channel ch : listeners) {
      ch.close().awaitUninterruptibly();
    }
    for (ClientSession c : server.clients.all()) {
      c.channel().close();
    }
    if (eventLoops != null) {
      eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }
}
