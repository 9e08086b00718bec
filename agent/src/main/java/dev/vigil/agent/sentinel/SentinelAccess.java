package dev.vigil.agent.sentinel;

import dev.vigil.agent.HostPort;
import java.io.IOException;

/** How to open an authenticated connection to a sentinel. */
public final class SentinelAccess {
  static final int CONNECT_TIMEOUT_MS = 1000;

  private final String user;
  private final String password;

  public SentinelAccess(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** Opens a connection and authenticates it if a password is configured. */
  RespConnection open(HostPort sentinel, int readTimeoutMs) throws IOException {
    RespConnection connection = RespConnection.open(sentinel, CONNECT_TIMEOUT_MS, readTimeoutMs);
    try {
      if (password != null) {
        Object reply =
            user == null
                ? connection.call("AUTH", password)
                : connection.call("AUTH", user, password);
        if (reply instanceof RespConnection.ErrorReply) {
          throw new IOException(
              "sentinel "
                  + sentinel
                  + " refused AUTH: "
                  + ((RespConnection.ErrorReply) reply).message());
        }
      }
      return connection;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
