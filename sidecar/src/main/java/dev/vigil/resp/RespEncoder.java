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

  @Override
  protected void encode(ChannelHandlerContext ctx, RespValue msg, ByteBuf out) {
    RespWriter.write(msg, RespProtocol.of(ctx.channel()), out);
  }
}
