package dev.hyper.runtime.plan;

import java.nio.file.Path;

/**
 * Where a sweep's files go, relative to the output directory:
 * <pre>
 * config/generated/SWEEP/ID/TRIAL/ID.json     rendered jsonnet config
 * config/generated/SWEEP/ID/TRIAL/ID.toml     the experiment's config
 * config/generated/SWEEP/ID/TRIAL/model.jar   the program (hard link into .snapshots)
 * config/generated/.snapshots/SHA256.jar      the output directory's store: class-path entries, launcher jars
 * config/generated/SWEEP/.lazy/N/             a lazy sweep's invocation N: its tasks run this model.jar and make
 *                                             their experiments from prototype.toml and the manifest's rows
 * model/generated/SWEEP/ID/TRIAL/             serialization directory
 * model/generated/SWEEP/ID/.TRIAL.claim       locked by the run training it, for the run's whole life
 * model/generated/SWEEP/ID/TRIAL/.replaced-T/ what the experiment held before sweep --force replaced it at T
 * model/generated/SWEEP/.journal/HOST-BOOTID  each marker written or cleared there on that machine, a line each
 * model/generated/SWEEP/.rungs/K/ID-TRIAL     successive halving: the experiment's value at rung K (create-only)
 * model/generated/SWEEP/.rungs/K/ID-TRIAL.decision  what the run decided there, with the values it saw
 * SWEEP-manifest.tsv                          the one record of the sweep's experiments, one row each
 * SWEEP-jobs.sh                               one command per experiment, line k for row k
 * SWEEP-jobs.running/HOST-PID                 one per jobs script running now (removed when it ends)
 * SWEEP-slurm-tasks.tsv                       the SLURM task list: line k for row k (see launch.TaskLine)
 * SWEEP.sbatch                                the job-array script over it
 * SWEEP-slurm-jobs.tsv                        every SLURM submission
 * SWEEP-slurm-errors.log                      what array tasks that could not start said
 * </pre>
 */
public final class Layout {
  /** The snapshot's name in each experiment's config directory. */
  public static final String SNAPSHOT_FILE = "model.jar";


