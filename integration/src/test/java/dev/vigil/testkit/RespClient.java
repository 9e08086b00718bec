package dev.vigil.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny blocking RESP2 client, so the kit depends on no client library (the agent's tests run many
 * Jedis versions; the kit must not pin one). Replies map to Java as: simple and bulk strings to
 * {@link String} (null bulk to null), integers to {@link Long}, arrays to {@link List} (null array
 * to null) and errors to {@link RespError} (thrown by {@link #call}, returned by {@link #read}).
 *
 * <p>Every socket operation has a timeout: a SIGSTOPped server accepts TCP connections (the kernel
 * completes the handshake) but never answers, and that must surface as an {@link
 * UncheckedIOException} wrapping a {@link java.net.SocketTimeoutException}, not a hang.
 */
public final class RespClient implements AutoCloseable {
  /**
   * Generous on purpose: a healthy local server answers in microseconds, but a CI machine with
   * every core busy can stall a process for seconds, and only waits on paused peers should time
   * out.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  public static RespClient connect(HostPort address) {
    return connect(address.host(), address.port(), DEFAULT_TIMEOUT);
  }

  /** Connects with {@code timeout} as both the connect and the read timeout. */
  public static RespClient connect(String host, int port, Duration timeout) {
    return connect(host, port, timeout, null);
  }

  /** As above, then {@code AUTH password} unless {@code password} is null. */
  public static RespClient connect(String host, int port, Duration timeout, String password) {
    RespClient client = open(host, port, timeout);
    if (password != null) {
      try {
        client.call("AUTH", password);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return client;
  }

  /**
   * Connects from {@code localHost} (a loopback alias such as {@code 127.0.0.11}) instead of the
   * address the kernel would pick, so that firewall rules keyed on addresses see this client on
   * that host's side of a partition.
   */
  public static RespClient connectFrom(String localHost, HostPort address, Duration timeout) {
    return open(localHost, address.host(), address.port(), timeout);
  }

  private static RespClient open(String host, int port, Duration timeout) {
    return open(null, host, port, timeout);
  }

  private static RespClient open(String localHost, String host, int port, Duration timeout) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      if (localHost != null) {
        socket.bind(new InetSocketAddress(localHost, 0));
      }
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      return new RespClient(socket);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot connect to " + host + ":" + port + ": " + e, e);
    }
  }

  /**
   * True if whatever listens at {@code address} (server, sentinel, Vigil sidecar) answers PING with
   * PONG within {@code timeout}; any failure is false. For waiting on a JVM's RESP port.
   */
  public static boolean pings(HostPort address, Duration timeout) {
    try (RespClient c = connect(address.host(), address.port(), timeout)) {
      return "PONG".equals(c.call("PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Sends one command and returns its reply; an error reply is thrown as {@link RespError}. */
  public Object call(String... args) {
    send(args);
    Object reply = read();
    if (reply instanceof RespError error) {
      throw new RespError(error.getMessage());
    }
    return reply;
  }

  /** Sends a command whose reply is a simple or bulk string. */
  public String callString(String... args) {
    Object reply = call(args);
    if (reply != null && !(reply instanceof String)) {
      throw new IllegalStateException(String.join(" ", args) + " replied " + reply);
    }
    return (String) reply;
  }

  /** Sends a command whose reply is an integer. */
  public long callLong(String... args) {
    Object reply = call(args);
    if (!(reply instanceof Long)) {
      throw new IllegalStateException(String.join(" ", args) + " replied " + reply);
    }
    return (Long) reply;
  }

  /** Sends a command whose reply is an array. */
  @SuppressWarnings("unchecked")
  public List<Object> callList(String... args) {
    Object reply = call(args);
    if (reply != null && !(reply instanceof List)) {
      throw new IllegalStateException(String.join(" ", args) + " replied " + reply);
    }
    return (List<Object>) reply;
  }

  /** Writes a command without reading the reply (pipelining, SUBSCRIBE). */
  public void send(String... args) {
    try {
      out.write(encode(args));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("write to " + remote() + " failed: " + e, e);
    }
  }

  /** Reads the next reply or push message; error replies are returned, not thrown. */
  public Object read() {
    try {
      return readReply();
    } catch (IOException e) {
      throw new UncheckedIOException("read from " + remote() + " failed: " + e, e);
    }
  }

  public void setTimeout(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  /** Turns the flat [k1, v1, k2, v2, ...] arrays of SENTINEL MASTER/REPLICAS into a map. */
  public static Map<String, String> pairsToMap(List<?> flat) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  /** Parses INFO text ({@code key:value} lines, {@code # Section} headers) into a map. */
  public static Map<String, String> parseInfo(String info) {
    Map<String, String> map = new LinkedHashMap<>();
    if (info == null) {
      return map;
    }
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (line.isEmpty() || line.startsWith("#") || colon < 0) {
        continue;
      }
      map.put(line.substring(0, colon), line.substring(colon + 1).trim());
    }
    return map;
  }

  static byte[] encode(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    writeAscii(buf, "*" + args.length + "\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      writeAscii(buf, "$" + bytes.length + "\r\n");
      buf.writeBytes(bytes);
      writeAscii(buf, "\r\n");
    }
    return buf.toByteArray();
  }

  private static void writeAscii(ByteArrayOutputStream buf, String s) {
    buf.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private Object readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new IOException("connection closed by " + remote());
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new RespError(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        {
          int len = Integer.parseInt(line);
          if (len < 0) {
            return null;
          }
          byte[] data = in.readNBytes(len);
          if (data.length != len || in.read() != '\r' || in.read() != '\n') {
            throw new IOException("truncated bulk string from " + remote());
          }
          return new String(data, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int count = Integer.parseInt(line);
          if (count < 0) {
            return null;
          }
          List<Object> items = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            items.add(readReply());
          }
          return items;
        }
      default:
        throw new IOException(
            "unexpected RESP type byte '" + (char) type + "' from " + remote() + ": " + line);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed by " + remote() + " mid-line");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new IOException("CR without LF from " + remote());
        }
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  private String remote() {
    return String.valueOf(socket.getRemoteSocketAddress());
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }
}
