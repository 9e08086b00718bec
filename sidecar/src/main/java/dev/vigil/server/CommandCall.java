package dev.vigil.server;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * One command being executed: its arguments, the resolved table entry, the client, and the replies
 * it produced (usually one; SUBSCRIBE produces one per channel; CLIENT REPLY OFF none; a SENTINEL
 * subcommand may answer later through {@link #replyLater}).
 */
final class CommandCall {
  final ClientSession session;
  final ServerContext server;
  final CommandSpec spec;
  final List<byte[]> args;

  private final List<RespValue> replies = new ArrayList<>(1);
  private CompletionStage<RespValue> deferred;
  private boolean closeAfterReply;
  private boolean suppressed;

  CommandCall(ClientSession session, ServerContext server, CommandSpec spec, List<byte[]> args) {
    this.session = session;
    this.server = server;
    this.spec = spec;
    this.args = args;
  }

  int argc() {
    return args.size();
  }

  String arg(int i) {
    return new String(args.get(i), StandardCharsets.UTF_8);
  }

  String argLower(int i) {
    return arg(i).toLowerCase(Locale.ROOT);
  }

  void reply(RespValue value) {
    replies.add(value);
  }

  /** Valkey's addReplyError: {@code ERR } is prefixed unless the message starts with {@code -}. */
  void error(String message) {
    replies.add(Resp.error(message));
  }

  /** Valkey's addReplySubcommandSyntaxError. */
  void subcommandSyntaxError() {
    String container = spec.parent() == null ? spec.fullName() : spec.parent().fullName();
    error(
        "unknown subcommand or wrong number of arguments for '"
            + truncate(arg(1), 128)
            + "'. Try "
            + container.toUpperCase(Locale.ROOT)
            + " HELP.");
  }

  void replyLater(CompletionStage<RespValue> stage) {
    this.deferred = stage;
  }

  void closeAfterReply() {
    this.closeAfterReply = true;
  }

  void suppress() {
    this.suppressed = true;
  }

  List<RespValue> replies() {
    return replies;
  }

  CompletionStage<RespValue> deferred() {
    return deferred;
  }

  boolean closesAfterReply() {
    return closeAfterReply;
  }

  boolean suppressed() {
    return suppressed;
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
