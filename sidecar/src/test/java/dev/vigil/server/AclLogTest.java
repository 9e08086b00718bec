package dev.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.resp.RespValue;
import org.junit.jupiter.api.Test;

class AclLogTest {

  private static int size(RespValue reply) {
    return ((RespValue.ArrayReply) reply).elements().size();
  }

  private static String field(RespValue reply, int entry, String key) {
    RespValue.MapReply m =
        (RespValue.MapReply) ((RespValue.ArrayReply) reply).elements().get(entry);
    for (RespValue.Entry e : m.entries()) {
      if (CommandTable.text(e.key()).equals(key)) {
        RespValue v = e.value();
        return v instanceof RespValue.IntegerReply i
            ? Long.toString(i.value())
            : CommandTable.text(v);
      }
    }
    throw new AssertionError("no " + key);
  }

  @Test
  void repeatsWithinAMinuteAreGroupedLaterOnesAreNot() {
    AclLog log = new AclLog();
    log.add("command", "info", "alice", "id=1", 1_000);
    log.add("command", "info", "alice", "id=2", 30_000);
    assertEquals(1, size(log.reply(10, 30_000)));
    assertEquals("2", field(log.reply(10, 30_000), 0, "count"));
    assertEquals("id=2", field(log.reply(10, 30_000), 0, "client-info"));
    log.add("command", "info", "alice", "id=3", 100_000);
    assertEquals(2, size(log.reply(10, 100_000)));
    assertEquals("1", field(log.reply(10, 100_000), 0, "entry-id"));
    log.add("command", "info", "bob", "id=4", 100_001);
    assertEquals(3, size(log.reply(10, 100_001)));
  }

  @Test
  void keepsTheNewest128AndCountLimitsTheReply() {
    AclLog log = new AclLog();
    for (int i = 0; i < 200; i++) {
      log.add("channel", "c" + i, "u", "x", i);
    }
    assertEquals(AclLog.MAX_LENGTH, size(log.reply(1000, 300)));
    assertEquals("c199", field(log.reply(1000, 300), 0, "object"));
    assertEquals(10, size(log.reply(10, 300)));
    log.reset();
    assertEquals(0, size(log.reply(10, 300)));
    log.add("auth", "AUTH", "u", "x", 400);
    assertEquals("200", field(log.reply(10, 400), 0, "entry-id"), "ids survive a reset");
  }
}
