package dev.vigil.testkit;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The optional container backend: a {@code valkey/valkey} container through Testcontainers, for
 * machines that have a Docker engine but no local binaries. Probing Docker takes most of a second
 * (and logs an error when there is none), so only tests that want containers call {@link
 * #dockerAvailable()}; the process backend never touches Docker.
 *
 * <p>Other tests use containers instead of processes only when {@code -Dvigil.docker=true} and an
 * engine is present ({@link #selectedForNodes()}).
 */
public final class DockerBackend {
  public static final String IMAGE = "valkey/valkey:8.0";
  public static final String SKIP_MESSAGE =
      "Docker engine not available: container backend skipped";
  private static final int VALKEY_PORT = 6379;
  private static Boolean available;

  private DockerBackend() {}

  /** Whether a Docker engine answers; probed once per JVM. */
  public static synchronized boolean dockerAvailable() {
    if (available == null) {
      boolean ok;
      try {
        ok = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        ok = false;
      }
      available = ok;
      KitLog.info("Docker engine " + (ok ? "available" : "not available"));
    }
    return available;
  }

  /** True when the user asked for containers ({@code -Dvigil.docker=true}) and Docker is there. */
  public static boolean selectedForNodes() {
    return Boolean.getBoolean("vigil.docker") && dockerAvailable();
  }

  /** Starts a Valkey container and waits until it accepts connections. */
  public static ContainerNode startValkey() {
    if (!dockerAvailable()) {
      throw new IllegalStateException(SKIP_MESSAGE);
    }
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(VALKEY_PORT)
            .withCommand("valkey-server", "--save", "", "--appendonly", "no")
            .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))
            .withStartupTimeout(Duration.ofSeconds(60));
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ContainerFetchException) {
          throw new ImageUnavailable(
              "Docker engine present but image "
                  + IMAGE
                  + " (or Testcontainers' helper images)"
                  + " could not be pulled: "
                  + t.getMessage(),
              e);
        }
      }
      throw e;
    }
    return new ContainerNode(container);
  }

  /**
   * The engine answered but an image could not be pulled (no registry access): an environment
   * limitation, which tests report as skipped rather than failed.
   */
  public static final class ImageUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImageUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A Valkey server in a container, reachable on a host port mapped by Docker. */
  public static final class ContainerNode implements ServerEndpoint {
    private final GenericContainer<?> container;

    private ContainerNode(GenericContainer<?> container) {
      this.container = container;
    }

    @Override
    public HostPort address() {
      return new HostPort(container.getHost(), container.getMappedPort(VALKEY_PORT));
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
