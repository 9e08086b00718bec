package dev.vigil.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a growing log file line by line from a remembered position, so waiting for a line re-reads
 * only what was appended since the last poll (a chatty JVM's output can grow to megabytes). Create
 * it {@link #atEnd} before triggering something to wait only for lines printed afterwards.
 */
public final class LogCursor {
  private final Path file;
  private final ManagedProcess writer;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private long position;

  private LogCursor(Path file, long position, ManagedProcess writer) {
    this.file = file;
    this.position = position;
    this.writer = writer;
  }

  /** A cursor over the whole file, including lines already written. */
  public static LogCursor atStart(Path file) {
    return new LogCursor(file, 0, null);
  }

  /** A cursor that sees only lines appended from now on. */
  public static LogCursor atEnd(Path file) {
    return new LogCursor(file, size(file), null);
  }

  /**
   * As {@link #atStart}/{@link #atEnd}, bound to the process writing the file: waits give up as
   * soon as it has exited and its last output has been read.
   */
  static LogCursor of(Path file, boolean fromStart, ManagedProcess writer) {
    return new LogCursor(file, fromStart ? 0 : size(file), writer);
  }

  /** Complete lines appended since the previous call (a trailing partial line waits). */
  public synchronized List<String> newLines() {
    return read(false);
  }

  /**
   * Waits until a new line matches {@code regex} (with {@link Matcher#find()}) and returns the
   * match. Lines consumed while waiting are not seen again by this cursor.
   */
  public Matcher waitForLine(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    return Await.value(
        file.getFileName() + " gets a line matching /" + regex + "/",
        timeout,
        () -> {
          boolean exited = writer != null && !writer.isAlive();
          for (String line : read(exited)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
              return m;
            }
          }
          if (exited) {
            throw new Await.Abort(
                writer.name() + " exited with " + writer.exitCode() + " before printing it");
          }
          return null;
        },
        m -> m != null,
        () -> "--- tail of " + file + " ---\n" + ManagedProcess.tail(file, 40));
  }

  private synchronized List<String> read(boolean includePartial) {
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        channel.position(position);
        int n;
        while ((n = channel.read(buffer)) > 0) {
          position += n;
          buffer.flip();
          while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
              lines.add(takePartial());
            } else {
              partial.write(b);
            }
          }
          buffer.clear();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    if (includePartial && partial.size() > 0) {
      lines.add(takePartial());
    }
    return lines;
  }

  private String takePartial() {
    String line = partial.toString(StandardCharsets.UTF_8);
    partial.reset();
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
