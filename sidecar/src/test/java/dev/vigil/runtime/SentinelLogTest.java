package dev.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.engine.SentinelEvent;
import dev.vigil.engine.SentinelEvent.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelLogTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  // 2026-11-03T07:05:09.007Z
  private final SentinelLog log =
      new SentinelLog(
          new PrintStream(bytes, true, StandardCharsets.UTF_8),
          Level.NOTICE,
          4242,
          () -> 1793689509007L,
          ZoneOffset.UTC);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eventsAreLoggedInValkeysFormat() {
    log.emit(
        new SentinelEvent(Level.WARNING, "+sdown", "master mymaster 127.0.0.1 6379", "mymaster"));
    log.emit(new SentinelEvent(Level.NOTICE, "+slave", "slave 127.0.0.1:6380 ...", "mymaster"));
    assertEquals(
        "4242:X 03 Nov 2026 07:05:09.007 # +sdown master mymaster 127.0.0.1 6379\n"
            + "4242:X 03 Nov 2026 07:05:09.007 * +slave slave 127.0.0.1:6380 ...\n",
        written().replace("\r\n", "\n"));
  }

  @Test
  void levelsBelowTheMinimumAreDropped() {
    log.verbose("not shown");
    log.debug("not shown either");
    log.setMinLevel(Level.DEBUG);
    log.debug("shown");
    log.verbose("shown too");
    log.setMinLevel(null);
    log.warning("nothing means nothing");
    List<String> lines = new ArrayList<>(written().lines().toList());
    assertEquals(2, lines.size());
    assertEquals("4242:X 03 Nov 2026 07:05:09.007 . shown", lines.get(0));
    assertEquals("4242:X 03 Nov 2026 07:05:09.007 - shown too", lines.get(1));
  }

  @Test
  void timestampsAreDdMonYyyyInTheLogsZoneForEveryMonth() {
    java.time.format.DateTimeFormatter reference =
        java.time.format.DateTimeFormatter.ofPattern(
            "dd MMM yyyy HH:mm:ss.SSS", java.util.Locale.ENGLISH);
    java.time.ZoneId zone = java.time.ZoneId.of("Europe/Berlin");
    for (int month = 1; month <= 12; month++) {
      java.time.ZonedDateTime at =
          java.time.ZonedDateTime.of(2026, month, month * 2, month + 10, 59, 5, 70_000_000, zone);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new SentinelLog(
              new PrintStream(out, true, StandardCharsets.UTF_8),
              Level.NOTICE,
              7,
              () -> at.toInstant().toEpochMilli(),
              zone)
          .notice("x");
      assertEquals(
          "7:X " + reference.format(at) + " * x", out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void parsesLogLevels() {
    assertEquals(Level.WARNING, SentinelLog.parseLevel("WARNING"));
    assertEquals(Level.DEBUG, SentinelLog.parseLevel("debug"));
    assertNull(SentinelLog.parseLevel("nothing"));
    assertThrows(IllegalArgumentException.class, () -> SentinelLog.parseLevel("loud"));
  }
}
