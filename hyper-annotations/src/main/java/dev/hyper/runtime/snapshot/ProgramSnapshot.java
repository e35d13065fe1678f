package dev.hyper.runtime.snapshot;

import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Program} hashed: each class-path entry's SHA-256 (a classes directory's as its
 * {@link DirectoryJar}), and what each experiment's {@code model.jar} is. That is the program's jar
 * itself when the program is one jar whose manifest starts it ({@code Main-Class} the main class, no
 * {@code Class-Path}); otherwise a {@link LauncherJar} over the stored entries.
 */
public final class ProgramSnapshot {
  private final Program program;
  private final List<StoredEntry> entries;
  private final byte[] launcher;
  private final Snapshot snapshot;
  /** Each jar entry's modification time when it was hashed (null for directories). */
  private final List<FileTime> modified;

  private ProgramSnapshot(Program program, List<StoredEntry> entries, List<FileTime> modified, byte[] launcher,
      Snapshot snapshot) {
    this.program = program;
    this.entries = List.copyOf(entries);
    this.modified = modified;
    this.launcher = launcher;
    this.snapshot = snapshot;
  }

  /** Hashes every entry of {@code program}. */
  public static ProgramSnapshot of(Program program) throws IOException, HyperException {
    List<Path> paths = program.classPath().entries();
    if (paths.isEmpty()) {
      throw new HyperException("the class path is empty, so there is no program to snapshot");
    }
    List<StoredEntry> entries = new ArrayList<>();
    List<FileTime> modified = new ArrayList<>();
    for (Path p : paths) {
      modified.add(Files.isDirectory(p) ? null : Files.getLastModifiedTime(p));
      entries.add(describe(p, program.classPath().manifest(p).hasClassPath(), program.digests()));
    }
    Path first = paths.get(0);
    ClassPath.JarManifest manifest = program.classPath().manifest(first);
    boolean fat = paths.size() == 1 && !entries.get(0).directory()
        && program.mainClass().equals(manifest.mainClass()) && !manifest.hasClassPath();
    if (fat) {
      StoredEntry e = entries.get(0);
      return new ProgramSnapshot(program, entries, modified, null,
          new Snapshot(Layout.SNAPSHOT_FILE, e.size(), e.sha256(), program.mainClass(), program.java(), List.of()));
    }
    byte[] launcher = LauncherJar.bytes(program.mainClass(), entries, Layout.slashes(Layout.storeFromConfDir()));
    return new ProgramSnapshot(program, entries, modified, launcher, new Snapshot(Layout.SNAPSHOT_FILE, launcher.length,
        Sha256.of(launcher), program.mainClass(), program.java(), List.of()));
  }

  /**
   * The SHA-256 and size of one class-path entry as it will be stored: a directory as its
   * {@link DirectoryJar}, a jar with a manifest {@code Class-Path} as its {@link StrippedJar}, any other
   * jar as it is.
   */
  public static StoredEntry describe(Path entry) throws IOException {
    return describe(entry, !Files.isDirectory(entry) && hasClassPath(entry), KnownDigests.NONE);
  }

  /**
   * {@link #describe(Path)} of an entry whose manifest is known to have a {@code Class-Path} or not; a jar
   * stored as it is takes its digest from {@code known} if it is there.
   */
  private static StoredEntry describe(Path entry, boolean classPath, KnownDigests known) throws IOException {
    String name = entry.getFileName() == null ? entry.toString() : entry.getFileName().toString();
    if (Files.isDirectory(entry)) {
      return digest(name + "/", true, out -> DirectoryJar.write(entry, out));
    }
    if (classPath) {
      return digest(name, false, out -> StrippedJar.write(entry, out));
    }
    long size = Files.size(entry);
    Optional<String> sha = known.sha256(entry);
    return new StoredEntry(name, false, size, sha.isPresent() ? sha.get() : Sha256.of(entry));
  }

  private static StoredEntry digest(String name, boolean directory, SnapshotStore.Content content)
      throws IOException {
    MessageDigest digest = Sha256.digest();
    Counting counting = new Counting();
    try (DigestOutputStream out = new DigestOutputStream(counting, digest)) {
      content.writeTo(out);
    }
    return new StoredEntry(name, directory, counting.count, HexFormat.of().formatHex(digest.digest()));
  }

  /** Whether {@code jar}'s manifest has a {@code Class-Path}. */
  static boolean hasClassPath(Path jar) throws IOException {
    try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile(), false)) {
      java.util.jar.Manifest m = j.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
      return cp != null && !cp.isBlank();
    }
  }

  /** What each experiment's {@code model.jar} is. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The class path, hashed, in order. */
  public List<StoredEntry> entries() {
    return entries;
  }

  public Program program() {
    return program;
  }

  /** The launcher jar's bytes, or null when {@code model.jar} is the program's one jar. */
  byte[] launcher() {
    return launcher;
  }

  /** The entries' sources, in the order of {@link #entries()}. */
  List<Path> sources() {
    return program.classPath().entries();
  }

  /**
   * Stores every class-path entry, and the launcher jar if there is one, in {@code store}.
   *
   * @param created where to add what this call stored, to undo it
   * @throws IOException naming the entry that cannot be stored, or changed since it was hashed
   */
  public void storeIn(SnapshotStore store, List<Path> created) throws IOException {
    for (int i = 0; i < entries.size(); i++) {
      StoredEntry e = entries.get(i);
      Path source = sources().get(i);
      try {
        if (e.directory()) {
          store.put(e.sha256(), e.size(), out -> DirectoryJar.write(source, out), created);
        } else if (program.classPath().manifest(source).hasClassPath()) {
          store.put(e.sha256(), e.size(), out -> StrippedJar.write(source, out), created);
        } else {
          store.putCopy(source, e.sha256(), e.size(), modified.get(i), created);
        }
      } catch (IOException x) {
        throw new IOException("cannot store the class-path entry " + source + ": " + x.getMessage(), x);
      }
    }
    if (launcher != null) {
      store.put(snapshot.sha256(), launcher.length, out -> out.write(launcher), created);
    }
  }

  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
