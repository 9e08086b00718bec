package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.config.VigilOptions;
import dev.vigil.engine.FailoverPacing;
import dev.vigil.engine.state.HostPort;
import dev.vigil.management.jolokia.JolokiaUser;
import dev.vigil.management.jolokia.Role;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagementSettingsTest {
  @Test
  void defaultsAreJolokiaOnLoopback8778AndNothingElse() {
    ManagementSettings s = ManagementSettings.from(VigilOptions.DEFAULTS);
    assertEquals("127.0.0.1", s.jolokia().host());
    assertEquals(8778, s.jolokia().port());
    assertEquals(List.of(), s.jolokia().users());
    assertNull(s.jmx());
    assertEquals(ManagementSettings.OFF, s.httpPort());
    assertNull(s.localNode());
  }

  @Test
  void everyDirectiveIsCarriedOverAndZeroPortsMeanOff() {
    ManagementSettings s =
        ManagementSettings.from(
            new VigilOptions(
                0,
                "127.0.0.1",
                "admin",
                "a",
                "viewer",
                "v",
                9999,
                "127.0.0.1",
                "/p",
                "/a",
                9100,
                "0.0.0.0",
                new HostPort("::1", 6379),
                FailoverPacing.VIGIL));
    assertNull(s.jolokia());
    assertEquals(9999, s.jmx().port());
    assertEquals(Path.of("/a"), s.jmx().accessFile());
    assertEquals(9100, s.httpPort());
    assertEquals("0.0.0.0", s.httpHost());
    assertEquals("[::1]:6379", s.localNode());

    ManagementSettings users =
        ManagementSettings.from(
            new VigilOptions(
                8778,
                "127.0.0.1",
                "admin",
                "a",
                "viewer",
                "v",
                0,
                "127.0.0.1",
                null,
                null,
                0,
                "127.0.0.1",
                null,
                FailoverPacing.VIGIL));
    assertEquals(
        List.of(
            new JolokiaUser("admin", "a", Role.READWRITE),
            new JolokiaUser("viewer", "v", Role.READONLY)),
        users.jolokia().users());
  }
}
