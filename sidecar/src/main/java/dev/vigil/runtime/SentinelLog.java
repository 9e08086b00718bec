package dev.vigil.runtime;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.SentinelEvent.Level;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Log lines in Valkey's format, {@code <pid>:X <dd Mon yyyy HH:mm:ss.SSS> <level> <message>}
 * ({@code X} is the sentinel role; level marks {@code . - * #} for debug, verbose, notice,
 * warning), e.g. {@code 4242:X 23 Nov 2026 15:43:28.600 # +sdown master mymaster 127.0.0.1 6379}.
 * Operators grep Sentinel logs for exactly these lines. Thread-safe.
 */
public final class SentinelLog implements EventSink {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);

  private final PrintStream out;
  private final long pid;
  private final LongSupplier wallMs;
  private final ZoneId zone;
  private volatile Level minLevel;

  /**
   * @param minLevel the least severe level written; null writes nothing ({@code loglevel nothing})
   */
  public SentinelLog(PrintStream out, Level minLevel, long pid, LongSupplier wallMs, ZoneId zone) {
    this.out = out;
    this.minLevel = minLevel;
    this.pid = pid;
    this.wallMs = wallMs;
    this.zone = zone;
  }

  /** A log on {@code out} for this process, local time. */
  public static SentinelLog forProcess(PrintStream out, Level minLevel) {
    return new SentinelLog(
        out,
        minLevel,
        ProcessHandle.current().pid(),
        System::currentTimeMillis,
        ZoneId.systemDefault());
  }

  /**
   * Parses a {@code loglevel} value ({@code debug verbose notice warning nothing}); null for {@code
   * nothing}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static Level parseLevel(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "debug" -> Level.DEBUG;
      case "verbose" -> Level.VERBOSE;
      case "notice" -> Level.NOTICE;
      case "warning" -> Level.WARNING;
      case "nothing" -> null;
      default -> throw new IllegalArgumentException("invalid loglevel '" + value + "'");
    };
  }

  public void setMinLevel(Level level) {
    this.minLevel = level;
  }

  public void debug(String message) {
    log(Level.DEBUG, message);
  }

  public void verbose(String message) {
    log(Level.VERBOSE, message);
  }

  public void notice(String message) {
    log(Level.NOTICE, message);
  }

  public void warning(String message) {
    log(Level.WARNING, message);
  }

  public void log(Level level, String message) {
    Level min = minLevel;
    if (min == null || level.compareTo(min) < 0) {
      return;
    }
    String line =
        pid
            + ":X "
            + TIME.format(Instant.ofEpochMilli(wallMs.getAsLong()).atZone(zone))
            + " "
            + mark(level)
            + " "
            + message;
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** Every event is logged as {@code <type> <message>} at its level. */
  @Override
  public void emit(SentinelEvent event) {
    log(event.level(), event.type() + " " + event.message());
  }

  private static char mark(Level level) {
    return switch (level) {
      case DEBUG -> '.';
      case VERBOSE -> '-';
      case NOTICE -> '*';
      case WARNING -> '#';
    };
  }
}
