package dev.vigil.server;

/** Executes one command (or every subcommand of a container) once all checks have passed. */
@FunctionalInterface
interface CommandHandler {
  void execute(CommandCall call);
}
