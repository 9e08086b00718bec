package dev.vigil.server;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespInbound;
import dev.vigil.resp.RespValue;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;

/**
 * Runs one connection's requests in order and writes their replies in order.
 *
 * <p>Most commands answer at once. A SENTINEL subcommand may answer later (the engine runs on its
 * own thread); until it does, the following requests of this connection wait in a queue and reading
 * from the socket is paused, so pipelined replies never overtake each other. A protocol error is
 * answered after the replies before it, then the connection is closed, as Valkey does.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private final ServerContext server;
  private final CommandDispatcher dispatcher;
  private final ClientSession session;
  private final ArrayDeque<RespInbound> pending = new ArrayDeque<>();
  private boolean waitingForReply;
  private boolean closing;

  ConnectionHandler(ServerContext server, CommandDispatcher dispatcher, ClientSession session) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RespInbound inbound) {
      pending.add(inbound);
      drain(ctx);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void drain(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!waitingForReply && !closing && !pending.isEmpty()) {
      RespInbound next = pending.poll();
      if (next instanceof RespInbound.ProtocolError error) {
        closing = true;
        pending.clear();
        server.stats.errorReplies.incrementAndGet();
        ctx.writeAndFlush(Resp.error(error.message())).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      CommandCall call = dispatcher.dispatch(session, (RespInbound.Request) next);
      if (call.deferred() != null) {
        waitingForReply = true;
        ctx.channel().config().setAutoRead(false);
        call.deferred()
            .whenComplete(
                (value, failure) ->
                    ctx.executor().execute(() -> deferredReplyArrived(ctx, call, value, failure)));
      } else {
        wrote |= write(ctx, call, null);
      }
    }
    if (wrote) {
      ctx.flush();
    }
  }

  private void deferredReplyArrived(
      ChannelHandlerContext ctx, CommandCall call, RespValue value, Throwable failure) {
    RespValue reply = value;
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      reply = Resp.error(String.valueOf(cause == null ? failure : cause.getMessage()));
    }
    waitingForReply = false;
    if (write(ctx, call, reply)) {
      ctx.flush();
    }
    if (ctx.channel().isActive() && !closing) {
      ctx.channel().config().setAutoRead(true);
      drain(ctx);
    }
  }

  /** Writes a call's replies (without flushing); returns whether anything was written. */
  private boolean write(ChannelHandlerContext ctx, CommandCall call, RespValue deferredReply) {
    boolean wrote = false;
    if (!call.suppressed()) {
      for (RespValue r : call.replies()) {
        count(r);
        ctx.write(r, ctx.voidPromise());
        wrote = true;
      }
      if (deferredReply != null) {
        count(deferredReply);
        ctx.write(deferredReply, ctx.voidPromise());
        wrote = true;
      }
    }
    if (call.closesAfterReply()) {
      closing = true;
      pending.clear();
      ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
      return false;
    }
    return wrote;
  }

  private void count(RespValue r) {
    if (r instanceof RespValue.ErrorReply) {
      server.stats.errorReplies.incrementAndGet();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    server.pubSub.removeAll(session);
    server.clients.unregister(session);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Network errors (reset by peer...) end the connection; nothing to tell the client.
    ctx.close();
  }
}
