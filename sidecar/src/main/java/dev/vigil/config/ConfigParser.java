package dev.vigil.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the lines of a {@code sentinel.conf} into a {@link ParsedConfig}, following Valkey's {@code
 * loadServerConfigFromString} and Sentinel's {@code loadSentinelConfigFromQueue}:
 *
 * <ol>
 *   <li>each line is trimmed; empty lines and lines starting with {@code #} are skipped;
 *   <li>the line is split into arguments ({@link ArgSplitter}); the directive name is
 *       case-insensitive;
 *   <li>server directives are applied at once ({@link ServerDirectives}), {@code vigil} lines too
 *       ({@link VigilDirectives}), {@code sentinel} lines are queued;
 *   <li>after the last line the queued {@code sentinel} lines are applied in three passes ({@link
 *       SentinelDirectives}).
 * </ol>
 *
 * The first error stops everything with a {@link ConfigException} in Sentinel's fatal format. Pure:
 * it reads no file, only checks that {@code dir} exists and scripts are executable.
 */
public final class ConfigParser {
  /** The version shown in fatal errors when the caller gives none: the Valkey release we mimic. */
  public static final String DEFAULT_VERSION = "8.0.1";

  private final String version;
  private final Path workingDir;

  /**
   * @param version shown in the fatal error header
   * @param workingDir absolute directory relative {@code dir} directives are resolved against (the
   *     process working directory in Sentinel)
   */
  public ConfigParser(String version, Path workingDir) {
    this.version = version;
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  /**
   * Parses {@code lines} (as {@link ConfigText#split} gives them); {@code file} only names the file
   * in error messages and may be null.
   */
  public ParsedConfig parse(Path file, List<String> lines) throws ConfigException {
    ServerDirectives server = new ServerDirectives(workingDir);
    VigilDirectives vigil = new VigilDirectives();
    SentinelDirectives sentinel = new SentinelDirectives();

    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String line = ConfigText.trim(lines.get(i));
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      List<String> argv = ArgSplitter.split(line);
      if (argv == null) {
        throw error(file, lineNumber, line, "Unbalanced quotes in configuration line");
      }
      if (argv.isEmpty()) {
        continue;
      }
      String name = argv.get(0).toLowerCase(Locale.ROOT);
      List<String> args = argv.subList(1, argv.size());
      String problem;
      if (name.equals("sentinel")) {
        // A bare "sentinel" line only selects sentinel mode (how --sentinel works).
        if (!args.isEmpty()) {
          sentinel.queue(new SentinelDirectives.Entry(List.copyOf(args), lineNumber, line));
        }
        problem = null;
      } else if (name.equals("vigil")) {
        problem = vigil.apply(args);
      } else {
        problem = server.apply(name, args);
      }
      if (problem != null) {
        throw error(file, lineNumber, line, problem);
      }
    }

    SentinelDirectives.Failure failure = sentinel.applyAll(server.dir());
    if (failure != null) {
      throw error(file, failure.entry().lineNumber(), failure.entry().line(), failure.reason());
    }
    String vigilProblem = vigil.validate();
    if (vigilProblem != null) {
      throw new ConfigException(version, file, 0, null, vigilProblem);
    }
    return new ParsedConfig(lines, sentinel.toState(), server.toOptions(), vigil.toOptions());
  }

  private ConfigException error(Path file, int lineNumber, String line, String reason) {
    return new ConfigException(version, file, lineNumber, line, reason);
  }
}
