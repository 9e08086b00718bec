package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HelloPayloadTest {
  @Test
  void roundTripsTheEightFields() {
    String text = "10.0.0.9,26379," + "d".repeat(40) + ",7,mymaster,10.0.0.1,6379,5";
    HelloPayload h = HelloPayload.parse(text);
    assertEquals("10.0.0.9", h.sentinelIp());
    assertEquals(26379, h.sentinelPort());
    assertEquals(7, h.currentEpoch());
    assertEquals("mymaster", h.masterName());
    assertEquals(5, h.masterConfigEpoch());
    assertEquals(text, h.format());
  }

  @Test
  void epochsAreUnsigned() {
    String text = "::1,26379,x,18446744073709551615,m,::1,6379,0";
    assertEquals(text, HelloPayload.parse(text).format());
  }

  @Test
  void rejectsWrongFieldCountsAndNumbers() {
    assertNull(HelloPayload.parse("a,b,c"));
    assertNull(HelloPayload.parse("1,2,3,4,5,6,7,8,9"));
    assertNull(HelloPayload.parse("ip,port,id,1,m,ip,6379,1"));
  }
}
