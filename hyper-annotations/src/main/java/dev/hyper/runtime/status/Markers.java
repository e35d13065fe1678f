package dev.hyper.runtime.status;

import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The marker files {@code run} leaves in an experiment's serialization directory, and how to read an
 * experiment's status from them. Executors (local, SLURM) build on {@link #read} and {@link #status}.
 *
 * <h2>Files</h2>
 * Each marker is a small TOML file ({@link MarkerToml} writes and reads its text), written to a temporary
 * file in the same directory and renamed into place, so a reader sees a whole marker or none.
 * <pre>
 * STARTED   written before training starts
 *   marker = "STARTED"
 *   sweep = "rnn"; experiment = "0116ed021c6b"; trial = 0
 *   time = "2026-11-27T19:20:35.123Z"           # start, ISO-8601 UTC
 *   host = "node17"; pid = 4242; process_start = "2026-11-27T19:20:34.870Z"
 *   jar_sha256 = "9a80..."                       # the running jar; absent if not run from a jar
 *   command_line, working_dir, java_version, java_vendor, os_name, os_version, os_arch,
 *   git_commit, git_dirty, build_time           # as in the TOML's [provenance]; git keys only if known
 *   forced = ["..."]                             # only for run --force: the problems it overrode
 *
 * DONE      written when training returned normally
 *   marker = "DONE"
 *   time = "..."; started = "..."; seconds = 12.5; exit_code = 0
 *   metrics_sha256 = "..."                       # SHA-256 of metrics.json; absent if none was written
 *   forced = ["..."]                             # only for run --force
 *
 * FAILED    written when training failed
 *   marker = "FAILED"
 *   time = "..."; started = "..."; seconds = 3.2
 *   exit_code = 1                                # the run's exit code
 *   error = ["...", "..."]                       # the last (at most 20) lines of its error output
 *   forced = ["..."]                             # only for run --force
 *
 * STOPPED   written when successive halving stopped the run at a rung ("STOPPED at rung K")
 *   marker = "STOPPED"
 *   time, started, seconds; rung, resource, metric, value, cutoff
 * </pre>
 *
 * <h2>Status</h2>
 * {@code DONE} present: {@link ExperimentStatus#DONE}; else {@code FAILED}: {@link ExperimentStatus#FAILED};
 * else {@code STOPPED}: {@link ExperimentStatus#STOPPED}; else {@code INTERRUPTED}:
 * {@link ExperimentStatus#INTERRUPTED}; else {@code STARTED}: {@link ExperimentStatus#RUNNING} (which includes a run that was killed: nothing
 * is written then); else {@link ExperimentStatus#PENDING}. A new run removes {@code DONE} and
 * {@code FAILED} before writing {@code STARTED}.
 *
 * <p>Each marker written, and each removal of a {@code DONE} or {@code STOPPED}, also goes into the sweep's
 * {@link RunJournal}, from which readers of a large sweep know its finished experiments without a stat of each.
 */
public final class Markers {
  public static final String STARTED = "STARTED";
  public static final String DONE = "DONE";
  public static final String FAILED = "FAILED";
  public static final String INTERRUPTED = "INTERRUPTED";
  public static final String STOPPED = "STOPPED";
  /** The most lines of error output a {@code FAILED} marker keeps. */
  public static final int ERROR_LINES = 20;

  private static String hostName;

  private Markers() {}

  /**
   * The status of the experiment whose serialization directory is {@code dir}, from which markers
   * exist (no marker is parsed, so this is cheap for large sweeps).
   */
  public static ExperimentStatus status(Path dir) {
    if (Files.exists(dir.resolve(DONE))) {
      return ExperimentStatus.DONE;
    }
    if (Files.exists(dir.resolve(FAILED))) {
      return ExperimentStatus.FAILED;
    }
    if (Files.exists(dir.resolve(STOPPED))) {
      return ExperimentStatus.STOPPED;
    }
    if (Files.exists(dir.resolve(INTERRUPTED))) {
      return ExperimentStatus.INTERRUPTED;
    }
    if (Files.exists(dir.resolve(STARTED))) {
      return ExperimentStatus.RUNNING;
    }
    return ExperimentStatus.PENDING;
  }

  /**
   * Reads every marker in {@code dir}.
   *
   * @throws ConfigException naming the marker file if one is not a valid marker
   * @throws IOException if one cannot be read
   */
  public static RunState read(Path dir) throws IOException {
    Optional<Started> started = readIfPresent(dir.resolve(STARTED), MarkerToml::readStarted);
    Optional<Done> done = readIfPresent(dir.resolve(DONE), MarkerToml::readDone);
    Optional<Failed> failed = readIfPresent(dir.resolve(FAILED), MarkerToml::readFailed);
    Optional<Interrupted> interrupted = readIfPresent(dir.resolve(INTERRUPTED), MarkerToml::readInterrupted);
    ExperimentStatus status = done.isPresent() ? ExperimentStatus.DONE
        : failed.isPresent() ? ExperimentStatus.FAILED
        : Files.exists(dir.resolve(STOPPED)) ? ExperimentStatus.STOPPED
        : interrupted.isPresent() ? ExperimentStatus.INTERRUPTED
        : started.isPresent() ? ExperimentStatus.RUNNING
        : ExperimentStatus.PENDING;
    return new RunState(status, started, done, failed, interrupted);
  }

  /** Writes {@code STARTED} in {@code dir}, atomically. */
  public static void writeStarted(Path dir, Started s) throws IOException {
    write(dir, STARTED, MarkerToml.started(s));
  }

  /**
   * Writes {@code DONE} in {@code dir}, atomically. A run forced with a program other than the experiment's
   * snapshot ({@link Done#forced}) gives the journal no {@code DONE} line (see {@link RunJournal}).
   */
  public static void writeDone(Path dir, Done d) throws IOException {
    write(dir, DONE, MarkerToml.done(d), d.forced().isEmpty());
  }

  /** Writes {@code FAILED} in {@code dir}, atomically, keeping the last {@link #ERROR_LINES} lines of the error. */
  public static void writeFailed(Path dir, Failed f) throws IOException {
    write(dir, FAILED, MarkerToml.failed(f));
  }

  /** Writes {@code INTERRUPTED} in {@code dir}, atomically. */
  public static void writeInterrupted(Path dir, Interrupted i) throws IOException {
    write(dir, INTERRUPTED, MarkerToml.interrupted(i));
  }

  /**
   * Writes {@code STOPPED} in {@code dir}, atomically; {@code forced} if the run is of a program other than the
   * experiment's snapshot, which gives the journal no {@code STOPPED} line (see {@link RunJournal}).
   */
  public static void writeStopped(Path dir, Stopped s, boolean forced) throws IOException {
    write(dir, STOPPED, MarkerToml.stopped(s), !forced);
  }

  /** The {@code DONE} marker in {@code dir}, if there is one: what {@code verify} checks the metrics against. */
  public static Optional<Done> readDone(Path dir) throws IOException {
    return readIfPresent(dir.resolve(DONE), MarkerToml::readDone);
  }

  /** The {@code STOPPED} marker in {@code dir}, if there is one. */
  public static Optional<Stopped> readStopped(Path dir) throws IOException {
    return readIfPresent(dir.resolve(STOPPED), MarkerToml::readStopped);
  }

  /**
   * Removes {@code DONE}, {@code FAILED}, {@code INTERRUPTED} and {@code STOPPED} from {@code dir}, so that a
   * new run starts from a clean state (checkpoints stay: the run resumes from them).
   */
  public static void clearFinished(Path dir) throws IOException {
    clearing(dir);
    Files.deleteIfExists(dir.resolve(DONE));
    Files.deleteIfExists(dir.resolve(FAILED));
    Files.deleteIfExists(dir.resolve(INTERRUPTED));
    Files.deleteIfExists(dir.resolve(STOPPED));
  }

  /**
   * Says in the sweep's journal ({@link RunJournal}) that the markers in {@code dir} are about to be removed or
   * moved away, when one the journal may vouch for ({@code DONE}, {@code STOPPED}) is there. Called before they go.
   *
   * @throws IOException if the journal cannot be appended to (then they must stay)
   */
  public static void clearing(Path dir) throws IOException {
    if (Files.exists(dir.resolve(DONE)) || Files.exists(dir.resolve(STOPPED))) {
      RunJournal.append(dir, RunJournal.CLEARED);
    }
  }

  /** This machine's host name, as markers record it ({@code unknown} if it cannot be found). */
  public static synchronized String hostName() {
    if (hostName == null) {
      String h;
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        h = "unknown";
      }
      hostName = h;
    }
    return hostName;
  }

  private static void write(Path dir, String name, String text) throws IOException {
    write(dir, name, text, true);
  }

  private static void write(Path dir, String name, String text, boolean journal) throws IOException {
    AtomicFiles.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8), null);
    if (journal) {
      RunJournal.append(dir, name);                  // after the marker is in place: see RunJournal
    }
  }

  private interface Parser<T> {
    T parse(TomlReader r) throws ConfigException;
  }

  private static <T> Optional<T> readIfPresent(Path file, Parser<T> parser) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    TomlReader r = TomlReader.read(file, "not a valid marker");
    String marker = r.string("marker");
    if (!marker.equals(file.getFileName().toString())) {
      throw r.error("marker", "expected \"" + file.getFileName() + "\", found \"" + marker + "\"");
    }
    return Optional.of(parser.parse(r));
  }
}
