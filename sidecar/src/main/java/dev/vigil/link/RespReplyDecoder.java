package dev.vigil.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes RESP2 replies into {@link RespReply} values. A reply is only produced once it is
 * complete; an incomplete one is re-parsed from its start when more bytes arrive (replies on
 * sentinel links are small, so the simplicity beats a resumable state machine). Limits are checked
 * before anything is allocated, and a protocol violation fails the channel with a {@link
 * DecoderException}, which the link turns into a link-down.
 */
final class RespReplyDecoder extends ByteToMessageDecoder {
  /** Longest status/error/integer/length line accepted. */
  static final int MAX_LINE = 64 * 1024;

  /** Largest bulk string accepted (an INFO reply is a few KB). */
  static final int MAX_BULK = 64 * 1024 * 1024;

  /** Most array elements accepted. */
  static final int MAX_ELEMENTS = 1024 * 1024;

  /** Deepest array nesting accepted. */
  static final int MAX_DEPTH = 32;

  /** Thrown internally when the buffer ends inside a reply. */
  private static final class Incomplete extends Exception {
    private static final long serialVersionUID = 1L;

    Incomplete() {
      super(null, null, false, false);
    }
  }

  private static final Incomplete INCOMPLETE = new Incomplete();

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      try {
        out.add(parse(in, 0));
      } catch (Incomplete e) {
        in.readerIndex(start);
        return;
      }
    }
  }

  private static RespReply parse(ByteBuf in, int depth) throws Incomplete {
    if (!in.isReadable()) {
      throw INCOMPLETE;
    }
    byte type = in.readByte();
    return switch (type) {
      case '+' -> new RespReply.Status(readLine(in));
      case '-' -> new RespReply.Error(readLine(in));
      case ':' -> new RespReply.Int(parseLong(readLine(in)));
      case '$' -> parseBulk(in);
      case '*' -> parseArray(in, depth);
      default ->
          throw new DecoderException(
              "unexpected RESP type byte 0x" + Integer.toHexString(type & 0xff));
    };
  }

  private static RespReply parseBulk(ByteBuf in) throws Incomplete {
    long length = parseLong(readLine(in));
    if (length == -1) {
      return new RespReply.Bulk(null);
    }
    if (length < 0 || length > MAX_BULK) {
      throw new TooLongFrameException("invalid bulk length " + length);
    }
    if (in.readableBytes() < length + 2) {
      throw INCOMPLETE;
    }
    String text = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
    in.skipBytes((int) length);
    if (in.readByte() != '\r' || in.readByte() != '\n') {
      throw new DecoderException("bulk string not terminated by CRLF");
    }
    return new RespReply.Bulk(text);
  }

  private static RespReply parseArray(ByteBuf in, int depth) throws Incomplete {
    long count = parseLong(readLine(in));
    if (count == -1) {
      return new RespReply.Array(null);
    }
    if (count < 0 || count > MAX_ELEMENTS) {
      throw new TooLongFrameException("invalid array length " + count);
    }
    if (depth >= MAX_DEPTH) {
      throw new TooLongFrameException("arrays nested deeper than " + MAX_DEPTH);
    }
    // Do not trust the count for the allocation: a peer could announce a huge array.
    List<RespReply> elements = new ArrayList<>((int) Math.min(count, 64));
    for (long i = 0; i < count; i++) {
      elements.add(parse(in, depth + 1));
    }
    return new RespReply.Array(List.copyOf(elements));
  }

  private static String readLine(ByteBuf in) throws Incomplete {
    int searchLength = Math.min(in.readableBytes(), MAX_LINE + 1);
    int lf = in.indexOf(in.readerIndex(), in.readerIndex() + searchLength, (byte) '\n');
    if (lf < 0) {
      if (in.readableBytes() > MAX_LINE) {
        throw new TooLongFrameException("RESP line longer than " + MAX_LINE + " bytes");
      }
      throw INCOMPLETE;
    }
    int end = lf - 1;
    if (end < in.readerIndex() || in.getByte(end) != '\r') {
      throw new DecoderException("RESP line not terminated by CRLF");
    }
    String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(lf + 1);
    return line;
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new DecoderException("invalid RESP integer '" + text + "'");
    }
  }
}
