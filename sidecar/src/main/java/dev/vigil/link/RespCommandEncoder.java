package dev.vigil.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a command as a RESP array of bulk strings, the only form Valkey must accept. */
@ChannelHandler.Sharable
final class RespCommandEncoder extends MessageToByteEncoder<RespCommandEncoder.Command> {

  /** One command line: name (already mapped through rename-command) and arguments. */
  record Command(List<String> args) {
    Command {
      args = List.copyOf(args);
      if (args.isEmpty()) {
        throw new IllegalArgumentException("empty command");
      }
    }
  }

  static final RespCommandEncoder INSTANCE = new RespCommandEncoder();

  private RespCommandEncoder() {
    // The message type given, not found by reflection on the generic superclass (see
    // RespEncoder).
    super(Command.class);
  }

  private static final byte[] CRLF = {'\r', '\n'};

  @Override
  protected void encode(ChannelHandlerContext ctx, Command command, ByteBuf out) {
    writeCommand(command.args(), out);
  }

  static void writeCommand(List<String> args, ByteBuf out) {
    out.writeByte('*');
    writeDecimal(args.size(), out);
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      out.writeByte('$');
      writeDecimal(bytes.length, out);
      out.writeBytes(bytes);
      out.writeBytes(CRLF);
    }
  }

  private static void writeDecimal(int value, ByteBuf out) {
    ByteBufUtil.writeAscii(out, Integer.toString(value));
    out.writeBytes(CRLF);
  }
}
