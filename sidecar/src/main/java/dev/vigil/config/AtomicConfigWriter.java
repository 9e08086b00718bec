package dev.vigil.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * Replaces a file atomically, as Valkey's {@code rewriteConfigOverwriteFile}: write a temporary
 * file next to it ({@code <config>.tmp-XXXXXX}), fsync it, give it mode {@code 0644 & ~umask},
 * rename it over the target, fsync the directory. A crash leaves either the old or the new file,
 * never a mix. On failure the temporary file is removed and the target is untouched.
 */
public final class AtomicConfigWriter {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final Set<PosixFilePermission> MODE_0644 =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.OTHERS_READ);
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicConfigWriter() {}

  /**
   * Writes {@code content} to {@code target}; throws with a message saying which step failed
   * (Valkey's log wording) and why.
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp;
    FileChannel channel;
    try {
      temp = createTemp(dir, absolute.getFileName().toString());
      channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException("Could not create tmp config file (" + IoReasons.strerror(e) + ")", e);
    }
    boolean done = false;
    try {
      try (channel) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        step(() -> channel.force(true), "Could not sync tmp config file to disk");
      }
      step(() -> restrictMode(temp), "Could not chmod config file");
      step(
          () -> Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE),
          "Could not rename tmp config file");
      syncDirectory(dir);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Creates the file with the default mode (0666 & ~umask), never reusing an existing name. */
  private static Path createTemp(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      StringBuilder suffix = new StringBuilder(".tmp-");
      for (int i = 0; i < 6; i++) {
        suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      Path candidate = dir.resolve(name + suffix);
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Mode {@code 0644 & ~umask}: the file was created with {@code 0666 & ~umask}, and intersecting
   * that with 0644 gives exactly Valkey's mode without having to know the umask.
   */
  private static void restrictMode(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: keep the default permissions
    }
    Set<PosixFilePermission> mode = view.readAttributes().permissions();
    mode.retainAll(MODE_0644);
    view.setPermissions(mode);
  }

  private static void syncDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return; // directories cannot be opened on this platform: nothing more can be done
    }
    try (channel) {
      channel.force(true);
    } catch (IOException e) {
      throw new IOException("Could not sync config file dir (" + IoReasons.strerror(e) + ")", e);
    }
  }

  private interface IoStep {
    void run() throws IOException;
  }

  private static void step(IoStep step, String what) throws IOException {
    try {
      step.run();
    } catch (IOException e) {
      throw new IOException(what + " (" + IoReasons.strerror(e) + ")", e);
    }
  }
}
