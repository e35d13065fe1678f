package dev.hyper.runtime.status;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.MutableTomlArray;
import org.tomlj.MutableTomlTable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * The marker files {@code run} leaves in an experiment's serialization directory, and how to read an
 * experiment's status from them. Executors (local, SLURM) build on {@link #read} and {@link #status}.
 *
 * <h2>Files</h2>
 * Each marker is a small TOML file, written to a temporary file in the same directory and renamed into
 * place, so a reader sees a whole marker or none.
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
    Optional<Started> started = readIfPresent(dir.resolve(STARTED), Markers::parseStarted);
    Optional<Done> done = readIfPresent(dir.resolve(DONE), Markers::parseDone);
    Optional<Failed> failed = readIfPresent(dir.resolve(FAILED), Markers::parseFailed);
    Optional<Interrupted> interrupted = readIfPresent(dir.resolve(INTERRUPTED), Markers::parseInterrupted);
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
    MutableTomlTable t = header(STARTED, "training of experiment " + s.id() + " trial " + s.trial() + " of sweep "
        + s.sweep() + " started; DONE or FAILED appears beside this file when it ends");
    t.set("sweep", s.sweep());
    t.set("experiment", s.id());
    t.set("trial", (long) s.trial());
    t.set("time", s.time());
    t.set("host", s.host());
    t.set("pid", s.pid());
    if (s.processStart() != null) {
      t.set("process_start", s.processStart());
    }
    if (s.jarSha256() != null) {
      t.set("jar_sha256", s.jarSha256());
    }
    Provenance p = s.environment();
    t.set("command_line", p.commandLine());
    t.set("working_dir", p.workingDir());
    t.set("java_version", p.javaVersion());
    t.set("java_vendor", p.javaVendor());
    t.set("os_name", p.osName());
    t.set("os_version", p.osVersion());
    t.set("os_arch", p.osArch());
    if (p.gitCommit() != null) {
      t.set("git_commit", p.gitCommit());
    }
    if (p.gitDirty() != null) {
      t.set("git_dirty", p.gitDirty());
    }
    if (p.buildTime() != null) {
      t.set("build_time", p.buildTime());
    }
    if (!p.warnings().isEmpty()) {
      MutableTomlArray a = MutableTomlArray.create();
      p.warnings().forEach(a::add);
      t.set("warnings", a);
    }
    forced(t, s.forced());
    write(dir, STARTED, t);
  }

  /** Writes {@code DONE} in {@code dir}, atomically. */
  public static void writeDone(Path dir, Done d) throws IOException {
    MutableTomlTable t = header(DONE, "training finished");
    t.set("time", d.time());
    t.set("started", d.started());
    t.set("seconds", d.seconds());
    t.set("exit_code", 0L);
    if (d.metricsSha256() != null) {
      t.set("metrics_sha256", d.metricsSha256());
    }
    forced(t, d.forced());
    write(dir, DONE, t);
  }

  /** Writes {@code FAILED} in {@code dir}, atomically, keeping the last {@link #ERROR_LINES} lines of the error. */
  public static void writeFailed(Path dir, Failed f) throws IOException {
    MutableTomlTable t = header(FAILED, "training failed");
    t.set("time", f.time());
    t.set("started", f.started());
    t.set("seconds", f.seconds());
    t.set("exit_code", (long) f.exitCode());
    MutableTomlArray error = MutableTomlArray.create();
    List<String> lines = f.error();
    for (String line : lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size())) {
      error.add(line);
    }
    t.set("error", error);
    forced(t, f.forced());
    write(dir, FAILED, t);
  }

  /** Writes {@code INTERRUPTED} in {@code dir}, atomically. */
  public static void writeInterrupted(Path dir, Interrupted i) throws IOException {
    MutableTomlTable t = header(INTERRUPTED, "training was asked to stop (SIG" + i.signal() + ") and saved a"
        + " checkpoint; the next run resumes from it");
    t.set("time", i.time());
    t.set("started", i.started());
    t.set("seconds", i.seconds());
    t.set("signal", i.signal());
    t.set("step", i.step());
    write(dir, INTERRUPTED, t);
  }

  /** Writes {@code STOPPED} in {@code dir}, atomically. */
  public static void writeStopped(Path dir, Stopped s) throws IOException {
    MutableTomlTable t = header(STOPPED, "STOPPED at rung " + s.rung() + " by successive halving: " + s.metric() + " "
        + s.value() + " did not reach the cut-off " + s.cutoff() + " of the runs recorded there");
    t.set("time", s.time());
    t.set("started", s.started());
    t.set("seconds", s.seconds());
    t.set("rung", (long) s.rung());
    t.set("resource", s.resource());
    t.set("metric", s.metric());
    t.set("value", s.value());
    t.set("cutoff", s.cutoff());
    write(dir, STOPPED, t);
  }

  /** The {@code STOPPED} marker in {@code dir}, if there is one. */
  public static Optional<Stopped> readStopped(Path dir) throws IOException {
    return readIfPresent(dir.resolve(STOPPED), r -> new Stopped(r.string("time"), r.string("started"),
        r.number("seconds"), (int) r.integer("rung"), r.integer("resource"), r.string("metric"), r.number("value"),
        r.number("cutoff")));
  }

  /**
   * Removes {@code DONE}, {@code FAILED}, {@code INTERRUPTED} and {@code STOPPED} from {@code dir}, so that a
   * new run starts from a clean state (checkpoints stay: the run resumes from them).
   */
  public static void clearFinished(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(DONE));
    Files.deleteIfExists(dir.resolve(FAILED));
    Files.deleteIfExists(dir.resolve(INTERRUPTED));
    Files.deleteIfExists(dir.resolve(STOPPED));
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

  private static MutableTomlTable header(String marker, String comment) {
    MutableTomlTable t = MutableTomlTable.create();
    t.set("marker", marker);
    t.setCommentAbove("marker", "Hyper: " + comment + ".");
    return t;
  }

  private static void forced(MutableTomlTable t, List<String> forced) {
    if (!forced.isEmpty()) {
      MutableTomlArray a = MutableTomlArray.create();
      forced.forEach(a::add);
      t.set("forced", a);
    }
  }

  private static void write(Path dir, String name, MutableTomlTable t) throws IOException {
    String text = t.toToml();
    AtomicFiles.write(dir.resolve(name), (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8),
        null);
  }

  private interface Parser<T> {
    T parse(Reader r) throws ConfigException;
  }

  private static <T> Optional<T> readIfPresent(Path file, Parser<T> parser) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    TomlParseResult toml = Toml.parse(file);
    if (toml.hasErrors()) {
      throw new ConfigException(file, null, null, null, "not a valid marker: " + toml.errors().get(0).getMessage());
    }
    Reader r = new Reader(file, toml);
    String marker = r.string("marker");
    if (!marker.equals(file.getFileName().toString())) {
      throw new ConfigException(file, null, null, "marker", "expected \"" + file.getFileName() + "\", found \""
          + marker + "\"");
    }
    return Optional.of(parser.parse(r));
  }

  private static Started parseStarted(Reader r) throws ConfigException {
    String gitDirty = r.optional("git_dirty") instanceof Boolean b ? b.toString() : null;
    Provenance env = new Provenance(r.string("time"), r.string("command_line"), r.string("working_dir"),
        r.string("java_version"), r.string("java_vendor"), r.string("os_name"), r.string("os_version"),
        r.string("os_arch"), r.optionalString("git_commit"), gitDirty == null ? null : Boolean.valueOf(gitDirty),
        r.optionalString("build_time"), List.of(), r.strings("warnings"));
    return new Started(r.string("sweep"), r.string("experiment"), (int) r.integer("trial"), r.string("host"),
        r.integer("pid"), r.optionalString("process_start"), r.optionalString("jar_sha256"), env, r.strings("forced"));
  }

  private static Done parseDone(Reader r) throws ConfigException {
    return new Done(r.string("time"), r.string("started"), r.number("seconds"), r.optionalString("metrics_sha256"),
        r.strings("forced"));
  }

  private static Failed parseFailed(Reader r) throws ConfigException {
    return new Failed(r.string("time"), r.string("started"), r.number("seconds"), (int) r.integer("exit_code"),
        r.strings("error"), r.strings("forced"));
  }

  private static Interrupted parseInterrupted(Reader r) throws ConfigException {
    return new Interrupted(r.string("time"), r.string("started"), r.number("seconds"), r.string("signal"),
        r.integer("step"));
  }

  /** Typed access to a marker's keys, failing with the file and key. */
  private record Reader(Path file, TomlParseResult toml) {
    Object optional(String key) {
      return toml.get(List.of(key));
    }

    private ConfigException wrong(String key, String expected) {
      return new ConfigException(file, null, null, key, optional(key) == null ? "missing; expected " + expected
          : "expected " + expected);
    }

    String string(String key) throws ConfigException {
      if (optional(key) instanceof String s) {
        return s;
      }
      throw wrong(key, "a string");
    }

    String optionalString(String key) throws ConfigException {
      return optional(key) == null ? null : string(key);
    }

    long integer(String key) throws ConfigException {
      if (optional(key) instanceof Long l) {
        return l;
      }
      throw wrong(key, "an integer");
    }

    double number(String key) throws ConfigException {
      if (optional(key) instanceof Number n) {
        return n.doubleValue();
      }
      throw wrong(key, "a number");
    }

    List<String> strings(String key) throws ConfigException {
      Object v = optional(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof TomlArray a)) {
        throw wrong(key, "an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) instanceof String s)) {
          throw wrong(key, "an array of strings");
        }
        out.add(s);
      }
      return out;
    }
  }
}
