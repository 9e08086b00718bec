package dev.vigil.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts bytes in and out for INFO stats and CLIENT LIST, at the head of the pipeline. */
final class TrafficCounter extends ChannelDuplexHandler {
  private final ServerStats stats;
  private final ClientSession session;

  TrafficCounter(ServerStats stats, ClientSession session) {
    this.stats = stats;
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      stats.netInputBytes.addAndGet(b.readableBytes());
      stats.readsProcessed.incrementAndGet();
      session.addBytesIn(b.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf b) {
      stats.netOutputBytes.addAndGet(b.readableBytes());
      session.addBytesOut(b.readableBytes());
    }
    ctx.write(msg, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    stats.writesProcessed.incrementAndGet();
    ctx.flush();
  }
}
