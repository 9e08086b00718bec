package dev.vigil.server;

import dev.vigil.resp.RespValue;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Executes a SENTINEL subcommand. The dispatcher has already checked the subcommand exists, its
 * arity, authentication and ACL, so {@code subcommand} is one of the names in the SENTINEL
 * subcommand table (lower case, aliases as sent, e.g. {@code "get-primary-addr-by-name"}).
 *
 * <p>Called on a network thread; return a stage completed later if the work happens elsewhere (e.g.
 * on the engine's thread). Replies to one connection stay in request order: later requests of that
 * connection wait for the stage.
 */
@FunctionalInterface
public interface SentinelCommandHandler {

  /**
   * @param subcommand the subcommand in lower case
   * @param args every argument as sent, including {@code SENTINEL} and the subcommand
   * @param client who is asking
   * @return the reply (an {@link RespValue.ErrorReply} for errors); a failed stage becomes {@code
   *     -ERR <message>}
   */
  CompletionStage<RespValue> execute(String subcommand, List<byte[]> args, ClientView client);
}
