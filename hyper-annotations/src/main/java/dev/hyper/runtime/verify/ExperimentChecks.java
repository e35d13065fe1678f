package dev.hyper.runtime.verify;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.Ids;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.snapshot.LauncherJar;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.snapshot.ProgramSnapshot;
import dev.hyper.runtime.snapshot.StoredEntry;
import dev.hyper.runtime.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks that make an experiment reproducible, shared by {@code run} (before training) and
 * {@code verify}: the code is the snapshot the TOML records, and the rendered config, id and seed are
 * what the TOML's params give. Each check returns the problems it found, one short sentence each,
 * empty when all is well.
 */
public final class ExperimentChecks {
  private ExperimentChecks() {}

  /** The first hex digits of a SHA-256, enough to tell two apart in a message. */
  public static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
  }

  /**
   * Whether {@code jar}, whose SHA-256 is {@code sha256}, is the snapshot {@code info} records.
   *
   * @param what how to name the jar in a message, e.g. {@code "the running jar /x/model.jar"}
   */
  public static List<String> snapshot(ExperimentInfo info, String what, Path jar, String sha256) {
    List<String> problems = new ArrayList<>();
    if (info.snapshot() == null) {
      problems.add("the TOML records no [snapshot] to check " + what + " against");
    } else if (!info.snapshot().sha256().equals(sha256)) {
      problems.add(what + " (SHA-256 " + shortSha(sha256) + ") is not this experiment's snapshot"
          + " (snapshot.sha256 " + shortSha(info.snapshot().sha256()) + ")");
    }
    return problems;
  }

  /** How a check hashes a file and reads a launcher jar's entries ({@code verify} does each once: {@link StoredFiles}). */
  @FunctionalInterface
  public interface Hasher {
    String sha256(Path file) throws IOException;

    /** The class-path entries launcher jar {@code jar}, of SHA-256 {@code sha256}, lists; empty for a fat jar. */
    default List<StoredEntry> entries(Path jar, String sha256) throws IOException {
      return LauncherJar.entries(jar);
    }
  }

  /**
   * Whether the experiment's stored program is intact: its {@code model.jar} is the snapshot the TOML
   * records, and every class-path entry a launcher jar lists is in the store with its SHA-256.
   */
  public static List<String> storedProgram(ExperimentInfo info, Hasher hasher) throws IOException {
    if (info.snapshot() == null) {
      return List.of("the TOML records no [snapshot]");
    }
    Path confDir = info.resolve(info.confDir());
    Path jar = confDir.resolve(info.snapshot().file());
    if (!Files.isRegularFile(jar)) {                 // looked at first: a FIFO or a device would not end a read
      return List.of(info.snapshot().file() + " is missing");
    }
    String sha = hasher.sha256(jar);
    List<String> problems = snapshot(info, info.snapshot().file(), jar, sha);
    if (!problems.isEmpty()) {
      return problems;
    }
    for (StoredEntry e : hasher.entries(jar, sha)) {
      Path stored = confDir.resolve(Layout.storeFromConfDir()).resolve(e.fileName()).normalize();
      String where = "the class-path entry " + e.name() + " (" + Layout.slashes(info.root().relativize(stored)) + ")";
      if (!Files.isRegularFile(stored)) {
        problems.add(where + " is missing");
      } else {
        String storedSha = hasher.sha256(stored);
        if (!storedSha.equals(e.sha256())) {
          problems.add(where + " changed after the sweep: its SHA-256 is " + shortSha(storedSha) + ", the snapshot's "
              + shortSha(e.sha256()));
        }
      }
    }
    return problems;
  }

  /**
   * Whether {@code running}, the program this JVM runs, is the experiment's snapshot: the stored program
   * is intact ({@link #storedProgram}) and this JVM was started from it, or from a class path with the
   * same entries (by SHA-256, in order).
   */
  public static List<String> runningProgram(ExperimentInfo info, Program running, Hasher hasher) throws IOException {
    List<String> problems = storedProgram(info, hasher);
    if (!problems.isEmpty()) {
      return problems;
    }
    Path jar = info.resolve(info.confDir()).resolve(info.snapshot().file());
    List<Path> cp = running.classPath().entries();
    if (!cp.isEmpty() && Files.isSameFile(cp.get(0), jar)) {     // started from its model.jar
      List<Path> own;
      try {
        own = dev.hyper.runtime.snapshot.ClassPath.expand(List.of(cp.get(0))).entries();
      } catch (dev.hyper.runtime.error.HyperException e) {
        return List.of("the snapshot's class path cannot be read: " + e.getMessage());
      }
      if (cp.size() > own.size()) {                                    // and something more
        return List.of("the running class path has " + cp.get(own.size()) + " after the snapshot's entries, which"
            + " the snapshot does not have (run it as java -jar " + jar.getFileName() + ")");
      }
      return problems;                                                 // exactly the stored program
    }
    List<StoredEntry> expected = new ArrayList<>(LauncherJar.entries(jar));
    boolean launcher = !expected.isEmpty();
    if (!launcher) {
      expected.add(new StoredEntry(info.snapshot().file(), false, info.snapshot().size(), info.snapshot().sha256()));
    }
    List<StoredEntry> actual = new ArrayList<>();
    List<Path> sources = new ArrayList<>();
    for (Path p : cp) {
      if (launcher && Files.isRegularFile(p) && hasher.sha256(p).equals(info.snapshot().sha256())) {
        continue;                                        // a copy of the experiment's launcher jar: not code
      }
      actual.add(ProgramSnapshot.describe(p));            // in its stored form, as the snapshot compares it
      sources.add(p);
    }
    for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
      if (i >= actual.size()) {
        return List.of("the running class path lacks the snapshot's entry " + (i + 1) + ", " + expected.get(i).name());
      }
      if (i >= expected.size()) {
        return List.of("the running class path has " + sources.get(i) + " as entry " + (i + 1)
            + ", which the snapshot does not have");
      }
      if (!actual.get(i).sha256().equals(expected.get(i).sha256())) {
        return List.of("the running class path's entry " + (i + 1) + ", " + sources.get(i) + " (SHA-256 "
            + shortSha(actual.get(i).sha256()) + "), is not the snapshot's " + expected.get(i).name() + " (SHA-256 "
            + shortSha(expected.get(i).sha256()) + ")");
      }
    }
    return problems;
  }

  /** {@link #snapshot(ExperimentInfo, String, Path, String)}, hashing {@code jar}. */
  public static List<String> snapshot(ExperimentInfo info, String what, Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      return List.of(what + " is missing");
    }
    return snapshot(info, what, jar, Sha256.of(jar));
  }

  /**
   * Whether the experiment's id and seed are those of its params and trial, and its JSON config is what
   * {@code template} renders from its params, byte for byte.
   *
   * @param template the sweep's template, or null when the sweep has none
   */
  public static <P extends Record> List<String> config(SweepSpec<P> spec, ExperimentConfig<P> config,
      JsonnetTemplate template) throws IOException {
    List<String> problems = new ArrayList<>();
    ExperimentInfo info = config.experiment();
    String id = Ids.experimentId(spec, config.params());
    if (!id.equals(info.id())) {
      problems.add("[params] are not those of experiment " + info.id() + " (they give id " + id
          + "): were they edited?");
    }
    long seed = Ids.seed(info.id(), info.trial());
    if (seed != info.seed()) {
      problems.add("seed " + info.seed() + " is not the seed of experiment " + info.id() + " trial " + info.trial()
          + " (" + seed + ")");
    }
    Path json = info.resolve(info.configJson());
    byte[] actual;
    try {
      actual = Files.readAllBytes(json);
    } catch (IOException e) {
      if (Files.isRegularFile(json)) {
        throw e;
      }
      problems.add(info.configJson().getFileName() + " is missing");         // read first: one call, not two
      return problems;
    }
    byte[] expected;
    try {
      List<Tla> tlas = Tla.of(spec, config.params());
      PlannedExperiment<P> planned = new PlannedExperiment<>(spec.grid().indexOf(config.params()),
          config.params(), tlas, info);
      expected = ExperimentRenderer.of(spec, template).jsonUtf8(planned);   // the JSON alone, as bytes
    } catch (HyperException e) {
      problems.add("its params no longer render: " + String.join("; ", e.getMessage().lines().toList()));
      return problems;
    }
    if (!java.util.Arrays.equals(actual, expected)) {
      problems.add(info.configJson().getFileName() + " is not what "
          + (template == null ? "its params give" : template.name() + " renders from its params")
          + ": " + firstDifference(new String(actual, StandardCharsets.UTF_8),
              new String(expected, StandardCharsets.UTF_8)));
    }
    return problems;
  }

  /** {@code line 46 is `"num_epochs": 5,`, expected `"num_epochs": 20,`}. */
  /**
   * Whether the {@code metrics.json} in serialization directory {@code dir} is the one its run left: the
   * SHA-256 its {@code DONE} marker records. Empty when it is, or when the experiment is not DONE.
   */
  public static List<String> metrics(Path dir) throws IOException {
    Optional<dev.hyper.runtime.status.Done> done;
    try {
      done = dev.hyper.runtime.status.Markers.readDone(dir);
    } catch (IOException e) {
      return List.of(e.getMessage());
    }
    if (done.isEmpty() || done.get().metricsSha256() == null) {
      return List.of();
    }
    Path metrics = dir.resolve(dev.hyper.runtime.run.ExperimentRun.METRICS_FILE);
    if (!Files.isRegularFile(metrics)) {
      return List.of(dev.hyper.runtime.run.ExperimentRun.METRICS_FILE + " is missing, though the run finished (DONE)");
    }
    String sha = Sha256.of(metrics);
    String recorded = done.get().metricsSha256();
    if (!sha.equals(recorded)) {
      return List.of(dev.hyper.runtime.run.ExperimentRun.METRICS_FILE + " changed after the run finished (SHA-256 "
          + shortSha(sha) + ", DONE records " + shortSha(recorded) + ")");
    }
    return List.of();
  }

  static String firstDifference(String actual, String expected) {
    List<String> a = actual.lines().toList();
    List<String> e = expected.lines().toList();
    for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
      String x = i < a.size() ? a.get(i).strip() : "(end of file)";
      String y = i < e.size() ? e.get(i).strip() : "(end of file)";
      if (!x.equals(y)) {
        return "line " + (i + 1) + " is `" + clip(x) + "`, expected `" + clip(y) + "`";
      }
    }
    return "they differ in white space";
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
