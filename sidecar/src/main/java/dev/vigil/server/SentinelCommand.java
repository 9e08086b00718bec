package dev.vigil.server;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * SENTINEL: the dispatcher has validated subcommand and arity against the table; the engine's
 * {@link SentinelCommandHandler} does the rest. A handler that throws or fails its stage produces
 * {@code -ERR <message>} instead of a dropped connection.
 */
final class SentinelCommand {
  private SentinelCommand() {}

  static void execute(CommandCall call) {
    CompletionStage<RespValue> stage;
    try {
      stage =
          call.server.hooks.sentinelCommands().execute(call.spec.name(), call.args, call.session);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    if (stage == null) {
      stage = CompletableFuture.failedFuture(new IllegalStateException("no reply"));
    }
    call.replyLater(
        stage.handle(
            (value, failure) -> {
              if (failure == null) {
                return value == null ? Resp.error("no reply") : value;
              }
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              return Resp.error(String.valueOf(cause.getMessage()));
            }));
  }
}
