package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;
import static dev.vigil.resp.Resp.integer;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.util.List;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE and Sentinel's restricted PUBLISH. Confirmations
 * are pushes: RESP3 {@code >3}, lowered to {@code *3} arrays for RESP2.
 */
final class PubSubCommands {
  static final String HELLO_CHANNEL = "__sentinel__:hello";

  void subscribe(CommandCall call) {
    for (int i = 1; i < call.argc(); i++) {
      String channel = call.arg(i);
      call.server.pubSub.subscribe(call.session, channel);
      call.reply(confirmation("subscribe", bulk(channel), call.session));
    }
  }

  void psubscribe(CommandCall call) {
    for (int i = 1; i < call.argc(); i++) {
      String pattern = call.arg(i);
      call.server.pubSub.psubscribe(call.session, pattern);
      call.reply(confirmation("psubscribe", bulk(pattern), call.session));
    }
  }

  void unsubscribe(CommandCall call) {
    if (!call.session.inPubSubMode()) {
      call.error("-NOSUB 'unsubscribe' command executed not in subscribed mode");
      return;
    }
    List<String> channels =
        call.argc() == 1 ? List.copyOf(call.session.channels()) : arguments(call);
    if (channels.isEmpty()) {
      call.reply(confirmation("unsubscribe", Resp.NULL_BULK, call.session));
    }
    for (String channel : channels) {
      call.server.pubSub.unsubscribe(call.session, channel);
      call.reply(confirmation("unsubscribe", bulk(channel), call.session));
    }
  }

  void punsubscribe(CommandCall call) {
    if (!call.session.inPubSubMode()) {
      call.error("-NOSUB 'punsubscribe' command executed not in subscribed mode");
      return;
    }
    List<String> patterns =
        call.argc() == 1 ? List.copyOf(call.session.patterns()) : arguments(call);
    if (patterns.isEmpty()) {
      call.reply(confirmation("punsubscribe", Resp.NULL_BULK, call.session));
    }
    for (String pattern : patterns) {
      call.server.pubSub.punsubscribe(call.session, pattern);
      call.reply(confirmation("punsubscribe", bulk(pattern), call.session));
    }
  }

  /**
   * Sentinel's PUBLISH accepts only hello messages from other sentinels; they go to the engine and,
   * as in Sentinel, are not delivered to local subscribers.
   */
  void publish(CommandCall call) {
    if (!call.arg(1).equals(HELLO_CHANNEL)) {
      call.error("Only HELLO messages are accepted by Sentinel instances.");
      return;
    }
    call.server.hooks.helloMessages().onHello(call.arg(2));
    call.reply(integer(1));
  }

  private static List<String> arguments(CommandCall call) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 1; i < call.argc(); i++) {
      out.add(call.arg(i));
    }
    return out;
  }

  private static RespValue confirmation(String kind, RespValue name, ClientSession s) {
    return new RespValue.PushReply(
        List.of(bulk(kind), name, integer(s.channelCount() + s.patternCount())));
  }
}
