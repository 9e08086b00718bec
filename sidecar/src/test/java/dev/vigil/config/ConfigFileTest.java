package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.MasterState;
import dev.vigil.engine.state.SentinelState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private static final String ID = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("sentinel.conf");
    Files.writeString(file, text);
    return file;
  }

  private ConfigFile load(Path file) throws ConfigException {
    return ConfigFile.load(dir.relativize(file), "8.0.1", dir);
  }

  @Test
  void loadSaveLoadKeepsTheStateAndTheSecondSaveIsByteIdentical() throws Exception {
    Path file =
        write(
            String.join(
                "\n",
                "# my sentinel",
                "port 26390",
                "sentinel monitor mymaster 127.0.0.1 6379 2",
                "# replicas below",
                "sentinel known-replica mymaster 127.0.0.1 6380",
                "vigil jolokia-port 8800",
                ""));
    ConfigFile config = load(file);
    assertEquals(file, config.path());
    SentinelState state = config.loaded().state();
    SentinelState withId = new SentinelState(ID, 1, state.globals(), state.masters());

    assertTrue(config.save(withId));
    ConfigFile reloaded = load(file);
    assertEquals(withId, reloaded.loaded().state());
    assertEquals(config.loaded().server(), reloaded.loaded().server());
    assertEquals(config.loaded().vigil(), reloaded.loaded().vigil());
    String text = Files.readString(file);
    assertTrue(text.startsWith("# my sentinel\nport 26390\nsentinel monitor mymaster"), text);
    assertTrue(text.contains("# replicas below\n"), text);

    assertTrue(reloaded.save(withId));
    String settled = Files.readString(file);
    assertTrue(reloaded.save(withId));
    assertEquals(settled, Files.readString(file));
    assertNull(reloaded.lastSaveError());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void saveKeepsLinesEditedByHandSinceStartup() throws Exception {
    Path file = write("sentinel monitor m 127.0.0.1 6379 1\n");
    ConfigFile config = load(file);
    Files.writeString(file, "# added later\n" + Files.readString(file));
    assertTrue(config.save(config.loaded().state()));
    assertTrue(Files.readString(file).startsWith("# added later\nsentinel monitor m"));
  }

  @Test
  void removedMasterDisappearsFromTheFile() throws Exception {
    Path file =
        write(
            "sentinel monitor a 127.0.0.1 6379 1\nsentinel monitor b 127.0.0.1 6479 1\n"
                + "sentinel known-replica b 127.0.0.1 6480\n");
    ConfigFile config = load(file);
    SentinelState s = config.loaded().state();
    MasterState a = s.masters().get(0);
    assertTrue(config.save(new SentinelState(ID, 0, s.globals(), List.of(a))));
    String text = Files.readString(file);
    assertFalse(text.contains(" b "), text);
    assertEquals(List.of(a), load(file).loaded().state().masters());
  }

  @Test
  void loglevelChangeIsSaved() throws Exception {
    Path file = write("loglevel notice\n");
    ConfigFile config = load(file);
    assertTrue(
        config.save(config.loaded().state(), config.loaded().server().withLoglevel("warning")));
    assertTrue(Files.readString(file).startsWith("loglevel warning\n"));
    // Later saves without server options keep the last ones given.
    assertTrue(config.save(config.loaded().state()));
    assertTrue(Files.readString(file).startsWith("loglevel warning\n"));
  }

  @Test
  void failedSaveReportsWhyAndReturnsFalse() throws Exception {
    Path file = write("port 26379\n");
    ConfigFile config = load(file);
    Files.delete(file);
    Files.createDirectory(file);
    Files.writeString(file.resolve("x"), "");
    assertFalse(config.save(config.loaded().state()));
    assertTrue(
        config.lastSaveError().startsWith("Could not read config file ("), config.lastSaveError());
  }

  @Test
  void parseErrorsNameTheFile() throws Exception {
    Path file = write("port 26379\nsentinel monitor m 127.0.0.1 6379 0\n");
    ConfigException e = assertThrows(ConfigException.class, () -> load(file));
    assertEquals(2, e.lineNumber());
    assertEquals(file, e.file());
    assertTrue(e.getMessage().endsWith("\nConfiguration file: " + file), e.getMessage());
  }

  @Test
  void missingFileIsRefused() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(dir.resolve("missing.conf")));
    assertEquals(
        "Fatal error, can't open config file '"
            + dir.resolve("missing.conf")
            + "': No such file or directory",
        e.getMessage());
  }

  @Test
  void noFileIsRefused() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigFile.load(null, "8.0.1", dir));
    assertEquals("Sentinel needs config file on disk to save state. Exiting...", e.getMessage());
  }

  @Test
  void invalidUtf8IsRefused() throws Exception {
    Path file = dir.resolve("sentinel.conf");
    Files.write(file, new byte[] {'#', ' ', (byte) 0xff, '\n'});
    ConfigException e = assertThrows(ConfigException.class, () -> load(file));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void unwritableFileIsRefused() throws Exception {
    Path file = write("port 26379\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    Assumptions.assumeFalse(
        Files.isWritable(file),
        "running as root: a read-only mode does not make the file unwritable, nothing to test");
    ConfigException e = assertThrows(ConfigException.class, () -> load(file));
    assertEquals(
        "Sentinel config file " + file + " is not writable: Permission denied. Exiting...",
        e.getMessage());
  }

  @Test
  void unwritableDirectoryIsRefused() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("ro"));
    Path file = sub.resolve("sentinel.conf");
    Files.writeString(file, "port 26379\n");
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(
          Files.isWritable(sub), "running as root: directory modes do not apply, nothing to test");
      ConfigException e = assertThrows(ConfigException.class, () -> load(file));
      assertTrue(e.getMessage().startsWith("Sentinel config file " + file + " is not writable: "));
      assertTrue(e.getMessage().endsWith(". Exiting..."));
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void logfileMustBeOpenableRelativeToDir() throws Exception {
    Files.createDirectory(dir.resolve("data"));
    Path ok = write("dir data\nlogfile sentinel.log\n");
    load(ok);
    assertTrue(Files.exists(dir.resolve("data/sentinel.log")), "created like fopen(\"a\") does");

    Path bad = write("logfile no-such-dir/sentinel.log\n");
    ConfigException e = assertThrows(ConfigException.class, () -> load(bad));
    assertEquals(0, e.lineNumber());
    assertEquals("Can't open the log file: No such file or directory", e.reason());
  }
}
