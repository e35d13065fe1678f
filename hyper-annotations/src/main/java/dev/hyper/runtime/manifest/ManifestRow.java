package dev.hyper.runtime.manifest;

import dev.hyper.runtime.plan.Layout;
import java.nio.file.Path;
import java.util.List;

/**
 * One experiment of a sweep's manifest.
 *
 * @param row its row number, from 0: its task number in the SLURM task list and its line in the jobs script
 * @param id the experiment's id
 * @param trial its trial
 * @param codes its parameters as jsonnet literals, in the manifest's column order
 * @param config its TOML's path, relative to the output directory, with {@code /} between names
 * @param lazyDir for a row of a lazy invocation, that invocation's directory (relative to the output directory),
 *     from which its task makes the experiment; null for a row its sweep wrote
 */
public record ManifestRow(long row, String id, int trial, List<String> codes, String config, Path lazyDir) {
  /** A row its sweep wrote. */
  public ManifestRow(long row, String id, int trial, List<String> codes, String config) {
    this(row, id, trial, codes, config, null);
  }

  /** The TOML's path, relative to the output directory. */
  public Path confPath() {
    return Path.of(config);
  }

  /** Its serialization directory, relative to the output directory, in sweep {@code sweep}. */
  public Path serializationDir(String sweep) {
    return Layout.serializationDir(sweep, id, trial);
  }

  /** The key of {@link ExperimentKeys}. */
  public String key() {
    return id + "/" + trial;
  }
}
