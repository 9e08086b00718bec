package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;
import static dev.vigil.resp.Resp.integer;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import dev.vigil.resp.RespValue.Entry;
import dev.vigil.resp.RespValue.MapReply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND [COUNT | LIST [FILTERBY ...] | INFO [names] | DOCS [names] | GETKEYS | GETKEYSANDFLAGS |
 * HELP], over the sentinel command table only: commands a sentinel does not serve are absent.
 */
final class CommandCommand {

  void execute(CommandCall call) {
    CommandTable table = call.server.table;
    if (call.spec.parent() == null) {
      // Plain COMMAND: every command's info.
      call.reply(infos(table.commands()));
      return;
    }
    switch (call.spec.name()) {
      case "count" -> call.reply(integer(table.commands().size()));
      case "list" -> list(call, table);
      case "info" -> info(call, table);
      case "docs" -> docs(call, table);
      case "getkeys", "getkeysandflags" -> getKeys(call, table);
      case "help" -> call.reply(help());
      default -> call.subcommandSyntaxError();
    }
  }

  private static RespValue infos(List<CommandSpec> specs) {
    List<RespValue> out = new ArrayList<>();
    for (CommandSpec s : specs) {
      out.add(s.info());
    }
    return Resp.array(out);
  }

  private static void list(CommandCall call, CommandTable table) {
    List<CommandSpec> all = table.allWithSubcommands();
    List<String> names = new ArrayList<>();
    if (call.argc() == 2) {
      all.forEach(s -> names.add(s.fullName()));
    } else if (call.argc() == 5 && call.argLower(2).equals("filterby")) {
      String how = call.argLower(3);
      String what = call.arg(4);
      switch (how) {
        case "aclcat" ->
            all.stream()
                .filter(s -> s.aclCategories().contains(what.toLowerCase(java.util.Locale.ROOT)))
                .forEach(s -> names.add(s.fullName()));
        case "pattern" ->
            all.stream()
                .filter(s -> GlobMatcher.matches(what, s.fullName(), true))
                .forEach(s -> names.add(s.fullName()));
        case "module" -> {
          // A sentinel loads no modules.
        }
        default -> {
          call.error("syntax error");
          return;
        }
      }
    } else {
      call.error("syntax error");
      return;
    }
    call.reply(Resp.bulkArray(names));
  }

  private static void info(CommandCall call, CommandTable table) {
    if (call.argc() == 2) {
      call.reply(infos(table.commands()));
      return;
    }
    List<RespValue> out = new ArrayList<>();
    for (int i = 2; i < call.argc(); i++) {
      CommandSpec s = table.byFullName(call.arg(i));
      out.add(s == null ? Resp.NULL_BULK : s.info());
    }
    call.reply(Resp.array(out));
  }

  /** A map from command name to its documentation map; unknown names are left out. */
  private static void docs(CommandCall call, CommandTable table) {
    List<Entry> out = new ArrayList<>();
    if (call.argc() == 2) {
      for (CommandSpec s : table.commands()) {
        out.add(new Entry(bulk(s.fullName()), table.docs(s.fullName())));
      }
    } else {
      for (int i = 2; i < call.argc(); i++) {
        CommandSpec s = table.byFullName(call.arg(i));
        RespValue doc = s == null ? null : docsOf(s, table);
        if (doc != null) {
          out.add(new Entry(bulk(s.fullName()), doc));
        }
      }
    }
    call.reply(new MapReply(out));
  }

  /** A subcommand's documentation sits in its container's {@code subcommands} map. */
  private static RespValue docsOf(CommandSpec s, CommandTable table) {
    if (s.parent() == null) {
      return table.docs(s.fullName());
    }
    RespValue parentDoc = table.docs(s.parent().fullName());
    if (parentDoc instanceof MapReply m) {
      for (Entry e : m.entries()) {
        if (CommandTable.text(e.key()).equals("subcommands")
            && e.value() instanceof MapReply subs) {
          for (Entry se : subs.entries()) {
            if (CommandTable.text(se.key()).equals(s.fullName())) {
              return se.value();
            }
          }
        }
      }
    }
    return null;
  }

  /** No sentinel command takes keys. */
  private static void getKeys(CommandCall call, CommandTable table) {
    List<byte[]> cmdArgs = call.args.subList(2, call.argc());
    CommandSpec s = table.command(call.argLower(2));
    if (s != null && s.isContainer() && cmdArgs.size() >= 2) {
      s =
          s.subcommand(
              new String(cmdArgs.get(1), java.nio.charset.StandardCharsets.UTF_8)
                  .toLowerCase(java.util.Locale.ROOT));
    }
    if (s == null) {
      call.error("Invalid command specified");
    } else if (!s.acceptsArgc(cmdArgs.size())) {
      call.error("Invalid number of arguments specified for command");
    } else {
      call.error("The command has no key arguments");
    }
  }

  static RespValue help() {
    return HelpText.reply(
        "COMMAND",
        "(no subcommand)",
        "    Return details about all commands.",
        "COUNT",
        "    Return the total number of commands in this server.",
        "LIST",
        "    Return a list of all commands in this server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full command.");
  }
}
