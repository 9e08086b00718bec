package dev.vigil.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class VigilObjectNamesTest {
  @Test
  void replicaAddressIsQuotedBecauseOfTheColon() {
    ObjectName n = VigilObjectNames.replica("mymaster", "10.0.0.5:6379");
    assertEquals("vigil:type=Replica,master=mymaster,name=\"10.0.0.5:6379\"", n.toString());
    assertEquals("10.0.0.5:6379", VigilObjectNames.keyValue(n, "name"));
    assertEquals("mymaster", VigilObjectNames.keyValue(n, "master"));
  }

  @Test
  void plainNamesStayUnquoted() {
    assertEquals("vigil:type=Master,name=mymaster", VigilObjectNames.master("mymaster").toString());
    assertEquals("vigil:type=Sentinel", VigilObjectNames.SENTINEL);
  }

  @Test
  void hostileMasterNamesStillMakeValidNames() {
    String hostile = "a,b=c*d?\"e\\f";
    ObjectName n = VigilObjectNames.master(hostile);
    assertFalse(n.isPattern());
    assertEquals(hostile, VigilObjectNames.keyValue(n, "name"));
    assertEquals("", VigilObjectNames.keyValue(VigilObjectNames.master(""), "name"));
    assertThrows(IllegalArgumentException.class, () -> VigilObjectNames.master(null));
  }

  @Test
  void patternsSelectTheirMBeans() {
    ObjectName replica = VigilObjectNames.replica("m", "1.2.3.4:5");
    assertTrue(VigilObjectNames.parse(VigilObjectNames.REPLICA_PATTERN).apply(replica));
    assertTrue(VigilObjectNames.replicasOf("m").apply(replica));
    assertFalse(VigilObjectNames.replicasOf("other").apply(replica));
    assertTrue(VigilObjectNames.childrenOf("m").apply(VigilObjectNames.election("m")));
    assertFalse(VigilObjectNames.childrenOf("m").apply(VigilObjectNames.master("m")));
  }
}
