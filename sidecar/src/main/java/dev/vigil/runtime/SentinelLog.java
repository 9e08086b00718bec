package dev.vigil.runtime;

import dev.vigil.engine.EventSink;
import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.SentinelEvent.Level;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Log lines in Valkey's format, {@code <pid>:X <dd Mon yyyy HH:mm:ss.SSS> <level> <message>}
 * ({@code X} is the sentinel role; level marks {@code . - * #} for debug, verbose, notice,
 * warning), e.g. {@code 4242:X 23 Nov 2026 15:43:28.600 # +sdown master mymaster 127.0.0.1 6379}.
 * Operators grep Sentinel logs for exactly these lines. Thread-safe.
 */
public final class SentinelLog implements EventSink {
  /**
   * Month names as Valkey's strftime("%d %b %Y") writes them in the C locale. Formatted by hand:
   * DateTimeFormatter's {@code MMM} loads the JDK's CLDR locale data (~40 classes, tens of ms) for
   * the very first log line, on the way to the open port.
   */
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

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
    StringBuilder line = new StringBuilder(40 + message.length());
    line.append(pid).append(":X ");
    appendTime(line, wallMs.getAsLong());
    line.append(' ').append(mark(level)).append(' ').append(message);
    synchronized (out) {
      out.println(line.toString());
      out.flush();
    }
  }

  /** {@code dd Mon yyyy HH:mm:ss.SSS} in the log's zone. */
  private void appendTime(StringBuilder b, long epochMs) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), zone);
    pad(b, t.getDayOfMonth(), 2).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    pad(b, t.getYear(), 4).append(' ');
    pad(b, t.getHour(), 2).append(':');
    pad(b, t.getMinute(), 2).append(':');
    pad(b, t.getSecond(), 2).append('.');
    pad(b, t.getNano() / 1_000_000, 3);
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits);
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
