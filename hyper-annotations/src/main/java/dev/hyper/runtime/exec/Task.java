package dev.hyper.runtime.exec;

import java.nio.file.Path;

/**
 * One experiment to run: {@code java -jar <confDir>/model.jar run <confPath>} in {@code root}, with its
 * output appended to {@code <serializationDir>/run.log}.
 *
 * @param label how progress and errors name it, e.g. {@code a673de5e6e06/0}
 * @param root the sweep's output directory; the other paths are relative to it
 */
public record Task(String label, Path root, Path confDir, Path confPath, Path serializationDir) {
  /** Whether the experiment's TOML is gone (the sweep's manifest lists it, but it is not on disk). */
  public boolean tomlMissing() {
    return !java.nio.file.Files.isRegularFile(root.resolve(confPath));
  }

  /** The log the experiment's stdout and stderr go to. */
  public Path log() {
    return root.resolve(serializationDir).resolve("run.log");
  }
}
