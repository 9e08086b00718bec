package dev.vigil.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the request decoder hands to the command layer, in arrival order. */
public sealed interface RespInbound {

  /**
   * One command: its arguments as sent (binary-safe), at least one element.
   *
   * @param inline true if the command came as an inline line rather than a multibulk array
   */
  record Request(List<byte[]> args, boolean inline) implements RespInbound {
    public Request {
      if (args.isEmpty()) {
        throw new IllegalArgumentException("a request has at least the command name");
      }
      args = List.copyOf(args);
    }

    public int argc() {
      return args.size();
    }

    public String arg(int i) {
      return new String(args.get(i), StandardCharsets.UTF_8);
    }
  }

  /**
   * The client broke the protocol. Valkey replies with the error and closes the connection; the
   * decoder discards everything after it.
   *
   * @param message the error text without the {@code ERR } prefix, e.g. {@code "Protocol error:
   *     invalid bulk length"}
   */
  record ProtocolError(String message) implements RespInbound {}
}
