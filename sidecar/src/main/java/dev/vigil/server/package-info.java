/**
 * The Sentinel protocol server: connections, the command table and dispatcher, the commands a
 * sentinel serves besides SENTINEL's own logic, pub/sub, and {@link dev.vigil.server.RespServer}
 * which binds it all to Netty (two event loops, no thread per connection).
 *
 * <p>Wiring it to the engine:
 *
 * <pre>{@code
 * ServerSettings settings = ServerSettings.defaults(myRunId)
 *     .withBindAddresses(List.of("127.0.0.1"))
 *     .withRequirePass(requirePassOrNull)
 *     .withAclUserLines(userLines);            // "name rule rule..." per `user` directive
 * ServerHooks hooks = new ServerHooks(
 *     (subcommand, args, client) -> engine.submit(subcommand, args), // CompletionStage<RespValue>
 *     engineStatus,                               // INFO "# Sentinel" body and ROLE names
 *     payload -> engine.onHello(payload),         // PUBLISH __sentinel__:hello <payload>
 *     () -> lifecycle.shutdown());                // SHUTDOWN
 * RespServer server = new RespServer(settings, hooks).start();
 * server.publish("+sdown", "master mymaster 127.0.0.1 6379"); // from any thread
 * server.close();
 * }</pre>
 *
 * <p>Every request goes through Valkey's processCommand checks in Valkey's order (lookup, arity,
 * authentication, ACL, RESP2 subscribed-mode restriction) before a handler runs, so the SENTINEL
 * handler only ever sees known subcommands with a valid argument count. Command metadata (arity,
 * flags, ACL categories, COMMAND INFO/DOCS replies) is Valkey 8.0.1's own, captured from a real
 * sentinel: see {@link dev.vigil.server.CommandTable}.
 */
package dev.vigil.server;
