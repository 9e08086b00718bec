package dev.vigil.config;

import dev.vigil.engine.StateStore;
import dev.vigil.engine.state.SentinelState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The sidecar's configuration file: loads it at start-up (refusing to start on any error, as
 * Sentinel does) and saves the engine's state into it at every flush point ({@link StateStore}).
 *
 * <p>Every save re-reads the file as it is on disk, so comments and lines edited by hand since
 * start-up are kept, then rewrites it ({@link ConfigRewriter}) and replaces it atomically ({@link
 * AtomicConfigWriter}). Saves are serialised. The file is UTF-8.
 */
public final class ConfigFile implements StateStore {
  private final Path path;
  private final ParsedConfig loaded;
  private ServerOptions server;
  private String lastSaveError;

  private ConfigFile(Path path, ParsedConfig loaded) {
    this.path = path;
    this.loaded = loaded;
    this.server = loaded.server();
  }

  /** Loads {@code path} relative to the process working directory. */
  public static ConfigFile load(Path path) throws ConfigException {
    return load(path, ConfigParser.DEFAULT_VERSION, Path.of("").toAbsolutePath());
  }

  /**
   * Loads and checks the file like Sentinel's start-up: the path is made absolute against {@code
   * workingDir}; the file must exist, parse, and be writable (with its directory, where the rewrite
   * creates its temporary file).
   *
   * @param path the config file; null is refused like Sentinel started without one
   * @param version shown in fatal errors
   */
  public static ConfigFile load(Path path, String version, Path workingDir) throws ConfigException {
    if (path == null) {
      throw new ConfigException(
          null, "Sentinel needs config file on disk to save state. Exiting...");
    }
    Path file = workingDir.toAbsolutePath().resolve(path).normalize();
    String content;
    try {
      content = decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          file, "Fatal error, can't open config file '" + file + "': No such file or directory");
    } catch (CharacterCodingException e) {
      throw new ConfigException(
          file, "Fatal error, can't read config file '" + file + "': it is not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException(
          file, "Fatal error, can't open config file '" + file + "': " + IoReasons.strerror(e));
    }
    ParsedConfig parsed =
        new ConfigParser(version, workingDir).parse(file, ConfigText.split(content));
    checkLogfile(version, file, parsed.server());
    checkWritable(file);
    return new ConfigFile(file, parsed);
  }

  /**
   * Like Valkey after reading the file: the log file must be openable for appending (it is created
   * if missing), relative to {@code dir}.
   */
  private static void checkLogfile(String version, Path file, ServerOptions server)
      throws ConfigException {
    if (server.logfile().isEmpty()) {
      return;
    }
    Path log = Path.of(server.dir()).resolve(server.logfile());
    try (var out =
        Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      // opened: fine
    } catch (IOException e) {
      throw new ConfigException(
          version, file, 0, null, "Can't open the log file: " + IoReasons.strerror(e));
    }
  }

  /** Sentinel's {@code sentinelCheckConfigFile}, plus the directory the rewrite writes into. */
  private static void checkWritable(Path file) throws ConfigException {
    String reason = null;
    if (!Files.isWritable(file)) {
      reason = Files.exists(file) ? "Permission denied" : "No such file or directory";
    } else if (!Files.isWritable(file.getParent())) {
      reason = "Permission denied (directory " + file.getParent() + ")";
    }
    if (reason != null) {
      throw new ConfigException(
          file, "Sentinel config file " + file + " is not writable: " + reason + ". Exiting...");
    }
  }

  /** The absolute path of the file. */
  public Path path() {
    return path;
  }

  /** What the file said at start-up. */
  public ParsedConfig loaded() {
    return loaded;
  }

  /** The server options saved with the state: those loaded, or the last ones given to a save. */
  public synchronized ServerOptions serverOptions() {
    return server;
  }

  /** Saves the state with the server options last given (those loaded at first). */
  @Override
  public synchronized boolean save(SentinelState state) {
    return save(state, server);
  }

  /**
   * Saves the state and server options (after {@code SENTINEL CONFIG SET loglevel}); returns false
   * and keeps the reason in {@link #lastSaveError()} on failure. The Vigil options are those
   * loaded.
   */
  public synchronized boolean save(SentinelState state, ServerOptions serverOptions) {
    this.server = serverOptions;
    try {
      List<String> oldLines = readCurrentLines();
      List<String> lines = ConfigRewriter.rewrite(oldLines, state, serverOptions, loaded.vigil());
      AtomicConfigWriter.write(path, ConfigText.join(lines).getBytes(StandardCharsets.UTF_8));
      lastSaveError = null;
      return true;
    } catch (IOException e) {
      lastSaveError = e.getMessage();
      return false;
    }
  }

  /**
   * Why the last save failed (for Sentinel's {@code WARNING: Sentinel was not able to save the new
   * configuration on disk!!!: <reason>}), or null if it succeeded.
   */
  public synchronized String lastSaveError() {
    return lastSaveError;
  }

  /** The file as it is now; a missing file is an empty one (Valkey's rewrite does the same). */
  private List<String> readCurrentLines() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new IOException("Could not read config file (" + IoReasons.strerror(e) + ")", e);
    }
    try {
      return ConfigText.split(decode(bytes));
    } catch (CharacterCodingException e) {
      throw new IOException("Could not read config file (it is not valid UTF-8)", e);
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
