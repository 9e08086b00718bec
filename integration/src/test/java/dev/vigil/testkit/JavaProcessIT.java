package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVMs started, observed and stopped through the kit. */
@ExtendWith(TestKitExtension.class)
class JavaProcessIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void startsAJvmWithArgumentsAndReadsItsOutput() {
    try (JavaProcess jvm =
        JavaProcess.builder(EchoMain.class.getName())
            .jvmArgs("-Dvigil.echo=hello", "-Xmx32m")
            .args("a", "b")
            .start()) {
      String pid = jvm.waitForLine("ready pid=(\\d+)", TIMEOUT).group(1);
      assertEquals(jvm.pid(), Long.parseLong(pid));
      jvm.waitForLine("^prop=hello$", TIMEOUT);
      jvm.waitForLine("^args=a,b$", TIMEOUT);

      jvm.destroy(Duration.ofSeconds(10));
      assertEquals(143, jvm.process().exitCode(), "128 + SIGTERM");
      jvm.waitForLine("^bye$", Duration.ofSeconds(1));
    }
  }

  @Test
  void cursorAtEndSeesOnlyLaterLines() {
    try (JavaProcess jvm = JavaProcess.builder(EchoMain.class.getName()).start()) {
      jvm.waitForLine("ready pid=", TIMEOUT);
      jvm.writeLine("first");
      jvm.waitForLine("^echo: first$", TIMEOUT);

      LogCursor cursor = jvm.outputCursorAtEnd();
      jvm.writeLine("second");
      assertEquals(
          "second",
          cursor.waitForLine("^echo: (.*)$", TIMEOUT).group(1),
          "the cursor skips the line printed before it was taken");
    }
  }

  @Test
  void sigkillSkipsShutdownHooks() {
    try (JavaProcess jvm = JavaProcess.builder(EchoMain.class.getName()).start()) {
      jvm.waitForLine("ready pid=", TIMEOUT);
      jvm.kill9();
      assertFalse(jvm.isAlive());
      assertEquals(137, jvm.process().exitCode(), "128 + SIGKILL");
      assertFalse(jvm.output().contains("bye"));
    }
  }

  @Test
  void runsAnExecutableJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("echo.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoMain.class.getName());
    String classFile = EchoMain.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream in = EchoMain.class.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new JarEntry(classFile));
      in.transferTo(out);
    }
    try (JavaProcess jvm = JavaProcess.jar(jar).args("x").start()) {
      jvm.waitForLine("^args=x$", TIMEOUT);
      assertEquals("echo", jvm.name());
    }
  }

  @Test
  void waitForLineFailsFastWhenTheJvmExits() {
    try (JavaProcess jvm = JavaProcess.builder("no.such.MainClass").start()) {
      AssertionError error =
          assertThrows(AssertionError.class, () -> jvm.waitForLine("never printed", TIMEOUT));
      assertEquals(1, jvm.waitForExit(TIMEOUT));
      assertFalse(error.getMessage().isEmpty());
    }
  }
}
