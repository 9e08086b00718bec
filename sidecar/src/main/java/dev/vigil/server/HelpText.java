package dev.vigil.server;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/** Valkey's addReplyHelp: a header line, the given lines, then HELP; all status replies. */
final class HelpText {
  private HelpText() {}

  static RespValue reply(String container, String... lines) {
    List<RespValue> out = new ArrayList<>();
    out.add(Resp.status(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
    for (String l : lines) {
      out.add(Resp.status(l));
    }
    out.add(Resp.status("HELP"));
    out.add(Resp.status("    Print this help."));
    return Resp.array(out);
  }
}
