package dev.vigil.server;

import dev.vigil.resp.RespProtocol;
import dev.vigil.testkit.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Test client over an EmbeddedChannel carrying the real connection pipeline: send raw bytes or
 * commands, read the raw reply bytes.
 */
final class Wire implements AutoCloseable {
  final EmbeddedChannel channel;

  private Wire(EmbeddedChannel channel) {
    this.channel = channel;
  }

  static Wire connect(ServerContext server, CommandDispatcher dispatcher) {
    EmbeddedChannel ch = new EmbeddedChannel();
    new ConnectionSetup(server, dispatcher).setUp(ch);
    return new Wire(ch);
  }

  /** Encodes a command as a multibulk array. */
  static String command(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
      sb.append(a).append("\r\n");
    }
    return sb.toString();
  }

  /** Sends raw bytes, split into chunks of the given size, and returns all output so far. */
  String sendRaw(String raw, int chunk) {
    byte[] b = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i += chunk) {
      channel.writeInbound(Unpooled.wrappedBuffer(b, i, Math.min(chunk, b.length - i)));
    }
    return output();
  }

  String sendRaw(String raw) {
    return sendRaw(raw, Integer.MAX_VALUE);
  }

  String send(String... args) {
    return sendRaw(command(args));
  }

  String output() {
    channel.runPendingTasks();
    StringBuilder sb = new StringBuilder();
    Object o;
    while ((o = channel.readOutbound()) != null) {
      ByteBuf buf = (ByteBuf) o;
      sb.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return sb.toString();
  }

  /**
   * Runs the channel's pending tasks until at least {@code length} characters of output arrived
   * (replies completed on another thread); fails after 10 s.
   */
  String awaitOutput(int length) {
    StringBuilder sb = new StringBuilder();
    Await.until(
        length + " characters of output",
        Duration.ofSeconds(10),
        () -> sb.append(output()).length() >= length,
        sb::toString);
    return sb.toString();
  }

  RespProtocol protocol() {
    return RespProtocol.of(channel);
  }

  boolean isOpen() {
    channel.runPendingTasks();
    return channel.isOpen();
  }

  static String lines(List<String> l) {
    return String.join("", l);
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
