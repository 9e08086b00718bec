package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management security settings: their defaults and the checks that belong to the file. */
class VigilSecurityOptionsTest {
  @TempDir Path work;

  private VigilOptions parse(String text) throws ConfigException {
    return new ConfigParser("8.0.1", work)
        .parse(work.resolve("s.conf"), ConfigText.split(text))
        .vigil();
  }

  private String refusal(String text) {
    return assertThrows(ConfigException.class, () -> parse(text)).reason();
  }

  @Test
  void defaultsDeriveTheJolokiaPortAndRequireJmxAuthentication() throws Exception {
    VigilOptions v = parse("");
    assertEquals(VigilOptions.JOLOKIA_PORT_FROM_SENTINEL_PORT, v.jolokiaPort());
    assertTrue(v.jmxAuthenticate());
    assertEquals(null, v.jmxAdminUsers());
    assertEquals(null, v.jolokiaAllowOrigin());
  }

  @Test
  void readsTheSecuritySettings() throws Exception {
    VigilOptions v =
        parse(
            "vigil jolokia-allow-origin https://hawtio.example\n"
                + "vigil jmx-port 9010\n"
                + "vigil jmx-authenticate no\n"
                + "vigil jmx-admin-users alice,bob\n");
    assertEquals("https://hawtio.example", v.jolokiaAllowOrigin());
    assertFalse(v.jmxAuthenticate());
    assertEquals("alice,bob", v.jmxAdminUsers());
  }

  @Test
  void remoteJmxWithoutPasswordAndAccessFilesIsRefusedUnlessExplicitlyUnauthenticated() {
    String needed =
        "vigil jmx-port needs vigil jmx-password-file and vigil jmx-access-file"
            + " (or vigil jmx-authenticate no to let anyone who reaches the port in).";
    assertEquals(needed, refusal("vigil jmx-port 9010\n"));
    assertEquals(needed, refusal("vigil jmx-port 9010\nvigil jmx-password-file /p\n"));
    assertEquals(
        "vigil jmx-authenticate no contradicts vigil jmx-password-file/jmx-access-file.",
        refusal(
            "vigil jmx-port 9010\nvigil jmx-authenticate no\nvigil jmx-password-file /p\n"
                + "vigil jmx-access-file /a\n"));
  }

  @Test
  void filesAloneOrNoPortAreFine() throws Exception {
    assertEquals(0, parse("vigil jmx-authenticate no\n").jmxPort());
    assertEquals(
        9010,
        parse("vigil jmx-port 9010\nvigil jmx-password-file /p\nvigil jmx-access-file /a\n")
            .jmxPort());
  }
}
