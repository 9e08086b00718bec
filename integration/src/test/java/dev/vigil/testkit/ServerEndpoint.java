package dev.vigil.testkit;

/**
 * A standalone server however it runs (local process or container): enough for tests that only need
 * something speaking RESP at an address. Obtain one from {@link Backends#startServer()}.
 */
public interface ServerEndpoint extends AutoCloseable {
  HostPort address();

  /** A new connection; the caller closes it. */
  default RespClient client() {
    return RespClient.connect(address());
  }

  /** One command on a fresh connection. */
  default Object call(String... args) {
    try (RespClient c = client()) {
      return c.call(args);
    }
  }

  /** Stops the server; never throws. */
  @Override
  void close();
}