  /** The start of the name of a serialization directory's archive of what a replaced experiment held. */
  public static final String REPLACED_PREFIX = ".replaced-";

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
    return sweepModelDir(sweep).resolve(id).resolve(Integer.toString(trial));
  }

  /** The directory holding one directory per point of {@code sweep} that has serialization directories. */
  public static Path sweepModelDir(String sweep) {
    return Path.of("model", "generated", sweep);
  }

  /** The name of a sweep's journal of its markers, in its {@link #sweepModelDir}. */
  public static final String JOURNAL_DIR = ".journal";

  /** The journal directory of the sweep whose serialization directory {@code serializationDir} is. */
  public static Path journalDir(Path serializationDir) {
    return serializationDir.getParent().resolveSibling(JOURNAL_DIR);
  }

  /** The prototype TOML's name in a lazy invocation's directory ({@link #lazyDir}). */
  public static final String PROTOTYPE_FILE = "prototype.toml";

  /**
   * The directory of invocation {@code invocation} (from 1) of a lazy sweep, {@code config/generated/SWEEP/.lazy/N}:
   * the model.jar its tasks run (at the depth of an experiment's, so a launcher jar's class path resolves) and
   * the TOML of its first experiment, from which each task makes its own.
   */
  public static Path lazyDir(String sweep, int invocation) {
    return sweepConfigDir(sweep).resolve(".lazy").resolve(Integer.toString(invocation));
  }

  /**
   * The output directory of a lazy invocation's directory at {@code dir} ({@code ROOT/config/generated/SWEEP/.lazy/N},
   * {@link #lazyDir}), or null if {@code dir} is not at such a place.
   */
  public static Path rootOfLazyDir(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path lazy = abs.getParent();
    if (lazy == null || !lazy.getFileName().toString().equals(".lazy") || lazy.getParent() == null
        || !abs.getFileName().toString().matches("[1-9][0-9]{0,8}")) {
      return null;
    }
    Path generated = lazy.getParent().getParent();
    if (generated == null || generated.getParent() == null || !generated.getFileName().toString().equals("generated")
        || !generated.getParent().getFileName().toString().equals("config")) {
      return null;
    }
    return generated.getParent().getParent();
  }

  /**
   * The output directory of an experiment TOML at {@code toml} ({@code ROOT/config/generated/SWEEP/ID/TRIAL/ID.toml}),
   * or null if {@code toml} is not at such a place.
   */
  public static Path rootOf(Path toml) {
    Path abs = toml.toAbsolutePath().normalize();
    Path trial = abs.getParent();
    if (trial == null || trial.getParent() == null || trial.getParent().getParent() == null) {
      return null;
    }
    Path id = trial.getParent();
    Path generated = id.getParent().getParent();
    if (generated == null || generated.getParent() == null || !abs.getFileName().toString().equals(id.getFileName() + ".toml")
        || !generated.getFileName().toString().equals("generated")
        || !generated.getParent().getFileName().toString().equals("config")) {
      return null;
    }
    try {
      Integer.parseInt(trial.getFileName().toString());
    } catch (NumberFormatException e) {
      return null;
    }
    return generated.getParent().getParent();
  }

  /** Where the rungs of a sweep with successive halving are recorded: {@code model/generated/SWEEP/.rungs}. */
  public static Path rungsDir(String sweep) {
    return Path.of("model", "generated", sweep, ".rungs");
  }

  /** Rung {@code k}'s records and decisions: {@code .rungs/K}. */
  public static Path rungDir(String sweep, int k) {
    return rungsDir(sweep).resolve(Integer.toString(k));
  }

  /**
   * Whether {@code name} names a trial's directory ({@code ID/TRIAL}): 1 to 9 decimal digits, so that it is an
   * {@code int}.
   */
  public static boolean isTrialName(String name) {
    int n = name.length();
    if (n == 0 || n > 9) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The name of an experiment's record in a rung's directory: {@code ID-TRIAL}. */
  public static String rungRecordName(String id, int trial) {
    return id + "-" + trial;
  }

  /** The end of the name of a decision beside its record: {@code ID-TRIAL.decision}. */
  public static final String DECISION_SUFFIX = ".decision";

  /**
   * The file the run training an experiment holds locked ({@code ID/.TRIAL.claim}, beside its serialization
   * directory {@code ID/TRIAL}): outside the directory the trainer writes, because a process that opens and
   * closes a locked file loses its lock on it.
   */
  public static Path claimFile(Path serializationDir) {
    return serializationDir.resolveSibling("." + serializationDir.getFileName() + ".claim");
  }

  /** The output directory's content-addressed store of programs, shared by its sweeps. */
  public static Path snapshotDir() {
    return Path.of("config", "generated", ".snapshots");
  }

  /**
   * The store as seen from any experiment's config directory ({@code ../../../.snapshots}): a launcher
   * jar's {@code Class-Path} names stored entries this way, so one launcher serves every experiment and
   * the tree still runs when moved.
   */
  public static Path storeFromConfDir() {
    return confDir("s", "i", 0).relativize(snapshotDir());
  }

  /** The sweep's manifest ({@code dev.hyper.runtime.manifest.SweepManifest}). */
  public static Path manifest(String sweep) {
    return Path.of(sweep + "-manifest.tsv");
  }

  /** The SLURM task list: line k (from 0) is the experiment of array task k. */
  public static Path slurmTasks(String sweep) {
    return Path.of(sweep + "-slurm-tasks.tsv");
  }

  /** The job-array script. */
  public static Path slurmScript(String sweep) {
    return Path.of(sweep + ".sbatch");
  }

  /** The record of SLURM submissions. */
  public static Path slurmJobs(String sweep) {
    return Path.of(sweep + "-slurm-jobs.tsv");
  }

  /** Where array tasks that cannot find or start their experiment say so. */
  public static Path slurmErrors(String sweep) {
    return Path.of(sweep + "-slurm-errors.log");
  }

  /** What {@code verify} found ok, with the identity of each file it checked (dev.hyper.runtime.verify.VerifiedRecord). */
  public static Path verifiedRecord(String sweep) {
    return sweepConfigDir(sweep).resolve(".verified.tsv");
  }

  public static Path jobsScript(String sweep) {
    return Path.of(sweep + "-jobs.sh");
  }

  /**
   * Where a running jobs script of {@code sweep} records itself ({@code HOST-PID} files with its host,
   * pid and start), relative to the output directory.
   */
  public static Path jobsScriptRuns(String sweep) {
    return Path.of(sweep + "-jobs.running");
  }

  /** A relative path as the files Hyper writes spell it, with {@code /} between names on every OS. */
  public static String slashes(Path p) {
    String s = p.toString();
    return java.io.File.separatorChar == '/' ? s : s.replace(java.io.File.separatorChar, '/');
  }
}
