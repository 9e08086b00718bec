package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicConfigWriterTest {
  @TempDir Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void replacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("sentinel.conf");
    Files.writeString(target, "old\n");
    Files.writeString(dir.resolve("neighbour.txt"), "x");
    byte[] content = "port 26379\n".getBytes(StandardCharsets.UTF_8);

    AtomicConfigWriter.write(target, content);

    assertArrayEquals(content, Files.readAllBytes(target));
    assertEquals(List.of("neighbour.txt", "sentinel.conf"), listing());
  }

  @Test
  void createsAMissingFile() throws Exception {
    Path target = dir.resolve("new.conf");
    AtomicConfigWriter.write(target, new byte[] {'a', '\n'});
    assertEquals("a\n", Files.readString(target));
    assertEquals(List.of("new.conf"), listing());
  }

  @Test
  void modeIs0644MaskedByUmask() throws Exception {
    Path target = dir.resolve("sentinel.conf");
    Files.writeString(target, "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
    AtomicConfigWriter.write(target, new byte[0]);
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
    // Never more than rw-r--r--, whatever the old file's mode was; the owner can always write.
    assertTrue(PosixFilePermissions.fromString("rw-r--r--").containsAll(mode), mode.toString());
    assertTrue(mode.contains(PosixFilePermission.OWNER_WRITE));
    assertTrue(mode.contains(PosixFilePermission.OWNER_READ));
  }

  @Test
  void failureLeavesTheTargetUntouchedAndNoTemporaryFile() throws Exception {
    // Renaming a file over a non-empty directory fails after the temporary file was written.
    Path target = dir.resolve("sentinel.conf");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "keep");

    IOException e =
        assertThrows(IOException.class, () -> AtomicConfigWriter.write(target, new byte[] {'x'}));

    assertTrue(e.getMessage().startsWith("Could not rename tmp config file ("), e.getMessage());
    assertEquals(List.of("sentinel.conf"), listing());
    assertEquals("keep", Files.readString(target.resolve("inside")));
  }

  @Test
  void missingDirectoryIsReported() {
    Path target = dir.resolve("no-such-dir").resolve("sentinel.conf");
    IOException e =
        assertThrows(IOException.class, () -> AtomicConfigWriter.write(target, new byte[] {'x'}));
    assertTrue(e.getMessage().startsWith("Could not create tmp config file ("), e.getMessage());
    assertFalse(Files.exists(target.getParent()));
  }
}
