package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.RenderedExperiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes experiment directories, each whole or not at all: the files are made in a temporary directory
 * beside the target, which is then renamed into place. An existing directory with the same content is
 * left alone; one with other content is never overwritten.
 */
public final class ExperimentStore {
  /** What {@link #write} did. */
  public enum Outcome { WRITTEN, SKIPPED }

  private ExperimentStore() {}

  /**
   * Whether {@code e}'s directory is new (false) or already there with the same content (true).
   *
   * @param snapshotSha the SHA-256 of the snapshot {@code model.jar} must have
   * @param stored the stored snapshot, if it exists yet (a hard link to it needs no hashing), or null
   * @throws HyperException if the directory exists with other content
   */
  public static boolean existsIdentical(RenderedExperiment e, String snapshotSha, Path stored)
      throws HyperException, IOException {
    ExperimentInfo info = e.info();
    Path dir = info.resolve(info.confDir());
    if (!Files.exists(dir)) {
      return false;
    }
    String difference = difference(e, dir, snapshotSha, stored);
    if (difference != null) {
      throw new HyperException("experiment directory " + dir + " already exists with other content (" + difference
          + "); remove it, or write the sweep to another --out directory");
    }
    return true;
  }

  /**
   * Writes {@code e}'s config directory (JSON, TOML, a hard link to the stored snapshot) and creates its
   * empty serialization directory, unless an identical directory is already there.
   */
  public static Outcome write(RenderedExperiment e, Path storedSnapshot) throws HyperException, IOException {
    ExperimentInfo info = e.info();
    if (existsIdentical(e, info.snapshot().sha256(), storedSnapshot)) {
      Files.createDirectories(info.resolve(info.serializationDir()));
      return Outcome.SKIPPED;
    }
    Path dir = info.resolve(info.confDir());
    Path parent = dir.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
    try {
      Files.write(temp.resolve(info.configJson().getFileName()), e.jsonBytes());
      Files.write(temp.resolve(info.confPath().getFileName()), e.tomlBytes());
      SnapshotStore.link(storedSnapshot, temp.resolve(Layout.SNAPSHOT_FILE));
      Files.move(temp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
    Files.createDirectories(info.resolve(info.serializationDir()));
    return Outcome.WRITTEN;
  }

  private static String difference(RenderedExperiment e, Path dir, String snapshotSha, Path stored)
      throws IOException {
    ExperimentInfo info = e.info();
    Path json = dir.resolve(info.configJson().getFileName());
    Path toml = dir.resolve(info.confPath().getFileName());
    Path jar = dir.resolve(Layout.SNAPSHOT_FILE);
    Set<String> expected = Set.of(json.getFileName().toString(), toml.getFileName().toString(), Layout.SNAPSHOT_FILE);
    Set<String> actual = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> actual.add(f.getFileName().toString()));
    }
    if (!actual.equals(expected)) {
      return "files " + actual + ", expected " + new TreeSet<>(expected);
    }
    if (!Arrays.equals(Files.readAllBytes(json), e.jsonBytes())) {
      return json.getFileName() + " differs";
    }
    if (!ExperimentConfig.sameExceptProvenance(Files.readString(toml, StandardCharsets.UTF_8), e.toml())) {
      return toml.getFileName() + " differs";
    }
    boolean sameJar = stored != null && Files.exists(stored) && Files.isSameFile(stored, jar);
    if (!sameJar && !Sha256.of(jar).equals(snapshotSha)) {
      return Layout.SNAPSHOT_FILE + " differs";
    }
    return null;
  }
}
