package dev.vigil.management.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrowserGuardTest {
  @Test
  void findsTheCallbackParameterOnlyByItsExactName() {
    assertTrue(BrowserGuard.hasParameter("callback=x", "callback"));
    assertTrue(BrowserGuard.hasParameter("a=1&callback", "callback"));
    assertFalse(BrowserGuard.hasParameter("mycallback=x&callbacks=1", "callback"));
    assertFalse(BrowserGuard.hasParameter(null, "callback"));
  }

  @Test
  void theOriginOfAPageIsSchemeHostAndPort() {
    assertEquals("http://evil.example", BrowserGuard.originOf("http://evil.example/a/b?c"));
    assertEquals("https://h.example:8443", BrowserGuard.originOf("HTTPS://H.example:8443/"));
    assertEquals("http://[::1]:8778", BrowserGuard.originOf("http://[::1]:8778/jolokia"));
    assertNull(BrowserGuard.originOf("not a url"));
    assertNull(BrowserGuard.originOf("/relative"));
  }
}
