package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IpLiteralTest {
  @Test
  void acceptsIpv4DottedQuads() {
    assertEquals("127.0.0.1", IpLiteral.normalize("127.0.0.1"));
    assertEquals("255.255.255.255", IpLiteral.normalize("255.255.255.255"));
  }

  @Test
  void refusesHostnamesAndOddIpv4FormsWithoutDns() {
    assertNull(IpLiteral.normalize("localhost"));
    assertNull(IpLiteral.normalize("valkey-1.example.com"));
    assertNull(IpLiteral.normalize("256.0.0.1"));
    assertNull(IpLiteral.normalize("127.1"));
    assertNull(IpLiteral.normalize("010.0.0.1"));
    assertNull(IpLiteral.normalize("1.2.3.4.5"));
    assertNull(IpLiteral.normalize("abc::g"));
    assertNull(IpLiteral.normalize("fe80::1%eth0"));
  }

  @Test
  void normalisesIpv6LikeInetNtop() {
    assertEquals("::1", IpLiteral.normalize("0:0:0:0:0:0:0:1"));
    assertEquals("::1", IpLiteral.normalize("::1"));
    assertEquals("2001:db8::1", IpLiteral.normalize("2001:DB8:0:0:0:0:0:1"));
    assertEquals("2001:db8:0:1:1:1:1:1", IpLiteral.normalize("2001:db8:0:1:1:1:1:1"));
    assertEquals("1:0:0:2::3", IpLiteral.normalize("1:0:0:2:0:0:0:3"));
    assertEquals("::", IpLiteral.normalize("::"));
    assertEquals("::ffff:1.2.3.4", IpLiteral.normalize("::ffff:1.2.3.4"));
  }
}
