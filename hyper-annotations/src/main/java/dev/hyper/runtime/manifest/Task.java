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
 */
public record Task(Path root, Path confPath, Path serializationDir) {
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

  /** Whether the experiment's TOML is gone (the sweep's manifest lists it, but it is not on disk). */
  public boolean tomlMissing() {
    return !java.nio.file.Files.isRegularFile(root.resolve(confPath));
  }

  /** The log the experiment's stdout and stderr go to. */
  public Path log() {
    return root.resolve(serializationDir).resolve("run.log");
  }
}
