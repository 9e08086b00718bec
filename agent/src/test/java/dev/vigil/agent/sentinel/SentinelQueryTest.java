package dev.vigil.agent.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.HostPort;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SentinelQueryTest {
  @Test
  void parsesGetMasterAddrByName() {
    assertEquals(
        new HostPort("127.0.0.1", 6380),
        SentinelQuery.parseAddress(Arrays.asList("127.0.0.1", "6380")));
    assertNull(SentinelQuery.parseAddress(null), "unknown master is nil");
    assertNull(SentinelQuery.parseAddress(new RespConnection.ErrorReply("ERR")));
    assertNull(SentinelQuery.parseAddress(Arrays.asList("h", "port")));
  }

  @Test
  void readsConfigEpochFromSentinelMaster() {
    assertEquals(
        7,
        SentinelQuery.parseEpoch(
            Arrays.asList("name", "m", "ip", "h", "config-epoch", "7", "flags", "master")));
    assertEquals(-1, SentinelQuery.parseEpoch(new RespConnection.ErrorReply("ERR No such master")));
  }

  @Test
  void readsReplicaAddresses() {
    assertEquals(
        Arrays.asList(new HostPort("10.0.0.2", 6379), new HostPort("10.0.0.3", 6380)),
        SentinelQuery.parseReplicas(
            Arrays.asList(
                Arrays.asList("name", "10.0.0.2:6379", "ip", "10.0.0.2", "port", "6379"),
                Arrays.asList("name", "x", "ip", "10.0.0.3", "port", "6380"),
                Arrays.asList("name", "broken"))));
    assertTrue(SentinelQuery.parseReplicas(Collections.emptyList()).isEmpty());
  }
}
