package dev.vigil.server;

import dev.vigil.resp.RespInbound;
import dev.vigil.resp.RespProtocol;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a request through Valkey's processCommand checks, in Valkey's order, then the handler:
 *
 * <ol>
 *   <li>command lookup (a container's subcommand too): {@code unknown command ...} / {@code unknown
 *       subcommand ...};
 *   <li>arity: {@code wrong number of arguments for '<fullname>' command};
 *   <li>authentication: {@code -NOAUTH Authentication required.} (AUTH and HELLO are exempt);
 *   <li>ACL: command, then channels ({@code -NOPERM ...});
 *   <li>RESP2 subscribed mode allows only (P)SUBSCRIBE, (P)UNSUBSCRIBE and PING.
 * </ol>
 */
final class CommandDispatcher {
  private static final Set<String> ALLOWED_WHILE_SUBSCRIBED =
      Set.of("ping", "subscribe", "unsubscribe", "psubscribe", "punsubscribe");

  private final ServerContext server;
  private final Map<String, CommandHandler> handlers = new HashMap<>();

  CommandDispatcher(ServerContext server) {
    this.server = server;
    Commands.register(server, handlers);
    for (CommandSpec spec : server.table.commands()) {
      if (!handlers.containsKey(spec.fullName())) {
        throw new IllegalStateException("no handler for command " + spec.fullName());
      }
    }
  }

  /** Names with a handler; the table and this set must be the same. */
  Set<String> handledCommands() {
    return Set.copyOf(handlers.keySet());
  }

  CommandCall dispatch(ClientSession session, RespInbound.Request request) {
    List<byte[]> args = request.args();
    String name = request.arg(0);
    CommandSpec spec = server.table.command(name.toLowerCase(Locale.ROOT));
    CommandCall call = new CommandCall(session, server, spec, args);
    session.touched(server.now());
    String rejection = check(session, spec, request);
    if (rejection != null) {
      call.error(rejection);
    } else {
      if (spec.isContainer() && request.argc() >= 2) {
        spec = spec.subcommand(request.arg(1).toLowerCase(Locale.ROOT));
        call = new CommandCall(session, server, spec, args);
      }
      CommandSpec base = spec.parent() == null ? spec : spec.parent();
      session.commandStarting(spec.fullName());
      try {
        handlers.get(base.fullName()).execute(call);
      } catch (RuntimeException e) {
        // A failing hook (status provider, hello handler...) must cost one error reply, not the
        // connection or the event loop.
        call.error("Internal error in '" + spec.fullName() + "': " + e.getMessage());
      }
      session.commandExecuted(server.now());
      server.stats.commandsProcessed.incrementAndGet();
    }
    if (session.replySuppressedAfterCommand()) {
      call.suppress();
    }
    return call;
  }

  /** Returns the error text of the first failing check, or null. */
  private String check(ClientSession session, CommandSpec spec, RespInbound.Request request) {
    int argc = request.argc();
    if (spec == null) {
      return unknownCommand(request);
    }
    if (spec.isContainer() && argc >= 2) {
      CommandSpec sub = spec.subcommand(request.arg(1).toLowerCase(Locale.ROOT));
      if (sub == null) {
        return "unknown subcommand '"
            + CommandCall.truncate(request.arg(1), 128)
            + "'. Try "
            + request.arg(0).toUpperCase(Locale.ROOT)
            + " HELP.";
      }
      spec = sub;
    }
    if (!spec.acceptsArgc(argc)) {
      return "wrong number of arguments for '" + spec.fullName() + "' command";
    }
    if (session.authRequired() && !spec.hasFlag("no_auth")) {
      return "-NOAUTH Authentication required.";
    }
    AclUser user = server.acl.user(session.userName());
    if (user == null) {
      // The user was deleted under us; Valkey disconnects such clients.
      session.channel().close();
      return "-NOPERM User "
          + session.userName()
          + " has no permissions to run the '"
          + spec.fullName()
          + "' command";
    }
    if (!user.canRun(spec, request.args())) {
      server.stats.aclDeniedCmd.incrementAndGet();
      logDenial(session, "command", spec.fullName());
      return "-NOPERM User "
          + user.name()
          + " has no permissions to run the '"
          + spec.fullName()
          + "' command";
    }
    String deniedChannel = firstDeniedChannel(user, spec, request.args());
    if (deniedChannel != null) {
      server.stats.aclDeniedChannel.incrementAndGet();
      logDenial(session, "channel", deniedChannel);
      return "-NOPERM No permissions to access a channel";
    }
    CommandSpec base = spec.parent() == null ? spec : spec.parent();
    if (session.protocol() == RespProtocol.RESP2
        && session.inPubSubMode()
        && !ALLOWED_WHILE_SUBSCRIBED.contains(base.fullName())) {
      return "Can't execute '"
          + spec.fullName()
          + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this"
          + " context";
    }
    return null;
  }

  private void logDenial(ClientSession session, String reason, String object) {
    long now = server.now();
    server.aclLog.add(
        reason, object, session.userName(), ClientCommand.describe(session, now), now);
  }

  /**
   * The channel arguments ACL must allow: PUBLISH's channel, SUBSCRIBE's channels, PSUBSCRIBE's
   * patterns (compared literally). Returns the first one denied, or null.
   */
  static String firstDeniedChannel(AclUser user, CommandSpec spec, List<byte[]> args) {
    switch (spec.fullName()) {
      case "publish":
        return denied(user, args.subList(1, 2), false);
      case "subscribe":
        return denied(user, args.subList(1, args.size()), false);
      case "psubscribe":
        return denied(user, args.subList(1, args.size()), true);
      default:
        return null;
    }
  }

  private static String denied(AclUser user, List<byte[]> channels, boolean patterns) {
    for (byte[] c : channels) {
      String channel = new String(c, StandardCharsets.UTF_8);
      if (!user.canAccessChannel(channel, patterns)) {
        return channel;
      }
    }
    return null;
  }

  /**
   * Valkey's text: {@code unknown command '%.128s', with args beginning with: } followed by {@code
   * '%.*s' } per argument while the argument list is shorter than 128 characters.
   */
  static String unknownCommand(RespInbound.Request request) {
    StringBuilder args = new StringBuilder();
    for (int i = 1; i < request.argc() && args.length() < 128; i++) {
      String a = CommandCall.truncate(request.arg(i), 128 - args.length());
      args.append('\'').append(a).append("' ");
    }
    return "unknown command '"
        + CommandCall.truncate(request.arg(0), 128)
        + "', with args beginning with: "
        + args;
  }
}
