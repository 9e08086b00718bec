package dev.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link RespValue} replies in the protocol the connection currently speaks ({@link
 * RespProtocol#of}). Sharable: it holds no state.
 */
@ChannelHandler.Sharable
public final class RespEncoder extends MessageToByteEncoder<RespValue> {
  public RespEncoder() {
    // The message type given, not found by reflection on the generic superclass (which loads
    // the JDK's generic-signature parser, ~30 classes, on the way to the open port).
    super(RespValue.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, RespValue msg, ByteBuf out) {
    RespWriter.write(msg, RespProtocol.of(ctx.channel()), out);
  }
}
