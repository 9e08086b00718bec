package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * ACL: WHOAMI, USERS, LIST, GETUSER, SETUSER, DELUSER, CAT, GENPASS, DRYRUN, LOG, LOAD, SAVE, HELP.
 * Users live in memory (users come from the {@code user} lines / requirepass; there is no ACL file,
 * as with a sentinel started without {@code aclfile}).
 */
final class AclCommand {
  private static final SecureRandom RANDOM = new SecureRandom();

  void execute(CommandCall call) {
    AclStore store = call.server.acl;
    switch (call.spec.name()) {
      case "whoami" -> call.reply(bulk(call.session.userName()));
      case "users" -> {
        List<String> names = new ArrayList<>();
        store.users().forEach(u -> names.add(u.name()));
        call.reply(Resp.bulkArray(names));
      }
      case "list" -> {
        List<String> lines = new ArrayList<>();
        store.users().forEach(u -> lines.add(u.describe()));
        call.reply(Resp.bulkArray(lines));
      }
      case "getuser" -> getUser(call, store);
      case "setuser" -> {
        List<String> rules = new ArrayList<>();
        for (int i = 3; i < call.argc(); i++) {
          rules.add(call.arg(i));
        }
        String error = store.setUser(call.arg(2), rules);
        if (error != null) {
          call.error(error);
        } else {
          call.reply(Resp.OK);
        }
      }
      case "deluser" -> delUser(call, store);
      case "cat" -> cat(call);
      case "genpass" -> genPass(call);
      case "dryrun" -> dryRun(call, store);
      case "log" -> log(call);
      case "load", "save" ->
          call.error(
              "This instance is not configured to use an ACL file. You may want to specify users"
                  + " via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you"
                  + " have a configuration file set) in order to store users in the"
                  + " configuration.");
      case "help" -> call.reply(help());
      default -> call.subcommandSyntaxError();
    }
  }

  private static void getUser(CommandCall call, AclStore store) {
    AclUser u = store.user(call.arg(2));
    if (u == null) {
      call.reply(Resp.NULL_BULK);
      return;
    }
    List<RespValue> flags = new ArrayList<>();
    u.flags().forEach(f -> flags.add(bulk(f)));
    call.reply(
        Resp.map(
            List.of(
                Resp.entry("flags", new RespValue.SetReply(flags)),
                Resp.entry("passwords", Resp.bulkArray(u.passwordHashes())),
                Resp.entry("commands", bulk(u.describeCommands())),
                Resp.entry("keys", bulk(u.describeKeys())),
                Resp.entry("channels", bulk(u.describeChannels())),
                Resp.entry("selectors", Resp.EMPTY_ARRAY))));
  }

  /** Deleting a user disconnects the clients authenticated as it, as Valkey does. */
  private static void delUser(CommandCall call, AclStore store) {
    for (int i = 2; i < call.argc(); i++) {
      if (call.arg(i).equals(AclStore.DEFAULT_USER)) {
        call.error("The 'default' user cannot be removed");
        return;
      }
    }
    int deleted = 0;
    for (int i = 2; i < call.argc(); i++) {
      String name = call.arg(i);
      if (store.deleteUser(name)) {
        deleted++;
        for (ClientSession c : call.server.clients.all()) {
          if (c.userName().equals(name)) {
            if (c == call.session) {
              call.closeAfterReply();
            } else {
              c.channel().close();
            }
          }
        }
      }
    }
    call.reply(Resp.integer(deleted));
  }

  private static void cat(CommandCall call) {
    if (call.argc() > 3) {
      call.subcommandSyntaxError();
      return;
    }
    if (call.argc() == 2) {
      call.reply(Resp.bulkArray(CommandTable.ACL_CATEGORIES));
      return;
    }
    String category = call.argLower(2);
    if (!CommandTable.ACL_CATEGORIES.contains(category)) {
      call.error("Unknown category '" + call.arg(2) + "'");
      return;
    }
    List<String> names = new ArrayList<>();
    for (CommandSpec s : call.server.table.allWithSubcommands()) {
      if (s.aclCategories().contains(category)) {
        names.add(s.fullName());
      }
    }
    call.reply(Resp.bulkArray(names));
  }

