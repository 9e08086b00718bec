package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;
import static dev.vigil.resp.Resp.integer;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespProtocol;
import dev.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CLIENT and its subcommands as served by a sentinel (no CAPA, no NO-TOUCH). */
final class ClientCommand {

  void execute(CommandCall call) {
    ClientSession self = call.session;
    switch (call.spec.name()) {
      case "id" -> call.reply(integer(self.id()));
      case "getname" -> call.reply(self.name().isEmpty() ? Resp.NULL_BULK : bulk(self.name()));
      case "setname" -> setName(call);
      case "setinfo" -> setInfo(call);
      case "info" -> call.reply(text(call, describe(self, call.server.now()) + "\n"));
      case "list" -> list(call);
      case "kill" -> kill(call);
      case "reply" -> reply(call);
      case "no-evict" -> onOff(call, () -> self.setNoEvict(true), () -> self.setNoEvict(false));
      case "pause" -> pause(call);
      case "unpause" -> call.reply(Resp.OK);
      case "tracking" -> {
        String error =
            self.tracking()
                .configure(
                    call.args.subList(2, call.argc()).stream()
                        .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
                        .toList(),
                    call.server.clients);
        if (error != null) {
          call.error(error);
        } else {
          call.reply(Resp.OK);
        }
      }
      case "trackinginfo" -> {
        List<RespValue> flags = new ArrayList<>();
        self.tracking().flags().forEach(f -> flags.add(bulk(f)));
        call.reply(
            Resp.map(
                List.of(
                    Resp.entry("flags", new RespValue.SetReply(flags)),
                    Resp.entry("redirect", integer(self.tracking().redirect())),
                    Resp.entry("prefixes", Resp.bulkArray(self.tracking().prefixes())))));
      }
      case "caching" -> {
        String error = self.tracking().caching(call.arg(2));
        if (error != null) {
          call.error(error);
        } else {
          call.reply(Resp.OK);
        }
      }
      case "getredir" -> call.reply(integer(self.tracking().redirect()));
      case "unblock" -> unblock(call);
      case "help" -> call.reply(help());
      default -> call.subcommandSyntaxError();
    }
  }

