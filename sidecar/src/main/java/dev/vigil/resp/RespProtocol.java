package dev.vigil.resp;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The protocol version a connection speaks. Every connection starts in RESP2; {@code HELLO 3}
 * switches it. Kept as a channel attribute so the encoder and the command layer agree.
 */
public enum RespProtocol {
  RESP2(2),
  RESP3(3);

  private static final AttributeKey<RespProtocol> KEY = AttributeKey.valueOf("vigil.resp.protocol");

  private final int version;

  RespProtocol(int version) {
    this.version = version;
  }

  public int version() {
    return version;
  }

  public static RespProtocol of(Channel channel) {
    RespProtocol p = channel.attr(KEY).get();
    return p == null ? RESP2 : p;
  }

  public static void set(Channel channel, RespProtocol protocol) {
    channel.attr(KEY).set(protocol);
  }

  public static RespProtocol ofVersion(int version) {
    return version == 3 ? RESP3 : RESP2;
  }
}
