package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.VigilOptions;
import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.state.HostPort;
import dev.vigil.management.jmxremote.RemoteJmxSettings;
import dev.vigil.management.jolokia.JolokiaUser;
import dev.vigil.management.jolokia.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManagementSettingsTest {
  private static final Path CONFIG = Path.of("/etc/vigil/sentinel.conf");

  private static VigilOptions options(
      int jolokiaPort, String user, String readonly, int jmxPort, boolean jmxAuthenticate) {
    return new VigilOptions(
        jolokiaPort,
        "127.0.0.1",
        user,
        user == null ? null : "a",
        readonly,
        readonly == null ? null : "v",
        jmxPort,
        "127.0.0.1",
        jmxAuthenticate && jmxPort != 0 ? "/p" : null,
        jmxAuthenticate && jmxPort != 0 ? "/a" : null,
        9100,
        "0.0.0.0",
        new HostPort("::1", 6379),
        FailoverPacing.VIGIL,
        "https://a.example, http://b.example:8080",
        jmxAuthenticate,
        "alice,bob");
  }

  @Test
  void defaultsAreJolokiaOnLoopbackWithAGeneratedLoginAndNothingElse() {
    ManagementSettings s = ManagementSettings.from(VigilOptions.DEFAULTS, 26379, CONFIG);
    assertEquals("127.0.0.1", s.jolokia().host());
    assertEquals(8778, s.jolokia().port());
    assertTrue(s.jolokiaPortDerived());
    assertEquals(List.of(), s.jolokia().users());
    assertEquals(Path.of("/etc/vigil/sentinel.conf.credentials"), s.jolokia().generatedLogin());
    assertEquals(Set.of(), s.jolokia().allowedOrigins());
    assertNull(s.jmx());
    assertEquals(ManagementSettings.OFF, s.httpPort());
    assertNull(s.localNode());
    assertEquals(List.of(), s.notes());
  }

  @Test
  void theDefaultJolokiaPortFollowsTheSentinelPortSoSidecarsOnOneHostDoNotCollide() {
    assertEquals(
        8779, ManagementSettings.from(VigilOptions.DEFAULTS, 26380, CONFIG).jolokia().port());
    assertEquals(
        8780, ManagementSettings.from(VigilOptions.DEFAULTS, 26381, CONFIG).jolokia().port());
    assertEquals(8778 - 1379, ManagementSettings.derivedJolokiaPort(25000));
    assertEquals(-1, ManagementSettings.derivedJolokiaPort(5000));
    assertEquals(1, ManagementSettings.derivedJolokiaPort(17602));
    assertEquals(-1, ManagementSettings.derivedJolokiaPort(17601));
    assertEquals(47934, ManagementSettings.derivedJolokiaPort(65535));

    ManagementSettings low = ManagementSettings.from(VigilOptions.DEFAULTS, 5000, CONFIG);
    assertNull(low.jolokia());
    assertEquals(1, low.notes().size());
    assertTrue(low.notes().get(0).contains("set vigil jolokia-port"), low.notes().get(0));
  }

  @Test
  void everyDirectiveIsCarriedOverAndZeroPortsMeanOff() {
    ManagementSettings s =
        ManagementSettings.from(options(0, "admin", "viewer", 9999, true), 26379, CONFIG);
    assertNull(s.jolokia());
    assertEquals(9999, s.jmx().port());
    assertEquals(Path.of("/a"), s.jmx().accessFile());
    assertTrue(s.jmx().authenticate());
    assertEquals(Set.of("alice", "bob"), s.jmx().adminUsers());
    assertEquals(9100, s.httpPort());
    assertEquals("0.0.0.0", s.httpHost());
    assertEquals("[::1]:6379", s.localNode());

    ManagementSettings users =
        ManagementSettings.from(options(8800, "admin", "viewer", 0, true), 26380, CONFIG);
    assertEquals(8800, users.jolokia().port(), "a configured port is used as is");
    assertFalse(users.jolokiaPortDerived());
    assertEquals(
        List.of(
            new JolokiaUser("admin", "a", Role.READWRITE),
            new JolokiaUser("viewer", "v", Role.READONLY)),
        users.jolokia().users());
    assertNull(users.jolokia().generatedLogin(), "a configured read-write user: nothing generated");
    assertEquals(
        Set.of("https://a.example", "http://b.example:8080"), users.jolokia().allowedOrigins());

    ManagementSettings onlyViewer =
        ManagementSettings.from(options(8800, null, "viewer", 0, true), 26380, CONFIG);
    assertEquals(
        Path.of("/etc/vigil/sentinel.conf.credentials"), onlyViewer.jolokia().generatedLogin());
  }

  @Test
  void remoteJmxWithoutFilesNeedsAnExplicitNo() {
    ManagementSettings open =
        ManagementSettings.from(options(0, null, null, 9999, false), 26379, CONFIG);
    assertFalse(open.jmx().authenticate());
    assertThrows(
        IllegalArgumentException.class,
        () -> new RemoteJmxSettings("127.0.0.1", 9999, null, null, true, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RemoteJmxSettings("127.0.0.1", 9999, Path.of("/p"), null, true, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RemoteJmxSettings(
                "127.0.0.1", 9999, Path.of("/p"), Path.of("/a"), false, Set.of()));
  }
}
