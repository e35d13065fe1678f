package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's content-addressed store of code snapshots: {@code config/generated/SWEEP/.snapshots/SHA256.jar}.
 * Each jar is stored once and hard-linked into every experiment that runs it. A file system caps the
 * links to one file (ext4 at 65,000), so a bigger sweep links to replicas, {@code SHA256.1.jar},
 * {@code SHA256.2.jar}, ...: one copy per so many experiments.
 */
public final class SnapshotStore {
  private final Path dir;

  /** The store of sweep {@code sweep} under output directory {@code root}. */
  public SnapshotStore(Path root, String sweep) {
    this.dir = root.resolve(Layout.snapshotDir(sweep));
  }

  /** What {@code jar} is: its size and SHA-256, under the name {@value Layout#SNAPSHOT_FILE}. */
  public static Snapshot describe(Path jar) throws IOException {
    return new Snapshot(Layout.SNAPSHOT_FILE, Files.size(jar), Sha256.ofJar(jar));
  }

  /** Where the store keeps the jar described by {@code snapshot}. */
  public Path pathOf(Snapshot snapshot) {
    return dir.resolve(snapshot.sha256() + ".jar");
  }

  /**
   * Stores {@code jar} (a copy renamed into place) unless the store has it already; returns the stored file.
   *
   * @throws IOException if the jar changed since it was described
   */
  public Path put(Path jar, Snapshot snapshot) throws IOException {
    Path stored = pathOf(snapshot);
    if (Files.isRegularFile(stored) && Files.size(stored) == snapshot.size()) {
      return stored;
    }
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + snapshot.sha256() + ".jar.tmp");   // the sweep's lock is held: no one else writes it
    try {
      java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(jar);
      Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
      // the jar was hashed moments ago; hashing the copy again cost 0.1-0.4 s per sweep on 16 MB
      if (Files.size(temp) != snapshot.size() || !before.equals(Files.getLastModifiedTime(jar))) {
        throw new IOException(jar + " changed while the sweep was being written (size " + Files.size(temp)
            + ", expected " + snapshot.size() + ")");
      }
      AtomicFiles.move(temp, stored);
    } finally {
      Files.deleteIfExists(temp);
    }
    return stored;
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
