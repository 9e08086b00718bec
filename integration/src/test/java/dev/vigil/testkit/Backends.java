package dev.vigil.testkit;

/**
 * Chooses how standalone servers run: local processes ({@link ValkeyNode}) by default, containers
 * ({@link DockerBackend}) only with {@code -Dvigil.docker=true} and a Docker engine present. The
 * Docker probe runs only when containers were asked for, so the default costs nothing.
 */
public final class Backends {
  private Backends() {}

  /** Starts a standalone server with the selected backend. */
  public static ServerEndpoint startServer() {
    if (DockerBackend.selectedForNodes()) {
      KitLog.info("backend: docker (" + DockerBackend.IMAGE + ")");
      return DockerBackend.startValkey();
    }
    return ValkeyNode.start();
  }
}
