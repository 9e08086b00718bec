package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships is the product only: the demo ({@code dev.vigil.demo}, with its scanner of {@code
 * ~/.m2}) lives in its own jar, and the screenshot code JConsole's documentation needs lives in the
 * integration tests, not in the plugin.
 */
class ProductJarsIT {
  private static final Path ROOT =
      Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  @Test
  void productJarsHoldNoDemoOrScreenshotCode() throws Exception {
    List<Path> jars = new ArrayList<>();
    jars.add(ROOT.resolve("sidecar/target/vigil-sidecar.jar"));
    jars.addAll(glob(ROOT.resolve("sidecar/target"), "vigil-sidecar-*[0-9T].jar"));
    jars.add(ROOT.resolve("agent/target/vigil-agent.jar"));
    jars.addAll(glob(ROOT.resolve("jconsole-plugins/target"), "vigil-jconsole-plugin-*.jar"));
    Path dir = TempDirs.create("vigil-product-jars");
    try {
      Distribution.run(dir, "tar", "-xzf", Distribution.tarball().toString());
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
      }
      assertEquals(8, jars.size(), "product jars: " + jars);
      for (Path jar : jars) {
        List<String> entries = entries(jar);
        assertTrue(entries.size() > 10, jar + " has " + entries.size() + " entries");
        for (String entry : entries) {
          assertTrue(!entry.startsWith("dev/vigil/demo/"), jar + " holds demo code: " + entry);
          assertTrue(!entry.contains("Screenshot"), jar + " holds screenshot code: " + entry);
        }
      }
    } finally {
      TempDirs.delete(dir);
    }
  }

  /** The test above would pass on jars built without the demo at all: the demo jar has it. */
  @Test
  void demoHasAJarOfItsOwn() throws Exception {
    List<Path> demo = glob(ROOT.resolve("sidecar/target"), "vigil-sidecar-*-demo.jar");
    assertEquals(1, demo.size(), "the demo jar: " + demo);
    List<String> entries = entries(demo.get(0));
    assertTrue(entries.contains("dev/vigil/demo/Demo.class"), entries.toString());
    assertTrue(
        entries.stream()
            .allMatch(
                e ->
                    e.startsWith("dev/vigil/demo/")
                        || e.startsWith("META-INF/")
                        || e.endsWith("/")),
        "only the demo: " + entries);
  }

  private static List<String> entries(Path jar) throws IOException {
    assertTrue(Files.isRegularFile(jar), jar + ": mvn package first");
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  private static List<Path> glob(Path dir, String pattern) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, pattern)) {
      paths.forEach(found::add);
    }
    return found;
  }
}
