package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;

import dev.vigil.resp.Resp;

/** ROLE in sentinel mode: {@code ["sentinel", [primary names...]]}. */
final class RoleCommand {
  private RoleCommand() {}

  static void execute(CommandCall call) {
    call.reply(
        Resp.array(bulk("sentinel"), Resp.bulkArray(call.server.hooks.status().primaryNames())));
  }
}
