package dev.hyper.runtime.verify;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.snapshot.ClassPath;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code verify} of one sweep with its {@link VerifiedRecord}: an experiment the record lists with the same file
 * identities is ok without being read again, once this run has checked in full one experiment of the same
 * {@code model.jar} (its hash and the class-path entries it names in the store) and found it to be the snapshot
 * the record names (a {@code model.jar} is a hard link to the stored jar, whose change time each new link moves,
 * so the record keeps its inode and size only, and each run hashes it again); every other experiment is checked
 * in full ({@link ExperimentVerifier}) on {@link ParallelChecks}' threads. The experiments found ok go into a new
 * record, which replaces the old one when the run ends; a file written within {@link #SETTLE_SECONDS} of the start
 * is not recorded (time stamps may be too coarse to show a later write).
 *
 * <p>No record is kept for a program run from class directories (their contents can change under the same
 * name and time stamp) or on a file system without inode numbers and change times.
 */
public final class RecordedChecks implements AutoCloseable {
  /** How long before this run's start a file must have been last written to be recorded. */
  static final long SETTLE_SECONDS = 2;

  private final Path root;
  private final String sweep;
  private final SweepSpec<?> spec;
  private final ParallelChecks checks;
  private final VerifiedRecord.Reader old;
  private VerifiedRecord.Writer next;
  private String recordProblem;
  private final long settledBefore;
  /** The model.jar files (inode and size) this run found, in a check in full, to be the snapshot given. */
  private final Map<FileIdentity, String> checkedJars = new ConcurrentHashMap<>();
  private final ExperimentVerifier.Started startedPoints;
  private long fromRecord;

  /**
   * Checks of sweep {@code sweep} under {@code root}.
   *
   * @param full whether to check every experiment in full, as if there were no record (a new one is still kept)
   */
  public RecordedChecks(Path root, String sweep, int threads, ExperimentVerifier.Sweeps sweeps, boolean full)
      throws IOException, HyperException {
    this.root = root;
    this.sweep = sweep;
    this.spec = sweeps.find(sweep);
    this.settledBefore = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())
        - TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
    String program = program();
    Path file = root.resolve(Layout.verifiedRecord(sweep));
    boolean keep = program != null && FileIdentity.of(root.resolve(Layout.manifest(sweep))) != null
        && Files.isDirectory(file.getParent()) && Files.isWritable(file.getParent());
    this.old = keep && !full ? VerifiedRecord.Reader.open(file, program) : VerifiedRecord.Reader.none();
    VerifiedRecord.Writer writer = null;
    if (keep) {
      try {
        writer = new VerifiedRecord.Writer(file, program);
      } catch (IOException e) {
        recordProblem = file + ": " + dev.hyper.runtime.io.IoProblems.reason(e);
      }
    }
    this.next = writer;
    this.checks = new ParallelChecks(threads, sweeps);
    this.startedPoints = new ExperimentVerifier.Started(root, ExperimentFiles.startedPoints(root, sweep));
  }

  /**
   * Why no new record was kept, or null: a record that cannot be written costs the next verify its speed, not
   * this one its answer.
   */
  public String recordProblem() {
    return recordProblem;
  }

  /** Whether the point of experiment id {@code id} had a serialization directory when this run began. */
  public boolean started(String id) {
    return startedPoints.ids().contains(id);
  }

  /** Experiments taken as ok from the record so far. */
  public long fromRecord() {
    return fromRecord;
  }

  /** What {@link #check} hands back, in order, for an experiment whose TOML is not there: nothing was checked. */
  @FunctionalInterface
  public interface Absent<T> {
    void accept(T item) throws IOException;
  }

  /**
   * Checks experiment {@code id} trial {@code trial}, manifest row {@code row}, whose TOML is {@code toml}, on one of
   * the threads; {@code result} gets it after every earlier one's, or {@code absent} does, with nothing checked, if
   * the TOML is not there.
   */
  public <T> void check(T item, long row, String id, int trial, Path toml, ParallelChecks.Result<T> result,
      Absent<T> absent) throws IOException {
    String key = id + "/" + trial;
    String recorded = old.at(row);
    boolean started = started(id);
    Outcome outcome = new Outcome();
    checks.submit(item, verifier -> {
      FileIdentity tomlIdentity = identityOrNull(toml);      // taken before the check reads it, as are the others
      if (FileIdentity.ABSENT.equals(tomlIdentity) || tomlIdentity == null && !Files.isRegularFile(toml)) {
        outcome.absent = true;
        return List.of();
      }
      VerifiedRecord.Identities files = identities(tomlIdentity, id, trial, started);
      String sha = files == null ? null : checkedJars.get(files.jar());
      if (sha != null && recorded != null) {
        String spelled = VerifiedRecord.spelled(key, sha, files);
        if (recorded.equals(spelled)) {
          outcome.fromRecord = true;
          outcome.spelled = spelled;
          return List.of();
        }
      }
      ExperimentVerifier.Checked checked = verifier.examine(toml, spec, startedPoints);
      boolean standard = checked.info() != null && standardPaths(checked.info(), id, trial);
      // a model.jar that was not there when its identity was taken is not one this check vouches for
      if (checked.problems().isEmpty() && standard && files != null && !FileIdentity.ABSENT.equals(files.jar())) {
        String checkedSha = checked.info().snapshot().sha256();      // the check found model.jar to be it
        checkedJars.putIfAbsent(files.jar(), checkedSha);
        if (files.settledBefore(settledBefore)) {
          outcome.spelled = VerifiedRecord.spelled(key, checkedSha, files);
        }
      }
      return checked.problems();
    }, (T it, List<String> problems) -> {
      if (outcome.absent) {
        absent.accept(it);
        return;
      }
      if (outcome.fromRecord) {
        fromRecord++;
      }
      if (next != null && problems.isEmpty() && outcome.spelled != null) {
        try {
          next.add(row, outcome.spelled);
        } catch (IOException e) {
          dropRecord(e);
        }
      }
      result.accept(it, problems);
    });
  }

  /** Waits for every check, hands back the rest and puts the new record in place. */
  public void finish() throws IOException {
    checks.finish();
    if (next != null) {
      try {
        next.commit();
      } catch (IOException e) {
        dropRecord(e);
      }
    }
  }

  private void dropRecord(IOException e) {
    recordProblem = root.resolve(Layout.verifiedRecord(sweep)) + ": " + dev.hyper.runtime.io.IoProblems.reason(e);
    try {
      next.close();
    } catch (IOException ignored) {
      // the temporary file stays; a later verify's is another
    }
    next = null;
  }

  @Override
  public void close() throws IOException {
    try {
      checks.close();
      old.close();
    } finally {
      if (next != null) {
        next.close();
      }
    }
  }

  /** Set by a check's thread, read after its result is in (the future's completion orders the two). */
  private static final class Outcome {
    /** The record's line for it, if it goes into the new record. */
    String spelled;
    boolean fromRecord;
    /** Whether the TOML was not there: nothing checked. */
    boolean absent;
  }

  /**
   * The identities of the files a check of experiment {@code id}/{@code trial} reads, taken before it reads them;
   * {@code toml}'s is given. Its {@code DONE} is not looked for unless its point had a serialization directory
   * ({@code started}) when this run began.
   */
  private VerifiedRecord.Identities identities(FileIdentity toml, String id, int trial, boolean started)
      throws IOException {
    Path run = root.resolve(Layout.serializationDir(sweep, id, trial));
    FileIdentity j = FileIdentity.of(root.resolve(Layout.configJson(sweep, id, trial)));
    FileIdentity jar = FileIdentity.of(root.resolve(Layout.confDir(sweep, id, trial)).resolve(Layout.SNAPSHOT_FILE));
    FileIdentity done = started ? FileIdentity.of(run.resolve(dev.hyper.runtime.status.Markers.DONE))
        : FileIdentity.ABSENT;
    FileIdentity metrics = FileIdentity.ABSENT.equals(done) ? FileIdentity.ABSENT      // checked only once DONE
        : FileIdentity.of(run.resolve(dev.hyper.runtime.run.ExperimentRun.METRICS_FILE));
    if (toml == null || j == null || jar == null || done == null || metrics == null) {
      return null;
    }
    return new VerifiedRecord.Identities(toml, j, jar.withoutTimes(), done, metrics);
  }

  /** {@code toml}'s identity, or null when it cannot be taken (a file where a directory on its path should be). */
  private static FileIdentity identityOrNull(Path toml) {
    try {
      return FileIdentity.of(toml);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the check read the files {@link #identities} names: the TOML gives the layout's paths. */
  private boolean standardPaths(ExperimentInfo info, String id, int trial) {
    return info.id().equals(id) && info.trial() == trial && info.root().equals(root)
        && info.confDir().equals(Layout.confDir(sweep, id, trial))
        && info.configJson().equals(Layout.configJson(sweep, id, trial))
        && info.serializationDir().equals(Layout.serializationDir(sweep, id, trial))
        && info.snapshot() != null && info.snapshot().file().equals(Layout.SNAPSHOT_FILE);
  }

  /**
   * What the record is kept for: the program this JVM runs, each class-path entry (with those its jars' manifests
   * name) by name, size and modification time; null (no record) when an entry is a directory, is missing or
   * cannot be read.
   */
  private static String program() {
    StringBuilder sb = new StringBuilder("hyper verify record v1\n");
    try {
      ClassPath cp = ClassPath.ofThisJvm();
      if (!cp.missing().isEmpty() || cp.entries().isEmpty()) {
        return null;
      }
      for (Path p : cp.entries()) {
        if (!Files.isRegularFile(p)) {
          return null;
        }
        sb.append(p.toAbsolutePath()).append('\t').append(Files.size(p)).append('\t')
            .append(Files.getLastModifiedTime(p)).append('\n');
      }
    } catch (HyperException | IOException e) {
      return null;
    }
    return Sha256.of(sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
