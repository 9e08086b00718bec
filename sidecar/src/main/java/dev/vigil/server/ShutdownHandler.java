package dev.vigil.server;

/**
 * Asked to stop the sidecar when a client sends SHUTDOWN (Sentinel always shuts down with NOSAVE).
 * Called on a network thread after the request was accepted; must not block on the server's own
 * shutdown.
 */
@FunctionalInterface
public interface ShutdownHandler {
  void shutdownRequested();
}
