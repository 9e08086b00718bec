package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The container backend; skipped with a clear message on machines without a Docker engine. */
@ExtendWith(TestKitExtension.class)
class DockerBackendIT {

  @Test
  void processesAreTheDefaultBackend() {
    assumeTrue(!Boolean.getBoolean("vigil.docker"), "containers were requested");
    try (ServerEndpoint server = Backends.startServer()) {
      assertInstanceOf(ValkeyNode.class, server);
      assertEquals("PONG", server.call("PING"));
    }
  }

  @Test
  void valkeyContainerServesCommands() {
    assumeTrue(
        !"false".equals(System.getProperty("vigil.docker")), "disabled by -Dvigil.docker=false");
    assumeTrue(DockerBackend.dockerAvailable(), DockerBackend.SKIP_MESSAGE);
    ServerEndpoint node;
    try {
      node = DockerBackend.startValkey();
    } catch (DockerBackend.ImageUnavailable e) {
      abort(e.getMessage());
      return;
    }
    try (node) {
      assertEquals("OK", node.call("SET", "k", "v"));
      assertEquals("v", node.call("GET", "k"));
    }
  }
}
