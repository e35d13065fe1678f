package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.halving.RungFiles;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.snapshot.SnapshotStore;
import dev.hyper.runtime.status.RunClaim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes experiment directories, each whole or not at all: the files are made in a temporary directory
 * beside the target ({@code ID/.TRIAL.tmp}), which is then renamed into place. An existing directory
 * with the same content is left alone; one with other content is never overwritten, unless the store
 * was made with {@code force}: then, holding the experiment's claim ({@link RunClaim}), its markers and
 * outputs are archived first ({@link ReplacedOutputs}), so it is pending again; one that is claimed by a
 * run, or running or queued by what {@link InUse} knows, is not replaced ({@link Busy}). The
 * serialization directory is not made: its run makes it ({@code model/generated/SWEEP/ID} appears with the
 * first run of the point), so a sweep writes one directory less per experiment and {@code status} knows a
 * point no run has touched from one listing of the sweep's serialization directories.
 *
 * <p>No fsync: a killed process leaves each experiment whole or absent (rename is atomic), at the cost
 * of the page cache holding the data until the kernel writes it. Directories get the default
 * permissions (0777 less the umask). One store per sweep run; experiments may be written on several
 * threads at once (each experiment on one).
 */
public final class ExperimentStore {
  /** What {@link #write} did. */
  public enum Outcome { WRITTEN, SKIPPED, REPLACED }

  /** An experiment directory is in the way with other content. */
  public static final class Conflict extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path dir;

    Conflict(Path dir, String difference) {
      super(difference);
      this.dir = dir;
    }

    /** The directory in the way. */
    public Path dir() {
      return dir;
    }

