package dev.vigil.management.jolokia;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The generated read-write Jolokia login, used when the config names no {@code vigil jolokia-user}:
 * user {@value #USER} with a random password, kept in a file beside the config ({@code
 * <config>.credentials}, mode 0600) so it survives restarts. The file is created on the first start
 * (never overwritten) and refused later if anyone but its owner may read it. The password is never
 * logged; the path is.
 *
 * <pre>
 * # Jolokia login of the Vigil sidecar configured by sentinel.conf (generated on first start).
 * user admin
 * password 3q2-7wEAAA...
 * </pre>
 */
public final class JolokiaCredentials {
  public static final String USER = "admin";
  static final String SUFFIX = ".credentials";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final SecureRandom RANDOM = new SecureRandom();

  private JolokiaCredentials() {}

  /** {@code /etc/vigil/sentinel.conf} → {@code /etc/vigil/sentinel.conf.credentials}. */
  public static Path fileFor(Path configFile) {
    Path absolute = configFile.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
  }

  /** The login stored in {@code file}, created with a new random password if it is missing. */
  static JolokiaUser readOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        create(file);
      } catch (FileAlreadyExistsException raced) {
        // Created meanwhile: read it below.
      }
    }
    return read(file);
  }

  private static void create(Path file) throws IOException {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String text =
        "# Jolokia login of the Vigil sidecar configured by "
            + file.getFileName().toString().replace(SUFFIX, "")
            + " (generated on first start).\n"
            + "# Set vigil jolokia-user and vigil jolokia-password in the config to use your own.\n"
            + "user "
            + USER
            + "\npassword "
            + password
            + "\n";
    boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
    try (FileChannel out =
        posix
            ? FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException notSupported) {
      // Some file systems cannot sync a directory; the file itself is synced.
    }
  }

  private static JolokiaUser read(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> mode = posix.readAttributes().permissions();
      if (!OWNER_ONLY.containsAll(mode)) {
        throw new IOException(
            file
                + " may be read by others ("
                + PosixFilePermissions.toString(mode)
                + "): chmod 600 it");
      }
    }
    String user = null;
    String password = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.startsWith("user ")) {
        user = l.substring(5).strip();
      } else if (l.startsWith("password ")) {
        password = l.substring(9).strip();
      }
    }
    if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
      throw new IOException(
          file + " has no 'user' and 'password' line: delete it to generate a new login");
    }
    return new JolokiaUser(user, password, Role.READWRITE);
  }
}
