package dev.hyper.runtime.snapshot;

import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * An output directory's content-addressed store of code, {@code config/generated/.snapshots/SHA256.jar}:
 * every class-path entry of every sweep's program, and the launcher jars over them, each stored once
 * and read-only. Each experiment's {@code model.jar} is a hard link to one of them. A file system caps
 * the links to one file (ext4 at 65,000), so a bigger sweep links to replicas, {@code SHA256.1.jar},
 * {@code SHA256.2.jar}, ...: one copy per so many experiments.
 */
public final class SnapshotStore {
  /** Stored files are read-only: one append through any experiment's link would change them all. */
  static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");

  /** Writes a file's content, to be stored. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path dir;

  /** The store under output directory {@code root}. */
  public SnapshotStore(Path root) {
    this.dir = root.resolve(Layout.snapshotDir());
  }

  /** The store's directory. */
  public Path dir() {
    return dir;
  }

  /** Where the store keeps the jar described by {@code snapshot}. */
  public Path pathOf(Snapshot snapshot) {
    return pathOf(snapshot.sha256());
  }

  /** Where the store keeps the file whose SHA-256 is {@code sha256}. */
  public Path pathOf(String sha256) {
    return dir.resolve(sha256 + ".jar");
  }

  /**
   * Stores {@code content} as {@code SHA256.jar} unless the store has it already: written to a temporary
   * file, hashed on the way, made read-only and renamed into place.
   *
   * @param created where to add the files and directories this call made, to undo them
   * @return the stored file
   * @throws IOException if the content written is not {@code size} bytes with SHA-256 {@code sha256}
   *     (its source changed since it was hashed), or cannot be written
   */
  public Path put(String sha256, long size, Content content, List<Path> created) throws IOException {
    return put(sha256, size, content, true, created);
  }

  /**
   * Stores a copy of {@code file}, hashed moments ago, unless the store has it: checked by size and
   * modification time rather than hashed again (hashing a 17 MB jar again cost 0.1-0.4 s per sweep in the
   * forked sweep's quick compiler).
   */
  public Path putCopy(Path file, String sha256, long size, java.nio.file.attribute.FileTime modified,
      List<Path> created) throws IOException {
    return put(sha256, size, out -> {
      Files.copy(file, out);
      if (!modified.equals(Files.getLastModifiedTime(file))) {
        throw new IOException("it changed while the sweep was being written (modified " + Files.getLastModifiedTime(file)
            + ", was " + modified + ")");
      }
    }, false, created);
  }

  private Path put(String sha256, long size, Content content, boolean hash, List<Path> created) throws IOException {
    Path stored = pathOf(sha256);
    if (Files.isRegularFile(stored) && Files.size(stored) == size) {
      return stored;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      created.add(dir);
    }
    Path temp = dir.resolve("." + sha256 + ".jar.tmp");   // the output directory's lock is held
    try {
      MessageDigest digest = hash ? Sha256.digest() : null;
      try (OutputStream file = Files.newOutputStream(temp);
           OutputStream out = hash ? new DigestOutputStream(file, digest) : file) {
        content.writeTo(out);
      }
      String actual = hash ? HexFormat.of().formatHex(digest.digest()) : sha256;
      if (!actual.equals(sha256) || Files.size(temp) != size) {
        throw new IOException("it changed while the sweep was being written (now " + Files.size(temp)
            + " bytes, SHA-256 " + actual.substring(0, 12) + "..., was " + size + " bytes, " + sha256.substring(0, 12)
            + "...)");
      }
      readOnly(temp);
      AtomicFiles.move(temp, stored);
      created.add(stored);
    } finally {
      Files.deleteIfExists(temp);
    }
    return stored;
  }

  private static void readOnly(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, READ_ONLY);
    }
  }

  /** The stored jar and its replicas, in order: {@code SHA256.jar}, {@code SHA256.1.jar}, ... (those that exist). */
  public List<Path> copies(Snapshot snapshot) {
    List<Path> copies = new ArrayList<>();
    for (int n = 0; Files.isRegularFile(copy(snapshot, n)); n++) {
      copies.add(copy(snapshot, n));
    }
    return copies;
  }

  /**
   * Stores another copy of the stored jar, for more hard links than the file system allows to one
   * file: a copy renamed into place as the next {@code SHA256.N.jar}; returns it.
   *
   * @throws IOException if it cannot be copied, or the copy is not the stored jar's size
   */
  public Path addReplica(Snapshot snapshot) throws IOException {
    Path stored = pathOf(snapshot);
    int n = copies(snapshot).size();
    Path replica = copy(snapshot, n);
    Path temp = dir.resolve("." + replica.getFileName() + ".tmp");
    try {
      Files.copy(stored, temp, StandardCopyOption.REPLACE_EXISTING);
      if (Files.size(temp) != snapshot.size()) {
        throw new IOException(stored + " is not " + snapshot.size() + " bytes");
      }
      readOnly(temp);
      AtomicFiles.move(temp, replica);
    } finally {
      Files.deleteIfExists(temp);
    }
    return replica;
  }

  private Path copy(Snapshot snapshot, int n) {
    return n == 0 ? pathOf(snapshot) : dir.resolve(snapshot.sha256() + "." + n + ".jar");
  }

  /**
   * Makes {@code link} a hard link to the stored {@code stored}, or a copy if the file system has no
   * hard links at all. Any other failure (among them too many links to {@code stored}) is thrown:
   * copying the jar for every experiment would fill the disk.
   */
  public static void link(Path stored, Path link) throws IOException {
    try {
      Files.createLink(link, stored);
    } catch (UnsupportedOperationException e) {
      Files.copy(stored, link);
    }
  }
}