  private static void genPass(CommandCall call) {
    long bits = 256;
    if (call.argc() > 3) {
      call.subcommandSyntaxError();
      return;
    }
    if (call.argc() == 3) {
      try {
        bits = Long.parseLong(call.arg(2));
      } catch (NumberFormatException e) {
        call.error("value is not an integer or out of range");
        return;
      }
      if (bits <= 0 || bits > 4096) {
        call.error(
            "ACL GENPASS argument must be the number of bits for the output password, a positive"
                + " number up to 4096");
        return;
      }
    }
    int chars = (int) ((bits + 3) / 4);
    byte[] random = new byte[(chars + 1) / 2];
    RANDOM.nextBytes(random);
    StringBuilder sb = new StringBuilder(chars + 1);
    for (byte b : random) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    sb.setLength(chars);
    call.reply(bulk(sb.toString()));
  }

  private static void dryRun(CommandCall call, AclStore store) {
    AclUser u = store.user(call.arg(2));
    if (u == null) {
      call.error("User '" + call.arg(2) + "' not found");
      return;
    }
    List<byte[]> cmdArgs = call.args.subList(3, call.argc());
    CommandTable table = call.server.table;
    CommandSpec spec = table.command(call.argLower(3));
    if (spec != null && spec.isContainer() && cmdArgs.size() >= 2) {
      spec =
          spec.subcommand(
              new String(cmdArgs.get(1), java.nio.charset.StandardCharsets.UTF_8)
                  .toLowerCase(java.util.Locale.ROOT));
    }
    if (spec == null) {
      call.error("Command '" + call.arg(3) + "' not found");
      return;
    }
    if (!spec.acceptsArgc(cmdArgs.size())) {
      call.error("wrong number of arguments for '" + spec.fullName() + "' command");
      return;
    }
    if (!u.canRun(spec, cmdArgs)) {
      call.reply(
          bulk(
              "User "
                  + u.name()
                  + " has no permissions to run the '"
                  + spec.fullName()
                  + "' command"));
      return;
    }
    String channel = CommandDispatcher.firstDeniedChannel(u, spec, cmdArgs);
    if (channel != null) {
      call.reply(
          bulk("User " + u.name() + " has no permissions to access the '" + channel + "' channel"));
      return;
    }
    call.reply(Resp.OK);
  }

  /** ACL LOG [count | RESET]. */
  private static void log(CommandCall call) {
    if (call.argc() > 3) {
      call.subcommandSyntaxError();
      return;
    }
    long count = 10;
    if (call.argc() == 3) {
      if (call.argLower(2).equals("reset")) {
        call.server.aclLog.reset();
        call.reply(Resp.OK);
        return;
      }
      try {
        count = Long.parseLong(call.arg(2));
      } catch (NumberFormatException e) {
        call.error("value is not an integer or out of range");
        return;
      }
    }
    call.reply(call.server.aclLog.reply(count, call.server.now()));
  }

  static RespValue help() {
    return HelpText.reply(
        "ACL",
        "CAT [<category>]",
        "    List all commands that belong to <category>, or all command categories",
        "    when no category is specified.",
        "DELUSER <username> [<username> ...]",
        "    Delete a list of users.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Returns whether the user can execute the given command without executing the"
            + " command.",
        "GETUSER <username>",
        "    Get the user's details.",
        "GENPASS [<bits>]",
        "    Generate a secure 256-bit user password. The optional `bits` argument can",
        "    be used to specify a different size.",
        "LIST",
        "    Show users details in config file format.",
        "LOAD",
        "    Reload users from the ACL file.",
        "LOG [<count> | RESET]",
        "    Show the ACL log entries.",
        "SAVE",
        "    Save the current config to the ACL file.",
        "SETUSER <username> <attribute> [<attribute> ...]",
        "    Create or modify a user with the specified attributes.",
        "USERS",
        "    List all the registered usernames.",
        "WHOAMI",
        "    Return the current connection username.");
  }
}
