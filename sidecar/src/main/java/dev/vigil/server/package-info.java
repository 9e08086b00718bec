/**
 * The Sentinel protocol server: connections, the command table and dispatcher (arity,
 * authentication, ACL, pub/sub context checks with Valkey's exact texts), the commands a sentinel
 * serves besides SENTINEL's own logic, pub/sub, and {@link dev.vigil.server.RespServer} which binds
 * it all to Netty. The SENTINEL subcommands themselves are delegated to a {@link
 * dev.vigil.server.SentinelCommandHandler}.
 */
package dev.vigil.server;
