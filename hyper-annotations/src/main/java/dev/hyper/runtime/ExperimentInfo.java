package dev.hyper.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything about one experiment except its params: which sweep, point id and trial it is, its seed,
 * where its files are, the SLURM settings and the code snapshot it runs.
 *
 * <p>Paths are stored relative to the sweep's output directory, {@link #root()}, so that a tree of
 * experiments can be moved or copied as a whole; {@link #resolve(Path)} makes them absolute.
 *
 * @param sweep the sweep's name
 * @param id the experiment's id (see {@link dev.hyper.runtime.plan.Ids#experimentId}); shared by its trials
 * @param trial the trial, 0-based
 * @param nTrials how many trials the point has
 * @param seed this trial's seed (see {@link dev.hyper.runtime.plan.Ids#seed})
 * @param confDir the experiment's config directory, relative to root
 * @param confPath its TOML file, relative to root
 * @param configJson its rendered jsonnet config, relative to root
 * @param serializationDir where training writes, relative to root
 * @param root the absolute directory the relative paths are resolved against
 * @param slurm SLURM settings of the sweep
 * @param snapshot the jar the experiment runs, or null when unknown
 * @param provenance where, when and from which source the experiment was made, or null when unknown
 */
public record ExperimentInfo(
    String sweep, String id, int trial, int nTrials, long seed,
    Path confDir, Path confPath, Path configJson, Path serializationDir,
    Path root, SlurmSettings slurm, Snapshot snapshot, Provenance provenance) {

  /** An experiment without provenance. */
  public ExperimentInfo(String sweep, String id, int trial, int nTrials, long seed, Path confDir, Path confPath,
      Path configJson, Path serializationDir, Path root, SlurmSettings slurm, Snapshot snapshot) {
    this(sweep, id, trial, nTrials, seed, confDir, confPath, configJson, serializationDir, root, slurm, snapshot,
        null);
  }

  /**
   * The program an experiment runs and how to start it: {@code java JVM_ARGS -jar CONF_DIR/FILE run TOML}.
   *
   * @param file the jar's file name in {@link #confDir()}, {@code model.jar}: the program's one fat jar,
   *     or a small launcher jar whose manifest names the program's class path in the snapshot store
   * @param size its size in bytes
   * @param sha256 its SHA-256, 64 lower-case hex digits; a launcher jar names every class-path entry by
   *     its SHA-256, so this stands for the whole program
   * @param mainClass the program's main class, or null when not recorded (experiments made before it was)
   * @param java the Java runtime the sweep ran on, whose {@code bin/java} runs the experiment where it
   *     exists; null when not recorded
   * @param jvmArgs options for the training JVM, e.g. {@code -Xmx8g}
   */
  public record Snapshot(String file, long size, String sha256, String mainClass, JavaRuntime java,
      List<String> jvmArgs) {
    public Snapshot {
      Objects.requireNonNull(file);
      Objects.requireNonNull(sha256);
      if (size < 0) {
        throw new IllegalArgumentException("size " + size);
      }
      jvmArgs = List.copyOf(jvmArgs);
    }

    /** A jar with nothing else recorded (how experiments were described before main class and runtime were). */
    public Snapshot(String file, long size, String sha256) {
      this(file, size, sha256, null, null, List.of());
    }

    /** The same snapshot with other JVM options. */
    public Snapshot withJvmArgs(List<String> args) {
      return new Snapshot(file, size, sha256, mainClass, java, args);
    }
  }

  public ExperimentInfo {
    Objects.requireNonNull(sweep);
    Objects.requireNonNull(id);
    Objects.requireNonNull(slurm);
    if (trial < 0 || trial >= nTrials) {
      throw new IllegalArgumentException("trial " + trial + " is not in [0, " + nTrials + ")");
    }
    confDir = relative("confDir", confDir);
    confPath = relative("confPath", confPath);
    configJson = relative("configJson", configJson);
    serializationDir = relative("serializationDir", serializationDir);
    Objects.requireNonNull(root, "root");
    if (!root.isAbsolute()) {
      throw new IllegalArgumentException("root must be absolute: " + root);
    }
    root = root.normalize();
  }

  /** {@code relative} resolved against {@link #root()}. */
  public Path resolve(Path relative) {
    return root.resolve(relative);
  }

  /** The same experiment with its paths resolved against another root. */
  public ExperimentInfo withRoot(Path newRoot) {
    return new ExperimentInfo(sweep, id, trial, nTrials, seed, confDir, confPath, configJson, serializationDir,
        newRoot, slurm, snapshot, provenance);
  }

  /** The same experiment with another snapshot. */
  public ExperimentInfo withSnapshot(Snapshot newSnapshot) {
    return new ExperimentInfo(sweep, id, trial, nTrials, seed, confDir, confPath, configJson, serializationDir,
        root, slurm, newSnapshot, provenance);
  }

  /** The same experiment with another provenance (null for none). */
  public ExperimentInfo withProvenance(Provenance newProvenance) {
    return new ExperimentInfo(sweep, id, trial, nTrials, seed, confDir, confPath, configJson, serializationDir,
        root, slurm, snapshot, newProvenance);
  }

  private static Path relative(String what, Path p) {
    Objects.requireNonNull(p, what);
    Path n = p.normalize();
    if (n.isAbsolute() || n.toString().isEmpty() || n.startsWith("..")) {
      throw new IllegalArgumentException(what + " must be a relative path inside the root: " + p);
    }
    return n;
  }
}
