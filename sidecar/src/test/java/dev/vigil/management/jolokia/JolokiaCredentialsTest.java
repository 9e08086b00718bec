package dev.vigil.management.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated admin login: created once, owner-only, reused, and the only way in. */
class JolokiaCredentialsTest {
  private static final String READ =
      "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\"}";
  @TempDir Path dir;

  private JolokiaEndpoint start(Path file) {
    return JolokiaEndpoint.start(
        new JolokiaSettings(JolokiaSettings.DEFAULT_HOST, 0, List.of(), file, Set.of()));
  }

  @Test
  void aLoginIsGeneratedOwnerOnlyOnFirstStartAndReusedAfter() throws Exception {
    Path file = JolokiaCredentials.fileFor(dir.resolve("sentinel.conf"));
    assertEquals(dir.resolve("sentinel.conf.credentials"), file);
    String password;
    try (JolokiaEndpoint jolokia = start(file)) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      String text = Files.readString(file);
      assertTrue(text.contains("\nuser admin\n"), text);
      password = text.replaceAll("(?s).*\npassword (\\S+)\n.*", "$1");
      assertTrue(password.length() >= 32, password);
      assertTrue(
          jolokia.access().contains("read-write user admin (generated, password in " + file),
          jolokia.access());
      assertTrue(!jolokia.access().contains(password), jolokia.access());

      JolokiaHttp http = new JolokiaHttp(jolokia.url());
      assertEquals(401, http.post(null, null, READ).httpStatus());
      assertEquals(401, http.post("admin", "admin", READ).httpStatus());
      assertEquals(200, http.post("admin", password, READ).jolokiaStatus());
    }
    try (JolokiaEndpoint again = start(file)) {
      assertEquals(
          password, Files.readString(file).replaceAll("(?s).*\npassword (\\S+)\n.*", "$1"));
      assertEquals(200, new JolokiaHttp(again.url()).post("admin", password, READ).jolokiaStatus());
    }
  }

  @Test
  void eachConfigGetsItsOwnPassword() throws Exception {
    JolokiaUser a = JolokiaCredentials.readOrCreate(dir.resolve("a.conf.credentials"));
    JolokiaUser b = JolokiaCredentials.readOrCreate(dir.resolve("b.conf.credentials"));
    assertNotEquals(a.password(), b.password());
  }

  @Test
  void aFileOthersCanReadIsRefused() throws Exception {
    Path file = dir.resolve("s.conf.credentials");
    JolokiaCredentials.readOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> start(file));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void aDamagedFileIsRefusedWithTheWayOut() throws Exception {
    Path file = dir.resolve("s.conf.credentials");
    Files.writeString(file, "user admin\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> start(file));
    assertTrue(e.getMessage().contains("delete it to generate a new login"), e.getMessage());
  }
}
