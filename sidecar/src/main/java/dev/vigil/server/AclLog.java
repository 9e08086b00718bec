package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;
import static dev.vigil.resp.Resp.entry;
import static dev.vigil.resp.Resp.integer;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * Valkey's ACL log: denied authentications, commands and channels, newest first, at most 128
 * entries ({@code acllog-max-len}). A denial equal to one of the 10 newest entries (same reason,
 * object and user) within 60 s updates that entry and moves it to the front instead of adding a new
 * one. Entry ids keep counting across ACL LOG RESET. Thread-safe.
 */
final class AclLog {
  static final int MAX_LENGTH = 128;
  private static final int SCAN_FOR_DUPLICATES = 10;
  private static final long GROUPING_WINDOW_MS = 60_000;

  private static final class Entry {
    final long id;
    final String reason;
    final String object;
    final String username;
    final long createdMs;
    long updatedMs;
    String clientInfo;
    long count = 1;

    Entry(long id, String reason, String object, String username, long now, String clientInfo) {
      this.id = id;
      this.reason = reason;
      this.object = object;
      this.username = username;
      this.createdMs = now;
      this.updatedMs = now;
      this.clientInfo = clientInfo;
    }
  }

  private final LinkedList<Entry> entries = new LinkedList<>();
  private long nextId;

  /**
   * @param reason {@code auth}, {@code command} or {@code channel}
   * @param object {@code AUTH}, the command's full name, or the channel
   */
  synchronized void add(
      String reason, String object, String username, String clientInfo, long nowMs) {
    Iterator<Entry> it = entries.iterator();
    for (int i = 0; i < SCAN_FOR_DUPLICATES && it.hasNext(); i++) {
      Entry e = it.next();
      if (e.reason.equals(reason)
          && e.object.equals(object)
          && e.username.equals(username)
          && nowMs - e.updatedMs <= GROUPING_WINDOW_MS) {
        it.remove();
        e.count++;
        e.updatedMs = nowMs;
        e.clientInfo = clientInfo;
        entries.addFirst(e);
        return;
      }
    }
    entries.addFirst(new Entry(nextId++, reason, object, username, nowMs, clientInfo));
    while (entries.size() > MAX_LENGTH) {
      entries.removeLast();
    }
  }

  synchronized void reset() {
    entries.clear();
  }

  /** ACL LOG [count]: the newest entries as Valkey's 10-field maps. */
  synchronized RespValue reply(long count, long nowMs) {
    List<RespValue> out = new ArrayList<>();
    for (Entry e : entries) {
      if (out.size() >= count) {
        break;
      }
      out.add(
          Resp.map(
              List.of(
                  entry("count", integer(e.count)),
                  entry("reason", bulk(e.reason)),
                  entry("context", bulk("toplevel")),
                  entry("object", bulk(e.object)),
                  entry("username", bulk(e.username)),
                  entry("age-seconds", new RespValue.DoubleReply((nowMs - e.updatedMs) / 1000.0)),
                  entry("client-info", bulk(e.clientInfo)),
                  entry("entry-id", integer(e.id)),
                  entry("timestamp-created", integer(e.createdMs)),
                  entry("timestamp-last-updated", integer(e.updatedMs)))));
    }
    return Resp.array(out);
  }
}
