package dev.vigil.link;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.LinkSettings;
import dev.vigil.engine.LinkType;
import dev.vigil.engine.Outbound;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection to an endpoint, made to the address the engine chose for it: the command link or a
 * data node's pub/sub link. Every method runs on the transport's event loop, so the state needs no
 * locking.
 *
 * <p>Lifecycle: {@link #open} connects; once the socket is up the handshake ({@code AUTH}, {@code
 * CLIENT SETNAME}, and {@code SUBSCRIBE __sentinel__:hello} on a pub/sub link) is written without
 * waiting for replies, {@link Inbound.LinkUp} is delivered, and requests queued meanwhile are
 * written. Replies are matched to requests through a FIFO (RESP answers in order). The link ends
 * exactly once, with one {@link Inbound.LinkDown}; requests still pending then get no answer of
 * their own.
 */
final class NodeLink {
  /** A command written and not yet answered; {@code request == null} means the reply is dropped. */
  private static final class Pending {
    final Outbound request;
    final long deadlineNanos;
    boolean settled;

    Pending(Outbound request, long deadlineNanos) {
      this.request = request;
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final Endpoint endpoint;
  private final String address;
  private final LinkType type;
  private final LinkSettings settings;
  private final InboundSink sink;
  private final TransportOptions options;
  private final Consumer<NodeLink> onDown;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final List<Outbound> beforeActive = new ArrayList<>();
  private Channel channel;
  private boolean active;
  private boolean down;
  private boolean silent;
  private String closeReason;
  private ScheduledFuture<?> timeoutTask;

  NodeLink(
      Endpoint endpoint,
      String address,
      LinkType type,
      LinkSettings settings,
      InboundSink sink,
      TransportOptions options,
      Consumer<NodeLink> onDown) {
    this.endpoint = endpoint;
    this.address = address;
    this.type = type;
    this.settings = settings;
    this.sink = sink;
    this.options = options;
    this.onDown = onDown;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  LinkType type() {
    return type;
  }

  void open(Bootstrap bootstrap) {
    ChannelFuture connect =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast("decoder", new RespReplyDecoder())
                        .addLast("encoder", RespCommandEncoder.INSTANCE)
                        .addLast("link", new Handler());
                  }
                })
            .connect(address, endpoint.port());
    channel = connect.channel();
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            markDown(describe(f.cause()));
          }
        });
    channel.closeFuture().addListener(f -> markDown(closeReason == null ? "closed" : closeReason));
  }

  /** Queues or writes one request; only called for command links. */
  void send(Outbound request) {
    if (down) {
      answerNotConnected(request, sink);
      return;
    }
    if (!active) {
      beforeActive.add(request);
      return;
    }
    write(request);
  }

  /** Closes the link; {@link Inbound.LinkDown} follows with {@code reason}. */
  void close(String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    if (channel != null) {
      channel.close();
    }
  }

  /** Closes without reporting: the transport is shutting down. */
  void closeSilently() {
    silent = true;
    close("transport closed");
  }

  static void answerNotConnected(Outbound request, InboundSink sink) {
    if (ReplyMapper.expectsAnswer(request)) {
      sink.deliver(
          new Inbound.CommandFailed(
              request.endpoint(), ReplyMapper.idOf(request), "link is not connected"));
    }
  }

  private void onActive() {
    active = true;
    for (List<String> line : WireCommands.handshake(settings, type)) {
      writeLine(line, null);
    }
    if (type == LinkType.PUBSUB) {
      // No pending entry: its confirmation and the messages after it are pushes (see onReply).
      channel.write(
          new RespCommandEncoder.Command(WireCommands.subscribeHello(settings.renamedCommands())));
    }
    channel.flush();
    sink.deliver(new Inbound.LinkUp(endpoint, type, localIp()));
    for (Outbound request : beforeActive) {
      write(request);
    }
    beforeActive.clear();
  }

  private String localIp() {
    if (channel.localAddress() instanceof InetSocketAddress local) {
      return IpText.of(local.getAddress());
    }
    return "";
  }

  private void write(Outbound request) {
    List<List<String>> lines = WireCommands.forRequest(request, settings.renamedCommands());
    if (request instanceof Outbound.ReplicaOf || request instanceof Outbound.Demote) {
      // Sentinel ignores the transaction's replies and watches INFO for the effect: its CLIENT
      // KILL TYPE normal closes this very connection, and EXEC's reply may never arrive.
      Inbound written =
          request instanceof Outbound.ReplicaOf r
              ? new Inbound.ReplicaOfQueued(endpoint, r.id())
              : new Inbound.FenceApplied(endpoint, ((Outbound.Demote) request).id());
      ChannelFuture last = null;
      for (List<String> line : lines) {
        last = writeLine(line, null);
      }
      channel.flush();
      last.addListener(
          f -> {
            if (f.isSuccess()) {
              sink.deliver(written);
            } else {
              close("write failed: " + describe(f.cause()));
            }
          });
      return;
    }
    // A request of several commands (the fence's CONFIG SET + CONFIG REWRITE) is answered by the
    // first one's reply.
    for (int i = 0; i < lines.size(); i++) {
      boolean answers = i == 0 && ReplyMapper.expectsAnswer(request);
      writeLine(lines.get(i), answers ? request : null);
    }
    channel.flush();
  }

  private ChannelFuture writeLine(List<String> line, Outbound answeredRequest) {
    Pending entry =
        new Pending(
            answeredRequest,
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.commandTimeoutMs()));
    pending.add(entry);
    if (answeredRequest != null) {
      armTimeout();
    }
    return channel.write(new RespCommandEncoder.Command(line));
  }

  private void onReply(RespReply reply) {
    Pending entry = pending.poll();
    if (entry != null) {
      if (entry.request != null && !entry.settled) {
        entry.settled = true;
        sink.deliver(ReplyMapper.answer(entry.request, reply));
      }
      return;
    }
    if (type == LinkType.COMMAND) {
      close("unexpected reply without a request: " + RespReply.describe(reply));
      return;
    }
    onPush(reply);
  }

  /** Pub/sub traffic after the handshake replies: the SUBSCRIBE confirmation, then messages. */
  private void onPush(RespReply reply) {
    if (reply instanceof RespReply.Error error) {
      // hiredis has no callback for an error in subscribed mode and drops the connection.
      close("SUBSCRIBE failed: " + error.text());
      return;
    }
    if (reply instanceof RespReply.Array array
        && array.elements() != null
        && array.elements().size() == 3
        && array.elements().get(0) instanceof RespReply.Bulk kind
        && "message".equals(kind.text())
        && array.elements().get(2) instanceof RespReply.Bulk payload
        && payload.text() != null) {
      sink.deliver(new Inbound.HelloMessage(endpoint, payload.text()));
    }
  }

  private void armTimeout() {
    if (timeoutTask == null) {
      timeoutTask =
          channel
              .eventLoop()
              .schedule(this::expireOverdue, options.commandTimeoutMs(), TimeUnit.MILLISECONDS);
    }
  }

  /** Answers overdue requests with CommandFailed; their late replies will be dropped. */
  private void expireOverdue() {
    timeoutTask = null;
    if (down) {
      return;
    }
    long now = System.nanoTime();
    for (Pending entry : pending) {
      if (entry.request == null || entry.settled) {
        continue;
      }
      if (entry.deadlineNanos - now > 0) {
        timeoutTask =
            channel
                .eventLoop()
                .schedule(this::expireOverdue, entry.deadlineNanos - now, TimeUnit.NANOSECONDS);
        return;
      }
      entry.settled = true;
      sink.deliver(
          new Inbound.CommandFailed(
              endpoint,
              ReplyMapper.idOf(entry.request),
              "timeout: no reply within " + options.commandTimeoutMs() + " ms"));
    }
  }

  private void markDown(String reason) {
    if (down) {
      return;
    }
    down = true;
    active = false;
    if (timeoutTask != null) {
      timeoutTask.cancel(false);
      timeoutTask = null;
    }
    pending.clear();
    beforeActive.clear();
    onDown.accept(this);
    if (!silent) {
      sink.deliver(new Inbound.LinkDown(endpoint, type, reason));
    }
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown error";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  /** The pipeline's last handler: forwards socket events to the link. */
  private final class Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      onActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!down) {
        onReply((RespReply) msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      close(describe(cause));
    }
  }
}
