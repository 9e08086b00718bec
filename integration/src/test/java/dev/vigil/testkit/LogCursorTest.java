package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCursorTest {
  @TempDir Path dir;

  @Test
  void returnsOnlyCompleteNewLines() throws Exception {
    Path log = dir.resolve("a.log");
    LogCursor cursor = LogCursor.atStart(log);
    assertEquals(List.of(), cursor.newLines(), "a missing file has no lines yet");

    append(log, "one\r\ntw");
    assertEquals(List.of("one"), cursor.newLines());
    append(log, "o\nthree\n");
    assertEquals(List.of("two", "three"), cursor.newLines(), "a split line is joined");
    assertEquals(List.of(), cursor.newLines());
  }

  @Test
  void atEndSkipsWhatWasAlreadyWritten() throws Exception {
    Path log = dir.resolve("b.log");
    append(log, "old line\n");
    LogCursor cursor = LogCursor.atEnd(log);
    append(log, "new line\n");
    assertEquals(List.of("new line"), cursor.newLines());
  }

  @Test
  void waitForLineMatchesAndTimesOut() throws Exception {
    Path log = dir.resolve("c.log");
    append(log, "port=6379 ready\n");
    LogCursor cursor = LogCursor.atStart(log);
    assertEquals("6379", cursor.waitForLine("port=(\\d+)", Duration.ofSeconds(1)).group(1));
    assertThrows(AssertionError.class, () -> cursor.waitForLine("port=", Duration.ofMillis(100)));
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
