package dev.vigil.config;

import java.nio.file.Path;

/**
 * A configuration error that stops start-up. {@link #getMessage()} is Sentinel's fatal report, line
 * for line, followed by the file it was read from:
 *
 * <pre>
 * *** FATAL CONFIG FILE ERROR (Version 8.0.1) ***
 * Reading the configuration file, at line 7
 * &gt;&gt;&gt; 'sentinel monitor mymaster 127.0.0.1 6379 0'
 * Quorum must be 1 or greater.
 * Configuration file: /etc/vigil/sentinel.conf
 * </pre>
 *
 * Sentinel prints an empty line before the report on stderr; the caller should do the same. Errors
 * found after the whole file was read (no single line to blame) have {@link #lineNumber()} 0 and
 * omit the two line-related lines, as Sentinel does.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int lineNumber;
  private final String line;
  private final String reason;

  ConfigException(String version, Path file, int lineNumber, String line, String reason) {
    super(format(version, file, lineNumber, line, reason));
    this.file = file;
    this.lineNumber = lineNumber;
    this.line = line;
    this.reason = reason;
  }

  /** A start-up refusal that is not about a line (missing or unwritable file). */
  ConfigException(Path file, String message) {
    super(message);
    this.file = file;
    this.lineNumber = 0;
    this.line = null;
    this.reason = message;
  }

  private static String format(
      String version, Path file, int lineNumber, String line, String reason) {
    StringBuilder out = new StringBuilder();
    out.append("*** FATAL CONFIG FILE ERROR (Version ").append(version).append(") ***\n");
    if (lineNumber > 0) {
      out.append("Reading the configuration file, at line ").append(lineNumber).append('\n');
      out.append(">>> '").append(line).append("'\n");
    }
    out.append(reason);
    if (file != null) {
      out.append("\nConfiguration file: ").append(file);
    }
    return out.toString();
  }

  /** The file being read, or null when parsing text that came from no file. */
  public Path file() {
    return file;
  }

  /** 1-based line number, or 0 when the error is not about one line. */
  public int lineNumber() {
    return lineNumber;
  }

  /** The offending line (trimmed, as Sentinel shows it), or null. */
  public String line() {
    return line;
  }

  /** What is wrong, in Sentinel's words (for example {@code Quorum must be 1 or greater.}). */
  public String reason() {
    return reason;
  }
}
