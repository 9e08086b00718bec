package dev.vigil.server;

import java.util.Objects;

/** The sentinel-side collaborators the protocol server calls out to. */
public record ServerHooks(
    SentinelCommandHandler sentinelCommands,
    SentinelStatus status,
    HelloMessageHandler helloMessages,
    ShutdownHandler shutdown) {

  public ServerHooks {
    Objects.requireNonNull(sentinelCommands);
    Objects.requireNonNull(status);
    Objects.requireNonNull(helloMessages);
    Objects.requireNonNull(shutdown);
  }
}
