package dev.vigil.link;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import dev.vigil.engine.Outbox;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The engine's outbound transport over Netty: links to Valkey nodes and peer sentinels.
 *
 * <p>Per {@link Endpoint} there is a command link and, for data nodes, a pub/sub link subscribed to
 * {@code __sentinel__:hello}. All links and all of this class's state live on one event loop (the
 * engine calls {@link #send} from its own thread; the request is handed over to that loop), so
 * there is no thread per connection and no locking. Answers go to an {@link InboundSink}, never to
 * the engine directly.
 *
 * <p>Contract towards the engine (see {@link Outbound}):
 *
 * <ul>
 *   <li>{@code Connect} opens the links of the endpoint that are not open or opening; each one
 *       answers with {@link Inbound.LinkUp} or {@link Inbound.LinkDown}. {@code
 *       LinkSettings.clientName} is the common prefix: the links are named {@code <prefix>-cmd} and
 *       {@code <prefix>-pubsub}, as Sentinel names them.
 *   <li>Requests sent before the command link is up are written right after its handshake; requests
 *       for an endpoint without a command link are answered with {@link Inbound.CommandFailed} at
 *       once.
 *   <li>Every request gets exactly one answer with its id, unless its link goes down first: then
 *       the link's one {@link Inbound.LinkDown} stands for all its pending requests.
 *   <li>{@code Disconnect} is always answered by a {@link Inbound.LinkDown}, also when the link was
 *       not open.
 * </ul>
 *
 * Each link connects to {@code Connect.address()}, which the engine resolved for this connection
 * when the endpoint is named by host name ({@code resolve-hostnames yes}); links stay keyed by
 * endpoint, so a name whose address changed gets its new links under the same key. An address that
 * is still a name is resolved here, on the event loop (blocking).
 */
public final class NettyTransport implements Outbox, AutoCloseable {
  private record LinkKey(Endpoint endpoint, LinkType type) {}

  private final EventLoop loop;
  private final EventLoopGroup ownedGroup;
  private final Bootstrap bootstrap;
  private final InboundSink sink;
  private final TransportOptions options;
  private final Map<LinkKey, NodeLink> links = new HashMap<>();
  private boolean closed;

  /** A transport with its own single-threaded event loop. */
  public NettyTransport(InboundSink sink, TransportOptions options) {
    this(
        new NioEventLoopGroup(1, new DefaultThreadFactory("vigil-link", true)),
        true,
        sink,
        options);
  }

  /** A transport on one loop of {@code group} (an NIO group), which the caller owns. */
  public NettyTransport(EventLoopGroup group, InboundSink sink, TransportOptions options) {
    this(group, false, sink, options);
  }

  private NettyTransport(
      EventLoopGroup group, boolean owned, InboundSink sink, TransportOptions options) {
    this.loop = group.next();
    this.ownedGroup = owned ? group : null;
    this.sink = sink;
    this.options = options;
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeoutMs());
    if (options.sourceAddress() != null) {
      // bind-source-addr: Sentinel binds every outgoing connection to it (spec §6.2).
      bootstrap.localAddress(new java.net.InetSocketAddress(options.sourceAddress(), 0));
    }
  }

  @Override
  public void send(Outbound request) {
    try {
      loop.execute(() -> dispatch(request));
    } catch (RejectedExecutionException e) {
      // Shutting down: nobody is waiting for answers any more.
    }
  }

  private void dispatch(Outbound request) {
    if (closed) {
      return;
    }
    if (request instanceof Outbound.Connect c) {
      connect(c);
    } else if (request instanceof Outbound.Disconnect d) {
      disconnect(d);
    } else {
      NodeLink link = links.get(new LinkKey(request.endpoint(), LinkType.COMMAND));
      if (link == null) {
        NodeLink.answerNotConnected(request, sink);
      } else {
        link.send(request);
      }
    }
  }

  private void connect(Outbound.Connect request) {
    Endpoint endpoint = request.endpoint();
    open(endpoint, LinkType.COMMAND, request);
    if (endpoint.kind() == Endpoint.Kind.DATA) {
      open(endpoint, LinkType.PUBSUB, request);
    }
  }

  private void open(Endpoint endpoint, LinkType type, Outbound.Connect request) {
    LinkKey key = new LinkKey(endpoint, type);
    if (links.containsKey(key)) {
      return;
    }
    NodeLink link =
        new NodeLink(
            endpoint,
            request.address(),
            type,
            request.settings(),
            sink,
            options,
            l -> links.remove(key, l));
    links.put(key, link);
    link.open(bootstrap);
  }

  private void disconnect(Outbound.Disconnect request) {
    NodeLink link = links.get(new LinkKey(request.endpoint(), request.link()));
    if (link == null) {
      sink.deliver(new Inbound.LinkDown(request.endpoint(), request.link(), "not connected"));
    } else {
      link.close("closed by sentinel");
    }
  }

  /** Closes every link without reporting and, if this transport owns its loop, stops it. */
  @Override
  public void close() {
    try {
      loop.submit(
              () -> {
                closed = true;
                for (NodeLink link : new ArrayList<>(links.values())) {
                  link.closeSilently();
                }
              })
          .await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException e) {
      // The loop is already gone, and with it every link.
    }
    if (ownedGroup != null) {
      ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
    }
  }

  /** The endpoints with an open or opening link of {@code type}, for diagnostics and tests. */
  List<Endpoint> endpoints(LinkType type) throws InterruptedException {
    try {
      return loop.submit(
              () ->
                  links.keySet().stream()
                      .filter(k -> k.type() == type)
                      .map(LinkKey::endpoint)
                      .toList())
          .get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
