package dev.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Turns client bytes into {@link RespInbound.Request}s, the way Valkey's processMultibulkBuffer and
 * processInlineBuffer do: a request starting with {@code *} is an array of bulk strings, anything
 * else is an inline line. Pipelined requests come out one by one; a partial request waits for more
 * bytes. Every length is checked against {@link RespLimits} when its header arrives, before the
 * payload is buffered. On a protocol error a {@link RespInbound.ProtocolError} carrying Valkey's
 * exact text is emitted after the requests that preceded it, and all later input is dropped (the
 * command layer replies and closes).
 *
 * <p>Not sharable: one instance per connection (it keeps the partially read request).
 */
public final class RespRequestDecoder extends ByteToMessageDecoder {

  private final RespLimits limits;
  private final BooleanSupplier authRequired;

  /** Arguments still expected for the multibulk being read; 0 when between requests. */
  private long multibulkRemaining;

  /** Length of the bulk whose header was read, or -1 when the next thing is a {@code $} header. */
  private long bulkLength = -1;

  private List<byte[]> args;
  private boolean failed;

  /**
   * @param authRequired true while the connection still has to authenticate; then the smaller
   *     unauthenticated limits apply (read on the event loop before each header)
   */
  public RespRequestDecoder(RespLimits limits, BooleanSupplier authRequired) {
    this.limits = limits;
    this.authRequired = authRequired;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (!in.isReadable()) {
      return;
    }
    // One request per call: ByteToMessageDecoder calls again while bytes remain, and passes each
    // request on before decoding the next, so an AUTH takes effect before the next header is
    // checked against the unauthenticated limits.
    String error =
        multibulkRemaining == 0 && in.getByte(in.readerIndex()) != '*'
            ? decodeInline(in, out)
            : decodeMultibulk(in, out);
    if (error != null) {
      failed = true;
      args = null;
      in.skipBytes(in.readableBytes());
      out.add(new RespInbound.ProtocolError("Protocol error: " + error));
    }
  }

  /** Returns an error text, or null (request emitted, empty line skipped, or more bytes needed). */
  private String decodeInline(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int newline = in.indexOf(start, in.writerIndex(), (byte) '\n');
    if (newline < 0) {
      return in.readableBytes() > limits.maxInlineLength() ? "too big inline request" : null;
    }
    int end = newline;
    if (end > start && in.getByte(end - 1) == '\r') {
      end--;
    }
    byte[] line = new byte[end - start];
    in.getBytes(start, line);
    in.readerIndex(newline + 1);
    List<byte[]> parts = InlineSplitter.split(line);
    if (parts == null) {
      return "unbalanced quotes in request";
    }
    if (!parts.isEmpty()) {
      out.add(new RespInbound.Request(parts, true));
    }
    return null;
  }

  private String decodeMultibulk(ByteBuf in, List<Object> out) {
    if (multibulkRemaining == 0) {
      int cr = lengthLineEnd(in);
      if (cr < 0) {
        return in.readableBytes() > limits.maxInlineLength() ? "too big mbulk count string" : null;
      }
      if (cr == Integer.MAX_VALUE) {
        return null; // CR seen, LF not yet
      }
      long count = parseLength(in, in.readerIndex() + 1, cr);
      if (count == BAD || count > limits.maxMultibulkLength()) {
        return "invalid multibulk length";
      }
      if (count > limits.unauthenticatedMaxArgs() && authRequired.getAsBoolean()) {
        return "unauthenticated multibulk length";
      }
      in.readerIndex(cr + 2);
      if (count <= 0) {
        return null; // "*0" and "*-1" are empty requests, skipped like Valkey does
      }
      multibulkRemaining = count;
      args = new ArrayList<>((int) Math.min(count, 1024));
    }
    while (multibulkRemaining > 0) {
      if (bulkLength < 0) {
        int cr = lengthLineEnd(in);
        if (cr < 0) {
          return in.readableBytes() > limits.maxInlineLength() ? "too big bulk count string" : null;
        }
        if (cr == Integer.MAX_VALUE) {
          return null;
        }
        byte type = in.getByte(in.readerIndex());
        if (type != '$') {
          return "expected '$', got '" + (char) (type & 0xff) + "'";
        }
        long len = parseLength(in, in.readerIndex() + 1, cr);
        if (len == BAD || len < 0 || len > limits.maxBulkLength()) {
          return "invalid bulk length";
        }
        if (len > limits.unauthenticatedMaxBulkLength() && authRequired.getAsBoolean()) {
          return "unauthenticated bulk length";
        }
        in.readerIndex(cr + 2);
        bulkLength = len;
      }
      // The payload is followed by two bytes Valkey skips without looking at them.
      if (in.readableBytes() < bulkLength + 2) {
        return null;
      }
      byte[] arg = new byte[(int) bulkLength];
      in.readBytes(arg);
      in.skipBytes(2);
      args.add(arg);
      bulkLength = -1;
      multibulkRemaining--;
    }
    out.add(new RespInbound.Request(args, false));
    args = null;
    return null;
  }

  /**
   * Index of the CR ending a length header; -1 if no CR yet; Integer.MAX_VALUE if the CR is the
   * last readable byte (its LF has not arrived).
   */
  private static int lengthLineEnd(ByteBuf in) {
    int cr = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
    if (cr < 0) {
      return -1;
    }
    return cr + 2 > in.writerIndex() ? Integer.MAX_VALUE : cr;
  }

  private static final long BAD = Long.MIN_VALUE;

  /**
   * Valkey's string2ll: an optional '-', then digits without leading zeros ("0" alone is fine), no
   * spaces, no '+', within a signed 64-bit range. Returns {@link #BAD} otherwise.
   */
  static long parseLength(ByteBuf in, int from, int to) {
    int n = to - from;
    if (n <= 0 || n > 20) {
      return BAD;
    }
    int i = from;
    boolean negative = false;
    if (in.getByte(i) == '-') {
      negative = true;
      i++;
      if (i == to) {
        return BAD;
      }
    }
    if (in.getByte(i) == '0') {
      return (i + 1 == to && !negative) ? 0 : BAD;
    }
    long value = 0;
    for (; i < to; i++) {
      byte b = in.getByte(i);
      if (b < '0' || b > '9') {
        return BAD;
      }
      int digit = b - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return BAD;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
}