    /** What differs, e.g. {@code ID.json differs}. */
    public String difference() {
      return getMessage();
    }
  }

  /**
   * Which experiments are running or queued now beyond what their claim shows (a queue, a marker of
   * another machine): {@code force} does not replace them.
   */
  @FunctionalInterface
  public interface InUse {
    /** Only the claim counts: nothing else is known. */
    InUse CLAIM_ONLY = info -> null;

    /** Why {@code info} is in use, e.g. {@code is queued in SLURM (SLURM 1234_5 PENDING)}, or null if it is not. */
    String why(ExperimentInfo info);
  }

  /** {@code force} would replace an experiment that is running or queued. */
  public static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;

    Busy(String why) {
      super(why);
    }
  }

  /** Makes {@code link} a hard link to {@code stored}: {@link SnapshotStore#link}, or in tests a file system's cap. */
  @FunctionalInterface
  interface Linker {
    void link(Path stored, Path link) throws IOException;
  }

  private final Path root;
  private final Linker linker;
  private final SnapshotStore snapshots;
  private final Snapshot snapshot;
  private final String snapshotSha;
  private final boolean force;
  private final InUse inUse;
  /** The stored copies of the jar (file keys): an experiment linked to one has the right jar. */
  private final Set<Object> storedKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Path> replicasMade = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Path storedSnapshot;

  /**
   * @param root the absolute output directory
   * @param snapshots the sweep's snapshot store, holding the jar (and any replicas of it)
   * @param snapshot the jar every experiment's {@code model.jar} links to
   * @param force whether a directory with other content is replaced rather than refused
   */
  public ExperimentStore(Path root, SnapshotStore snapshots, Snapshot snapshot, boolean force) throws IOException {
    this(root, snapshots, snapshot, force, InUse.CLAIM_ONLY);
  }

  /**
   * @param inUse experiments running or queued now, which {@code force} does not replace (nor ones whose
   *     claim is held)
   */
  public ExperimentStore(Path root, SnapshotStore snapshots, Snapshot snapshot, boolean force, InUse inUse)
      throws IOException {
    this(root, snapshots, snapshot, force, inUse, SnapshotStore::link);
  }

  /** @param linker how the jar is linked into each experiment */
  ExperimentStore(Path root, SnapshotStore snapshots, Snapshot snapshot, boolean force, InUse inUse, Linker linker)
      throws IOException {
    this.linker = Objects.requireNonNull(linker);
    this.inUse = Objects.requireNonNull(inUse);
    this.root = root;
    this.snapshots = snapshots;
    this.snapshot = snapshot;
    this.snapshotSha = Objects.requireNonNull(snapshot.sha256());
    this.force = force;
    List<Path> copies = snapshots.copies(snapshot);
    if (copies.isEmpty()) {
      throw new java.nio.file.NoSuchFileException(snapshots.pathOf(snapshot).toString());
    }
    for (Path copy : copies) {
      Object key = Files.readAttributes(copy, BasicFileAttributes.class).fileKey();
      if (key != null) {
        storedKeys.add(key);
      }
    }
    this.storedSnapshot = copies.get(copies.size() - 1);
  }

  /** The stored copy of the jar that experiments are linked to now. */
  public Path storedSnapshot() {
    return storedSnapshot;
  }

  /** The replicas of the jar this store made (when the file system allowed no more links to the last). */
  public List<Path> replicasMade() {
    return List.copyOf(replicasMade);
  }

  /**
   * Writes one experiment's config directory (JSON, TOML, a hard link to the stored snapshot), unless an
   * identical directory is there already.
   *
   * @throws Conflict if the directory exists with other content and the store does not force
   * @throws Busy if it exists with other content and is running or queued (force or not)
   */
  public Outcome write(ExperimentInfo info, byte[] json, byte[] toml) throws IOException, Conflict, Busy {
    Path dir = root.resolve(info.confDir());
    Path idDir = dir.getParent();
    // trial 0 makes its point's id directory; when that succeeds nothing of the point can be there yet
    boolean newPoint = info.trial() == 0 && mkdir(idDir);
    if (!newPoint) {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {      // a re-run
        return rewrite(info, dir, idDir, root.resolve(info.serializationDir()), json, toml);
      }
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new Conflict(dir, "a file, not a directory");
      }
      ensureDirectory(idDir);
    }
    Files.move(writeTemp(info, idDir, dir, json, toml), dir, StandardCopyOption.ATOMIC_MOVE);
    return Outcome.WRITTEN;
  }

  /** An experiment directory that is there already: skipped if identical, else refused or (force) replaced. */
  private Outcome rewrite(ExperimentInfo info, Path dir, Path idDir, Path serialization, byte[] json, byte[] toml)
      throws IOException, Conflict, Busy {
    String difference = difference(info, dir, json, toml);
    if (difference == null) {
      return Outcome.SKIPPED;
    }
    if (!force) {
      throw new Conflict(dir, difference);
    }
    ensureDirectory(serialization);
    // claimed while its outputs are archived and its config replaced: no run can start in between
    try (RunClaim claim = RunClaim.claim(serialization)) {
      String why = inUse.why(info);
      if (why != null) {
        throw new Busy(why);
      }
      // the old markers and outputs go first: results of the old config never stand beside the new one
      ReplacedOutputs.archive(serialization, dir, info, difference, snapshotSha);
      // nor does successive halving hold the old run's rung values against the new one
      new RungFiles(root, info.sweep()).forget(info.id(), info.trial());
      Path temp = writeTemp(info, idDir, dir, json, toml);
      Path old = idDir.resolve("." + dir.getFileName() + ".old");
      AtomicFiles.deleteTree(old);
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.deleteTree(old);
    } catch (RunClaim.Busy held) {
      throw new Busy("is being run by " + held.holder());
    }
    return Outcome.REPLACED;
  }

  /** Makes {@code dir} and its parents unless it is a directory already; true if it was there. */
  private static boolean ensureDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return true;
    }
    Files.createDirectories(dir);
    return false;
  }

  /** Removes an experiment this run wrote: its config directory, and its serialization directory if empty. */
  public void remove(ExperimentInfo info) throws IOException {
    removeExperiment(root, info.confDir(), info.serializationDir());
  }

  /** Removes config directory {@code confDir} (relative to {@code root}) and, if empty, {@code serializationDir}. */
  static void removeExperiment(Path root, Path confDir, Path serializationDir) throws IOException {
    Path dir = root.resolve(confDir);
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Path gone = dir.resolveSibling("." + dir.getFileName() + ".gone");
      AtomicFiles.deleteTree(gone);
      Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);   // the experiment disappears at once
      AtomicFiles.deleteTree(gone);
    }
    deleteIfEmpty(dir.getParent());
    if (serializationDir != null) {
      Path s = root.resolve(serializationDir);
      deleteIfEmpty(s);
      deleteIfEmpty(s.getParent());
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try {
      Files.deleteIfExists(dir);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // not ours to remove
    }
  }

  /** Makes {@code dir}; true if it was made, false if it was there (parents are made when missing). */
  private static boolean mkdir(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
      return true;
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return false;
    } catch (NoSuchFileException e) {
      Files.createDirectories(dir.getParent());
      return mkdir(dir);
    }
  }

  private Path writeTemp(ExperimentInfo info, Path idDir, Path dir, byte[] json, byte[] toml) throws IOException {
    Path temp = idDir.resolve("." + dir.getFileName() + ".tmp");
    try {
      Files.createDirectory(temp);
    } catch (FileAlreadyExistsException e) {         // left by a killed run
      AtomicFiles.deleteTree(temp);
      Files.createDirectory(temp);
    }
    try {
      Files.write(temp.resolve(info.configJson().getFileName()), json);
      Files.write(temp.resolve(info.confPath().getFileName()), toml);
      linkSnapshot(temp.resolve(Layout.SNAPSHOT_FILE));
    } catch (IOException | RuntimeException e) {
      try {
        AtomicFiles.deleteTree(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return temp;
  }

  /**
   * Links the stored jar; when the file system refuses another link to it (ext4 allows 65,000), links
   * a new replica instead, once. If that fails too, the first error is what went wrong.
   */
  private void linkSnapshot(Path link) throws IOException {
    Path target = storedSnapshot;
    try {
      linker.link(target, link);
    } catch (IOException first) {
      replicate(target, link, first);
    }
  }

  /** After {@code target} refused a link: links the replica another writer made meanwhile, or a new one. */
  private synchronized void replicate(Path target, Path link, IOException first) throws IOException {
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      throw first;
    }
    if (!storedSnapshot.equals(target)) {
      try {
        linker.link(storedSnapshot, link);
        return;
      } catch (IOException again) {
        first.addSuppressed(again);
      }
    }
    Path replica;
    try {
      replica = snapshots.addReplica(snapshot);
      linker.link(replica, link);
    } catch (IOException second) {
      first.addSuppressed(second);
      throw first;
    }
    replicasMade.add(replica);
    Object key = Files.readAttributes(replica, BasicFileAttributes.class).fileKey();
    if (key != null) {
      storedKeys.add(key);
    }
    storedSnapshot = replica;
  }

  /** What differs between {@code dir} and the experiment, or null if nothing does. */
  private String difference(ExperimentInfo info, Path dir, byte[] json, byte[] toml) throws IOException {
    Path jsonFile = dir.resolve(info.configJson().getFileName());
    Path tomlFile = dir.resolve(info.confPath().getFileName());
    Path jar = dir.resolve(Layout.SNAPSHOT_FILE);
    Set<String> expected = Set.of(jsonFile.getFileName().toString(), tomlFile.getFileName().toString(),
        Layout.SNAPSHOT_FILE);
    Set<String> actual = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      files.forEach(f -> actual.add(f.getFileName().toString()));
    }
    if (!actual.equals(expected)) {
      return "files " + actual + ", expected " + new TreeSet<>(expected);
    }
    if (!Arrays.equals(Files.readAllBytes(jsonFile), json)) {
      return jsonFile.getFileName() + " differs";
    }
    if (!Arrays.equals(Files.readAllBytes(tomlFile), toml) && !ExperimentConfig.sameExceptProvenance(
        Files.readString(tomlFile, StandardCharsets.UTF_8), new String(toml, StandardCharsets.UTF_8))) {
      return tomlFile.getFileName() + " differs";
    }
    Object key = Files.readAttributes(jar, BasicFileAttributes.class).fileKey();
    boolean sameJar = key != null && storedKeys.contains(key);
    if (!sameJar && !Sha256.of(jar).equals(snapshotSha)) {
      return Layout.SNAPSHOT_FILE + " differs";
    }
    return null;
  }
}
