package dev.vigil.server;

import java.util.Locale;

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. A sentinel has nothing to save, so it always shuts
 * down as with NOSAVE; the sidecar's lifecycle does the work. Like Valkey, no reply is sent: the
 * connection closes.
 */
final class ShutdownCommand {
  private ShutdownCommand() {}

  static void execute(CommandCall call) {
    boolean abort = false;
    for (int i = 1; i < call.argc(); i++) {
      switch (call.arg(i).toLowerCase(Locale.ROOT)) {
        case "nosave", "save", "now", "force" -> {}
        case "abort" -> abort = true;
        default -> {
          call.error("syntax error");
          return;
        }
      }
    }
    if (abort) {
      if (call.argc() != 2) {
        call.error("syntax error");
      } else {
        call.error("No shutdown in progress.");
      }
      return;
    }
    call.closeAfterReply();
    call.server.hooks.shutdown().shutdownRequested();
  }
}
