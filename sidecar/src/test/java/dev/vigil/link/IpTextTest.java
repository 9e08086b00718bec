package dev.vigil.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpTextTest {
  @Test
  void formatsLikeInetNtop() throws Exception {
    assertEquals("127.0.0.1", IpText.of(InetAddress.getByName("127.0.0.1")));
    assertEquals("::1", IpText.of(InetAddress.getByName("::1")));
    assertEquals("::", IpText.of(InetAddress.getByName("::")));
    assertEquals("fe80::1", IpText.of(InetAddress.getByName("fe80:0:0:0:0:0:0:1%1")));
    assertEquals("2001:db8::1:0:0:1", IpText.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
    assertEquals("2001:db8:0:1:1:1:1:1", IpText.of(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
  }
}
