package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The container backend; skipped with a clear message on machines without a Docker engine. */
class DockerBackendIT {

  @Test
  void valkeyContainerServesCommands() {
    assumeTrue(
        !"false".equals(System.getProperty("vigil.docker")), "disabled by -Dvigil.docker=false");
    assumeTrue(DockerBackend.dockerAvailable(), DockerBackend.SKIP_MESSAGE);
    try (DockerBackend.ContainerNode node = DockerBackend.startValkey()) {
      assertEquals("OK", node.call("SET", "k", "v"));
      assertEquals("v", node.call("GET", "k"));
    }
  }
}
