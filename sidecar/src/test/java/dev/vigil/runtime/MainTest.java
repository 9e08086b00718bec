package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, up to the point where a sidecar would start. */
class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpAndVersion() {
    assertEquals(0, run("--help"));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).startsWith("Usage: java -jar vigil-sidecar.jar"));
    out.reset();
    assertEquals(0, run("--version"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Vigil sidecar v="));
  }

  @Test
  void wrongUsageExitsWithOne() {
    assertEquals(1, run());
    assertEquals(1, run("a.conf", "b.conf"));
    assertEquals(1, run("--bogus"));
    assertTrue(err().contains("Usage:"));
  }

  @Test
  void badLineIsReportedLikeSentinelAndStopsStartUp() throws Exception {
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, "port 26379\nsentinel monitor mymaster 127.0.0.1 6379 0\n");
    assertEquals(1, run(conf.toString()));
    assertTrue(
        err()
            .startsWith(
                System.lineSeparator()
                    + "*** FATAL CONFIG FILE ERROR (Version 8.0.1) ***\n"
                    + "Reading the configuration file, at line 2\n"
                    + ">>> 'sentinel monitor mymaster 127.0.0.1 6379 0'\n"
                    + "Quorum must be 1 or greater."),
        err());
  }

  @Test
  void missingOrUnwritableConfigStopsStartUp() throws Exception {
    assertEquals(1, run(dir.resolve("missing.conf").toString()));
    assertTrue(err().contains("can't open config file"), err());
    err.reset();
    Path conf = dir.resolve("readonly.conf");
    Files.writeString(conf, "sentinel monitor mymaster 127.0.0.1 6379 2\n");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("r--r--r--"));
    if (Files.isWritable(conf)) {
      return; // running as root: permissions do not apply, nothing to check
    }
    assertEquals(1, run(conf.toString()));
    assertTrue(err().contains("is not writable"), err());
  }
}
