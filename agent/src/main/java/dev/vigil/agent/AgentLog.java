package dev.vigil.agent;

import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

/**
 * The agent's own tiny logger. It writes to {@code System.err} with a {@code [vigil-agent]} prefix,
 * because the application's logging framework (if any) is not ours to use. Level is set by the
 * {@code log} option: {@code off}, {@code warn}, {@code info} (default) or {@code debug}.
 */
public final class AgentLog {
  /** Log levels, most severe first. */
  public enum Level {
    OFF,
    WARN,
    INFO,
    DEBUG
  }

  private static volatile Level level = Level.INFO;
  private static volatile PrintStream out = System.err;

  private AgentLog() {}

  public static void setLevel(Level newLevel) {
    level = newLevel;
  }

  /** Redirects output (tests). */
  static void setOut(PrintStream stream) {
    out = stream;
  }

  public static boolean debugEnabled() {
    return level.compareTo(Level.DEBUG) >= 0;
  }

  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  public static void warn(String message, Throwable error) {
    log(Level.WARN, message, error);
  }

  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  private static void log(Level at, String message, Throwable error) {
    if (level == Level.OFF || at.compareTo(level) > 0) {
      return;
    }
    String time = new SimpleDateFormat("HH:mm:ss.SSS", Locale.ROOT).format(new Date());
    StringBuilder line = new StringBuilder(96);
    line.append(time).append(" [vigil-agent] ").append(at).append(' ').append(message);
    if (error != null) {
      line.append(": ").append(error);
    }
    PrintStream stream = out;
    stream.println(line);
    if (error != null && debugEnabled()) {
      error.printStackTrace(stream);
    }
  }
}
