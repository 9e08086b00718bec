package dev.vigil.server;

/** Read-only facts about the connection a command came from. */
public interface ClientView {
  long id();

  /** The authenticated user name ({@code default} until AUTH). */
  String userName();

  /** 2 or 3. */
  int protocolVersion();

  /** Remote address as {@code ip:port}. */
  String address();
}
