package dev.vigil.agent.sentinel;

import dev.vigil.agent.HostPort;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client over a plain socket: enough to talk to a sentinel (commands out, simple
 * strings, errors, integers, bulk strings and arrays in). The agent cannot use the application's
 * Jedis (any version, possibly none on our loader), so it carries this instead.
 *
 * <p>Replies are decoded to {@code String} (simple and bulk strings, {@code null} for nil), {@code
 * Long}, {@code List<Object>} and {@link ErrorReply}. Not thread-safe.
 */
public final class RespConnection implements Closeable {
  /** An error reply ({@code -ERR ...}); returned, not thrown, so callers see it as data. */
  public static final class ErrorReply {
    private final String message;

    ErrorReply(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }

    @Override
    public String toString() {
      return "-" + message;
    }
  }

  private static final int MAX_BULK = 64 * 1024 * 1024;
  private static final int MAX_ARRAY = 1024 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1024);
  }

  /** Connects with the given connect timeout and read timeout (0 = wait forever). */
  public static RespConnection open(HostPort address, int connectTimeoutMs, int readTimeoutMs)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMs);
      socket.setSoTimeout(readTimeoutMs);
      return new RespConnection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Decodes replies from a stream (tests). */
  static Object readReply(InputStream in) throws IOException {
    return read(in);
  }

  public void setReadTimeout(int readTimeoutMs) throws IOException {
    socket.setSoTimeout(readTimeoutMs);
  }

  /** Writes one command without flushing (pipelining); call {@link #flush()} after. */
  public void write(String... args) throws IOException {
    out.write(encode(args));
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** Sends one command and reads its reply. */
  public Object call(String... args) throws IOException {
    write(args);
    flush();
    return read(in);
  }

  /** Reads the next reply or push message. */
  public Object read() throws IOException {
    return read(in);
  }

  static byte[] encode(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
    writeAscii(buffer, "*" + args.length + "\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      writeAscii(buffer, "$" + bytes.length + "\r\n");
      buffer.write(bytes, 0, bytes.length);
      writeAscii(buffer, "\r\n");
    }
    return buffer.toByteArray();
  }

  private static void writeAscii(ByteArrayOutputStream buffer, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    buffer.write(bytes, 0, bytes.length);
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed by peer");
    }
    switch (type) {
      case '+':
        return readLine(in);
      case '-':
        return new ErrorReply(readLine(in));
      case ':':
        return parseLong(readLine(in));
      case '$':
        {
          long length = parseLong(readLine(in));
          if (length < 0) {
            return null;
          }
          if (length > MAX_BULK) {
            throw new IOException("bulk string too long: " + length);
          }
          byte[] data = new byte[(int) length];
          int read = 0;
          while (read < data.length) {
            int n = in.read(data, read, data.length - read);
            if (n < 0) {
              throw new EOFException("connection closed inside a bulk string");
            }
            read += n;
          }
          if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("bulk string not terminated by CRLF");
          }
          return new String(data, StandardCharsets.UTF_8);
        }
      case '*':
        {
          long count = parseLong(readLine(in));
          if (count < 0) {
            return null;
          }
          if (count > MAX_ARRAY) {
            throw new IOException("array too long: " + count);
          }
          List<Object> items = new ArrayList<>((int) count);
          for (long i = 0; i < count; i++) {
            items.add(read(in));
          }
          return items;
        }
      default:
        throw new IOException("unexpected RESP type byte 0x" + Integer.toHexString(type));
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(32);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed inside a line");
      }
      if (c == '\r') {
        if (in.read() != '\n') {
          throw new IOException("CR not followed by LF");
        }
        return line.toString();
      }
      if (line.length() > 64 * 1024) {
        throw new IOException("line too long");
      }
      line.append((char) c);
    }
  }

  private static long parseLong(String text) throws IOException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("not a number: '" + text + "'");
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing left to do with a socket we are abandoning.
    }
  }
}
