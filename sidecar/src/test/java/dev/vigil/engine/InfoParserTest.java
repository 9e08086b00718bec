package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.engine.state.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INFO parsing against text captured from real valkey-server 8.0.1 instances. */
class InfoParserTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = InfoParserTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesARealPrimary() throws IOException {
    String raw = fixture("info-primary-valkey-8.0.1.txt");
    assertTrue(raw.contains("\r\n"), "fixture keeps Valkey's CR LF");
    InfoReport r = InfoParser.parse(raw);
    assertEquals("c0f4e897342ecc7fd05d25416b1c8fd802a6c08e".length(), r.runId().length());
    assertEquals("master", r.role());
    assertEquals(List.of(new HostPort("127.0.0.1", 17412)), r.replicas());
    assertNull(r.masterHost());
    assertNull(r.replicaPriority(), "replica fields are only read after role:slave");
    assertEquals(raw, r.raw());
  }

  @Test
  void parsesARealReplica() throws IOException {
    InfoReport r = InfoParser.parse(fixture("info-replica-valkey-8.0.1.txt"));
    assertEquals("slave", r.role());
    assertEquals("127.0.0.1", r.masterHost());
    assertEquals(17411, r.masterPort());
    assertEquals(Boolean.TRUE, r.masterLinkUp());
    assertEquals(100, r.replicaPriority());
    assertTrue(r.replicaReplOffset() >= 0);
    assertEquals(Boolean.TRUE, r.replicaAnnounced());
    assertEquals(0, r.masterLinkDownSinceMs());
    assertTrue(r.replicas().isEmpty());
  }

  @Test
  void readsLinkDownTimeAndPriorityZero() {
    InfoReport r =
        InfoParser.parse(
            "run_id:"
                + "f".repeat(40)
                + "\r\nrole:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\n"
                + "master_link_status:down\r\nmaster_link_down_since_seconds:12\r\n"
                + "slave_priority:0\r\nslave_repl_offset:1234\r\nreplica_announced:0\r\n");
    assertEquals(12_000, r.masterLinkDownSinceMs());
    assertEquals(Boolean.FALSE, r.masterLinkUp());
    assertEquals(0, r.replicaPriority());
    assertEquals(1234L, r.replicaReplOffset());
    assertEquals(Boolean.FALSE, r.replicaAnnounced());
  }

  @Test
  void acceptsLegacyReplicaLinesAndIgnoresGarbage() {
    InfoReport r =
        InfoParser.parse(
            "role:master\r\nslave0:10.0.0.5,6390,online\r\nslave1:ip=10.0.0.6,port=bad\r\n"
                + "slaves_foo:1\r\nrun_id:short\r\nmaster_port:1\r\n");
    assertEquals(List.of(new HostPort("10.0.0.5", 6390)), r.replicas());
    assertNull(r.runId(), "a run_id shorter than 40 chars is ignored");
    assertNull(r.masterPort());
  }

  @Test
  void missingRoleIsNull() {
    assertNull(InfoParser.parse("# Server\r\nredis_version:7.2.4\r\n").role());
  }
}
