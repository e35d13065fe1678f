package dev.hyper.runtime.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Writing files so that readers see the old content or the new, never a half-written file. */
public final class AtomicFiles {
  /** {@code rwxr-xr-x}. */
  public static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

  private AtomicFiles() {}

  /**
   * Writes {@code content} to a temporary file beside {@code target} and renames it over {@code target}.
   *
   * @param permissions the file's POSIX permissions, or null to keep the default
   * @throws IOException naming {@code target} when the system's error names no file (a full disk)
   */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    writeStream(target, out -> out.write(content), permissions);
  }

  /**
   * A new empty file {@code .NAME.RANDOM.tmp} in {@code dir}, with the permissions any new file gets from the
   * umask ({@link Files#createTempFile} would make it {@code rw-------}).
   */
  private static Path createTemp(Path dir, String name) throws IOException {
    for (int attempt = 1; ; attempt++) {
      long random = ThreadLocalRandom.current().nextLong();
      Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(random, 36) + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing a file at {@code to}, where the file system allows. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** What {@link #writeStream} writes: a file's content, to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /**
   * Writes what {@code content} writes to a temporary file beside {@code target} (buffered, never held whole)
   * and renames it over {@code target}; the temporary file is removed if writing fails.
   *
   * @param permissions the file's POSIX permissions, or null to keep the default
   * @throws IOException naming {@code target} when the system's error names no file (a full disk)
   */
  public static void writeStream(Path target, Content content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = null;
    try {
      temp = createTemp(dir, target.getFileName().toString());
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        content.writeTo(out);
      }
      if (permissions != null && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, permissions);
      }
      move(temp, target);
    } catch (IOException e) {
      throw IoProblems.withPath(e, target);
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