  /**
   * Valkey's validateClientName / validateClientAttr: only printable ASCII without spaces. Returns
   * the error text or null.
   */
  static String validateName(String name, String what) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '!' || c > '~') {
        return what + " cannot contain spaces, newlines or special characters.";
      }
    }
    return null;
  }

  private static void setName(CommandCall call) {
    String name = call.arg(2);
    String invalid = validateName(name, "Client names");
    if (invalid != null) {
      call.error(invalid);
      return;
    }
    call.session.setName(name);
    call.reply(Resp.OK);
  }

  private static void setInfo(CommandCall call) {
    String attr = call.arg(2);
    String value = call.arg(3);
    boolean libName = attr.equalsIgnoreCase("lib-name");
    if (!libName && !attr.equalsIgnoreCase("lib-ver")) {
      call.error("Unrecognized option '" + attr + "'");
      return;
    }
    String invalid = validateName(value, attr);
    if (invalid != null) {
      call.error(invalid);
      return;
    }
    if (libName) {
      call.session.setLibName(value);
    } else {
      call.session.setLibVersion(value);
    }
    call.reply(Resp.OK);
  }

  /** CLIENT LIST/INFO are verbatim text in RESP3, bulk strings in RESP2. */
  private static RespValue text(CommandCall call, String body) {
    return call.session.protocol() == RespProtocol.RESP3
        ? new RespValue.VerbatimString("txt", body)
        : bulk(body);
  }

  private static void list(CommandCall call) {
    String type = null;
    List<Long> ids = null;
    if (call.argc() == 4 && call.argLower(2).equals("type")) {
      type = clientType(call.arg(3));
      if (type == null) {
        call.error("Unknown client type '" + call.arg(3) + "'");
        return;
      }
    } else if (call.argc() > 3 && call.argLower(2).equals("id")) {
      ids = new ArrayList<>();
      for (int i = 3; i < call.argc(); i++) {
        long id = parsePositive(call.arg(i));
        if (id <= 0) {
          call.error("Invalid client ID");
          return;
        }
        ids.add(id);
      }
    } else if (call.argc() != 2) {
      call.error("syntax error");
      return;
    }
    StringBuilder out = new StringBuilder();
    long now = call.server.now();
    if (ids != null) {
      for (long id : ids) {
        ClientSession c = call.server.clients.byId(id);
        if (c != null) {
          out.append(describe(c, now)).append('\n');
        }
      }
    } else {
      for (ClientSession c : call.server.clients.all()) {
        if (type == null || type.equals(typeOf(c))) {
          out.append(describe(c, now)).append('\n');
        }
      }
    }
    call.reply(text(call, out.toString()));
  }

  /** Valkey's getClientTypeByName, folded to the types a sentinel can have. */
  private static String clientType(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "normal" -> "normal";
      case "slave", "replica" -> "replica";
      case "master", "primary" -> "primary";
      case "pubsub" -> "pubsub";
      default -> null;
    };
  }

  private static String typeOf(ClientSession c) {
    return c.inPubSubMode() ? "pubsub" : "normal";
  }

  private static void kill(CommandCall call) {
    String addr = null;
    String laddr = null;
    String user = null;
    String type = null;
    long id = 0;
    long maxAge = 0;
    boolean skipMe = true;
    boolean legacy = call.argc() == 3;
    if (legacy) {
      addr = call.arg(2);
      skipMe = false;
    } else {
      for (int i = 2; i < call.argc(); i += 2) {
        boolean more = i + 1 < call.argc();
        String opt = call.argLower(i);
        if (!more) {
          call.error("syntax error");
          return;
        }
        String v = call.arg(i + 1);
        switch (opt) {
          case "id" -> {
            id = parsePositive(v);
            if (id <= 0) {
              call.error("client-id should be greater than 0");
              return;
            }
          }
          case "type" -> {
            type = clientType(v);
            if (type == null) {
              call.error("Unknown client type '" + v + "'");
              return;
            }
          }
          case "addr" -> addr = v;
          case "laddr" -> laddr = v;
          case "user" -> {
            if (call.server.acl.user(v) == null) {
              call.error("No such user '" + v + "'");
              return;
            }
            user = v;
          }
          case "skipme" -> {
            if (v.equalsIgnoreCase("yes")) {
              skipMe = true;
            } else if (v.equalsIgnoreCase("no")) {
              skipMe = false;
            } else {
              call.error("syntax error");
              return;
            }
          }
          case "maxage" -> {
            try {
              maxAge = Long.parseLong(v);
            } catch (NumberFormatException e) {
              call.error("maxage is not an integer or out of range");
              return;
            }
          }
          default -> {
            call.error("syntax error");
            return;
          }
        }
      }
    }
    long now = call.server.now();
    int killed = 0;
    for (ClientSession c : call.server.clients.all()) {
      if ((addr != null && !addr.equals(c.address()))
          || (laddr != null && !laddr.equals(c.localAddress()))
          || (type != null && !type.equals(typeOf(c)))
          || (id != 0 && c.id() != id)
          || (user != null && !user.equals(c.userName()))
          || (maxAge != 0 && (now - c.createdMillis()) / 1000 < maxAge)
          || (c == call.session && skipMe)) {
        continue;
      }
      killed++;
      if (c == call.session) {
        call.closeAfterReply();
      } else {
        c.channel().close();
      }
    }
    if (legacy) {
      if (killed == 0) {
        call.error("No such client");
      } else {
        call.reply(Resp.OK);
      }
    } else {
      call.reply(integer(killed));
    }
  }

  private static void reply(CommandCall call) {
    switch (call.argLower(2)) {
      case "on" -> {
        call.session.setReplyOff(false);
        call.reply(Resp.OK);
      }
      case "off" -> call.session.setReplyOff(true);
      case "skip" -> call.session.skipNextReply();
      default -> call.error("syntax error");
    }
  }

  private static void onOff(CommandCall call, Runnable on, Runnable off) {
    String v = call.argLower(2);
    if (v.equals("on")) {
      on.run();
    } else if (v.equals("off")) {
      off.run();
    } else {
      call.error("syntax error");
      return;
    }
    call.reply(Resp.OK);
  }

  /**
   * Accepted and validated like Valkey; a sentinel serves no writes and its own traffic must not
   * stall, so the pause itself is not enforced.
   */
  private static void pause(CommandCall call) {
    long timeout;
    try {
      timeout = Long.parseLong(call.arg(2));
    } catch (NumberFormatException e) {
      call.error("timeout is not an integer or out of range");
      return;
    }
    if (timeout < 0) {
      call.error("timeout is negative");
      return;
    }
    if (call.argc() == 4) {
      String mode = call.argLower(3);
      if (!mode.equals("write") && !mode.equals("all")) {
        call.error("CLIENT PAUSE mode must be WRITE or ALL");
        return;
      }
    } else if (call.argc() > 4) {
      call.error("syntax error");
      return;
    }
    call.reply(Resp.OK);
  }

  /** No command of a sentinel blocks, so there is never anything to unblock. */
  private static void unblock(CommandCall call) {
    try {
      Long.parseLong(call.arg(2));
    } catch (NumberFormatException e) {
      call.error("value is not an integer or out of range");
      return;
    }
    if (call.argc() == 4) {
      String mode = call.argLower(3);
      if (!mode.equals("timeout") && !mode.equals("error")) {
        call.error("CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
        return;
      }
    } else if (call.argc() > 4) {
      call.error("syntax error");
      return;
    }
    call.reply(integer(0));
  }

  private static long parsePositive(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * One CLIENT LIST line with Valkey 8.0.1's fields in order. Memory and buffer fields describe
   * Valkey's C buffers and are reported as 0; {@code fd} is -1 because NIO channels do not expose
   * their descriptor.
   */
  static String describe(ClientSession c, long now) {
    return "id="
        + c.id()
        + " addr="
        + c.address()
        + " laddr="
        + c.localAddress()
        + " fd=-1"
        + " name="
        + c.name()
        + " age="
        + (now - c.createdMillis()) / 1000
        + " idle="
        + (now - c.lastInteractionMillis()) / 1000
        + " flags="
        + String.join("", c.flagsForList())
        + " db=0"
        + " sub="
        + c.channelCount()
        + " psub="
        + c.patternCount()
        + " ssub=0"
        + " multi=-1"
        + " watch=0"
        + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0"
        + " events=r"
        + " cmd="
        + c.lastCommand()
        + " user="
        + c.userName()
        + " redir=-1"
        + " resp="
        + c.protocolVersion()
        + " lib-name="
        + c.libName()
        + " lib-ver="
        + c.libVersion()
        + " tot-net-in="
        + c.bytesIn()
        + " tot-net-out="
        + c.bytesOut()
        + " tot-cmds="
        + c.commandsProcessed();
  }

  static RespValue help() {
    return HelpText.reply(
        "CLIENT",
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "CAPA <option> [options...]",
        "    The client claims its some capability options. Options are:",
        "    * REDIRECT",
        "      The client can handle redirection during primary and replica failover in"
            + " standalone mode.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|PRIMARY|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "    * ID <client-id>",
        "      Kill connections by client id.",
        "    * MAXAGE <maxage>",
        "      Kill connections older than the specified age.",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|PRIMARY|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>",
        "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.",
        "    * LIB-VER: the client lib version.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
        "NO-TOUCH (ON|OFF)",
        "    Will not touch LRU/LFU stats when this mode is on.");
  }
}
