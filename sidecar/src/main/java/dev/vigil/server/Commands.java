package dev.vigil.server;

import java.util.Map;

/** Registers one handler per top-level command of the sentinel command table. */
final class Commands {
  private Commands() {}

  static void register(ServerContext server, Map<String, CommandHandler> handlers) {
    ConnectionCommands connection = new ConnectionCommands();
    handlers.put("ping", connection::ping);
    handlers.put("auth", connection::auth);
    handlers.put("hello", connection::hello);
    handlers.put("info", new InfoCommand()::execute);
    handlers.put("role", RoleCommand::execute);
    PubSubCommands pubsub = new PubSubCommands();
    handlers.put("subscribe", pubsub::subscribe);
    handlers.put("unsubscribe", pubsub::unsubscribe);
    handlers.put("psubscribe", pubsub::psubscribe);
    handlers.put("punsubscribe", pubsub::punsubscribe);
    handlers.put("publish", pubsub::publish);
    handlers.put("shutdown", ShutdownCommand::execute);
    handlers.put("sentinel", SentinelCommand::execute);
    handlers.put("client", new ClientCommand()::execute);
    handlers.put("command", new CommandCommand()::execute);
    handlers.put("acl", new AclCommand()::execute);
  }
}
