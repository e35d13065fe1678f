package dev.hyper.runtime.plan;

import java.nio.file.Path;

/**
 * Where a sweep's files go, relative to the output directory:
 * <pre>
 * config/generated/SWEEP/ID/TRIAL/ID.json     rendered jsonnet config
 * config/generated/SWEEP/ID/TRIAL/ID.toml     the experiment's config
 * config/generated/SWEEP/ID/TRIAL/model.jar   snapshot of the code (hard link into .snapshots)
 * config/generated/SWEEP/.snapshots/SHA256.jar
 * model/generated/SWEEP/ID/TRIAL/             serialization directory
 * SWEEP-jobs.sh                               one command per experiment
 * </pre>
 */
public final class Layout {
  /** The snapshot's name in each experiment's config directory. */
  public static final String SNAPSHOT_FILE = "model.jar";

  private Layout() {}

  public static Path sweepConfigDir(String sweep) {
    return Path.of("config", "generated", sweep);
  }

  public static Path confDir(String sweep, String id, int trial) {
    return sweepConfigDir(sweep).resolve(id).resolve(Integer.toString(trial));
  }

  public static Path confPath(String sweep, String id, int trial) {
    return confDir(sweep, id, trial).resolve(id + ".toml");
  }

  public static Path configJson(String sweep, String id, int trial) {
    return confDir(sweep, id, trial).resolve(id + ".json");
  }

  public static Path serializationDir(String sweep, String id, int trial) {
    return Path.of("model", "generated", sweep, id, Integer.toString(trial));
  }

  /** The content-addressed store of a sweep's snapshots. */
  public static Path snapshotDir(String sweep) {
    return sweepConfigDir(sweep).resolve(".snapshots");
  }

  public static Path jobsScript(String sweep) {
    return Path.of(sweep + "-jobs.sh");
  }

  /** A relative path as the files Hyper writes spell it, with {@code /} between names on every OS. */
  public static String slashes(Path p) {
    String s = p.toString();
    return java.io.File.separatorChar == '/' ? s : s.replace(java.io.File.separatorChar, '/');
  }
}
