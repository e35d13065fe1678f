package dev.hyper.runtime.manifest;

import java.nio.file.Path;

/**
 * One experiment to run: {@code java -jar <confDir>/model.jar run <confPath>} in {@code root}, with its
 * output appended to {@code <serializationDir>/run.log}.
 *
 * <p>Only the paths are kept (one task per experiment of a sweep is held in memory at once): the label and
 * the config directory follow from the TOML's path.
 *
 * @param root the sweep's output directory; the other paths are relative to it
 * @param lazyDir for an experiment of a lazy sweep, its invocation's directory ({@code Layout.lazyDir}), whose
 *     model.jar its task runs and which makes the experiment when it is not there yet; null otherwise
 * @param row for an experiment of a lazy sweep, its row in the sweep's manifest (its task finds the row by it,
 *     {@code run --row}); -1 otherwise
 */
public record Task(Path root, Path confPath, Path serializationDir, Path lazyDir, long row) {
  /** An experiment written by its sweep. */
  public Task(Path root, Path confPath, Path serializationDir) {
    this(root, confPath, serializationDir, null, -1);
  }

  /** A task; {@code confDir} must be {@code confPath}'s directory and {@code label} its {@code ID/TRIAL}. */
  public Task(String label, Path root, Path confDir, Path confPath, Path serializationDir) {
    this(root, confPath, serializationDir);
    if (!confDir.equals(confPath.getParent())) {
      throw new IllegalArgumentException(confPath + " is not in " + confDir);
    }
  }

  /** How progress and errors name it, e.g. {@code a673de5e6e06/0}: {@code ID/TRIAL} from its config directory. */
  public String label() {
    Path dir = confPath.getParent();
    return dir.getParent() == null ? dir.toString() : dir.getParent().getFileName() + "/" + dir.getFileName();
  }

  /** The experiment's config directory, relative to {@link #root()}. */
  public Path confDir() {
    return confPath.getParent();
  }

  /** Whether the experiment's TOML is not on disk (gone, or for a lazy sweep not made yet). */
  public boolean tomlMissing() {
    return !java.nio.file.Files.isRegularFile(root.resolve(confPath));
  }

  /** Whether the experiment is gone: the sweep's manifest lists it, its TOML is not on disk, and no task makes it. */
  public boolean gone() {
    return lazyDir == null && tomlMissing();
  }

  /** What is said of a lazy sweep's experiment whose TOML is gone though its task made it and ran it. */
  public String goneAfterItsRun() {
    return confPath.getFileName() + " is gone, though its task made it and ran it ("
        + dev.hyper.runtime.plan.Layout.slashes(serializationDir()) + ")";
  }

  /** Whether the experiment belongs to a lazy sweep and its task has not made it yet. */
  public boolean notMadeYet() {
    return lazyDir != null && tomlMissing();
  }

  /** The directory of the model.jar the task runs: a lazy invocation's, or the experiment's config directory. */
  public Path jarDir() {
    return lazyDir != null ? lazyDir : confDir();
  }

  /** The log the experiment's stdout and stderr go to. */
  public Path log() {
    return root.resolve(serializationDir).resolve("run.log");
  }
}
