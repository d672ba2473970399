package io.lime.server.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates a private scratch directory in {@code java.io.tmpdir}, like
 * {@link Files#createTempDirectory(String, java.nio.file.attribute.FileAttribute[])} (same
 * name form: prefix and an unsigned random long; owner-only permissions where POSIX), but
 * without its {@code SecureRandom}: the first {@code SecureRandom} of a JVM costs about 10 ms
 * (provider set-up, seeding), which the embedded server and the JUnit fixture paid on their
 * first start. The name need not be unguessable: the directory is created atomically (a name
 * already taken is retried) and only the owner can use it.
 */
public final class ScratchDirectory {
  private ScratchDirectory() {}

  /** A new, empty directory whose name starts with {@code prefix}. */
  public static Path create(String prefix) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    while (true) {
      Path dir = tmp.resolve(
          prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
      try {
        return posix
            ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE)))
            : Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // taken: draw another name
      }
    }
  }
}
