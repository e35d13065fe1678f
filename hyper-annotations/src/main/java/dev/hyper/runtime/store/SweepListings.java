package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.IoProblems;
import dev.hyper.runtime.io.Utf8FileWriter;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.DrawnRows;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.ManifestRow;
import dev.hyper.runtime.manifest.SweepManifest;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.render.JobsScript;
import dev.hyper.runtime.toml.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three listings of a sweep's experiments, one line per experiment in the same order: the manifest
 * ({@link SweepManifest}), the jobs script ({@link JobsScript}) and the SLURM task list ({@link
 * LaunchCommand#taskLine}). Line k of each is row k of the manifest, and a later sweep into the directory
 * keeps every old line where it was and appends the new experiments' lines.
 *
 * <p>New lines are written to temporary files as the experiments come ({@link #add}); {@link #commit} puts
 * all three in place together ({@link Replacements}: all or none), the manifest last, since it is what the
 * other commands read. A first sweep writes the files in one pass. A sweep that extends a directory writes the
 * new lines to their own temporary files and, at commit, writes each file again: the old lines (rewritten
 * where {@code --force} replaced an experiment, {@link #replace}), then the new ones. An old task list that
 * does not line up with the manifest's rows (written by a version of Hyper that wrote it on submit) is left as
 * it is, for {@code submit} to extend.
 *
 * <p>A first lazy sweep whose rows are drawn from a plan ({@link DrawnRows}) writes none of this: the manifest's
 * header holds the plan and no row, the jobs script one loop over the rows, the task list no line. A later sweep
 * into that directory lists them, each in its row, with the lines a listed lazy sweep has.
 */
final class SweepListings implements AutoCloseable {
  private final Path out;
  private final SweepSpec<?> spec;
  private final SweepManifest manifest;
  private final ManifestFile old;
  private final long oldRows;
  private final boolean slurm;
  private final ExperimentInfo.Snapshot snapshot;
  private final Provenance provenance;
  private final long planned;
  /** A lazy sweep's invocation directory ({@code Layout.lazyDir}), recorded with its block; null if eager. */
  private final Path lazyDir;
  private final Path manifestPath;
  private final Path scriptPath;
  private final Path tasksPath;
  private final List<Path> temps = new ArrayList<>();
  private final Writer rows;
  private final Writer lines;
  private final Writer tasks;
  private final Map<Long, String[]> replaced = new HashMap<>();
  private long added;

  /**
   * @param old the manifest there already, or null
   * @param oldRows how many rows {@code old} has
   * @param planned how many experiments this sweep plans (new or not)
   * @param lazyDir a lazy sweep's invocation directory, or null
   */
  SweepListings(Path out, SweepSpec<?> spec, SweepManifest manifest, ManifestFile old, long oldRows,
      boolean slurm, ExperimentInfo.Snapshot snapshot, Provenance provenance, long planned, Path lazyDir)
      throws IOException {
    this(out, spec, manifest, old, oldRows, slurm, snapshot, provenance, planned, lazyDir, null, null);
  }

  /**
   * Listings whose rows are drawn from {@code plan} when it is not null ({@link DrawnRows}): a first lazy sweep's
   * manifest header holds the plan and no rows, its jobs script a loop over the rows that runs {@code drawnRun}
   * for each, its task list no lines (the array script asks the invocation's program for them); {@link #add} is
   * not called.
   */
  SweepListings(Path out, SweepSpec<?> spec, SweepManifest manifest, ManifestFile old, long oldRows,
      boolean slurm, ExperimentInfo.Snapshot snapshot, Provenance provenance, long planned, Path lazyDir,
      DrawnRows.Plan plan, LaunchCommand drawnRun) throws IOException {
    this.lazyDir = lazyDir;
    this.out = out;
    this.spec = spec;
    this.manifest = manifest;
    this.old = old;
    this.oldRows = old == null ? 0 : oldRows;
    this.slurm = slurm;
    this.snapshot = snapshot;
    this.provenance = provenance;
    this.planned = planned;
    this.manifestPath = out.resolve(Layout.manifest(spec.name()));
    this.scriptPath = out.resolve(Layout.jobsScript(spec.name()));
    this.tasksPath = out.resolve(Layout.slurmTasks(spec.name()));
    String part = extending() ? ".new" : "";
    try {
      rows = open(manifestPath, part);
      lines = open(scriptPath, part);
      tasks = open(tasksPath, part);
      if (!extending()) {
        rows.write(manifest.header(planned, List.of(),
            manifest.invocation(1, planned, planned, 0, snapshot, provenance, lazyDir, plan)));
        lines.write(scriptHeader(planned));
      }
      if (plan != null) {
        if (extending() || slurm) {
          throw new IllegalArgumentException("only a first sweep's plain listings are drawn");
        }
        lines.write(JobsScript.drawnLoop(drawnRun, plan.rows()));
        added = plan.rows();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Whether the directory lists experiments already. */
  boolean extending() {
    return old != null;
  }

  private Writer open(Path target, String part) throws IOException {
    Path temp = temp(target, part);
    temps.add(temp);
    return Utf8FileWriter.create(temp);
  }

  private static Path temp(Path target, String part) {
    return target.resolveSibling("." + target.getFileName() + part + ".tmp");
  }

  private String scriptHeader(long experiments) {
    return JobsScript.header(spec.name(), experiments, slurm,
        snapshot == null || snapshot.java() == null ? null : snapshot.java().home());
  }

  /** Appends a new experiment, rendered with its jobs-script and task-list lines; returns its row. */
  long add(PlannedExperiment<?> e, String jobsLine, String taskLine) throws IOException {
    long row = oldRows + added++;
    rows.write(SweepManifest.row(row, e));
    lines.write(jobsLine);
    tasks.write(taskLine);
    return row;
  }

  /** Row {@code row}, which the manifest lists already, was replaced: its lines become these. */
  synchronized void replace(long row, String jobsLine, String taskLine) {
    replaced.put(row, new String[] {jobsLine, taskLine});
  }

  /** How many experiments {@link #add} appended. */
  long added() {
    return added;
  }

  /**
   * Puts the listings in place, all three or none; if this sweep neither added nor replaced an experiment,
   * leaves them as they are (a sweep run again records no invocation).
   *
   * @throws HyperException if they cannot be replaced (they are then as they were)
   */
  void commit() throws IOException, HyperException {
    rows.close();
    lines.close();
    tasks.close();
    if (extending() && added == 0 && replaced.isEmpty() && Files.isRegularFile(scriptPath)) {
      return;                                          // nothing new: the listings stay as they are
    }
    List<Replacements.Replacement> order = new ArrayList<>();
    if (extending()) {
      merge(order);
    } else {
      order.add(new Replacements.Replacement(temp(scriptPath, ""), scriptPath));
      order.add(new Replacements.Replacement(temp(tasksPath, ""), tasksPath));
      order.add(new Replacements.Replacement(temp(manifestPath, ""), manifestPath));
    }
    Path script = order.stream().filter(r -> r.target().equals(scriptPath)).findFirst().orElseThrow().temp();
    if (Files.getFileStore(script).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(script, AtomicFiles.EXECUTABLE);
    }
    try {
      Replacements.replaceAll(order);
    } catch (IOException x) {
      throw new HyperException("sweep '" + spec.name() + "': cannot replace " + IoProblems.describe(x) + "; "
          + scriptPath.getFileName() + ", " + tasksPath.getFileName() + " and " + manifestPath.getFileName()
          + " are as they were", x);
    }
    order.forEach(r -> temps.remove(r.temp()));        // in place; close() removes the rest
  }

  /** Writes each listing again: the old lines, then the new ones; adds the replacements to {@code order}. */
  private void merge(List<Replacements.Replacement> order) throws IOException, HyperException {
    // rows drawn from a plan are listed from now on, with the lines the sweep would have written for them
    boolean drawn = old.drawn();
    OldLines jobs = OldLines.of(scriptPath, oldRows, !drawn && slurmScript(scriptPath) == slurm);
    OldLines taskLines = OldLines.of(tasksPath, oldRows, !drawn, true);
    boolean tasksLineUp = taskLines.present || drawn;
    Path manifestTemp = temp(manifestPath, "");
    Path scriptTemp = temp(scriptPath, "");
    Path tasksTemp = temp(tasksPath, "");
    temps.add(manifestTemp);
    temps.add(scriptTemp);
    temps.add(tasksTemp);
    long total = oldRows + added;
    try (Writer m = Utf8FileWriter.create(manifestTemp);
         Writer s = Utf8FileWriter.create(scriptTemp);
         Writer t = Utf8FileWriter.create(tasksTemp);
         BufferedReader oldJobs = jobs.open();
         BufferedReader oldTasks = taskLines.open()) {
      List<String> earlier = old.invocationLines().stream()
          .filter(l -> !l.startsWith(DrawnRows.DRAWN) && !l.startsWith(DrawnRows.VALUES)).toList();
      m.write(manifest.header(total, earlier, manifest.invocation(old.invocations() + 1, planned,
          added, oldRows, snapshot, provenance, added > 0 ? lazyDir : null)));
      s.write(scriptHeader(total));
      boolean[] lineUp = {tasksLineUp};
      Map<Path, ExperimentInfo> prototypes = new HashMap<>();     // of the lazy invocations, as their rows need them
      old.forEachRow(r -> {
        m.write(SweepManifest.row(r));
        String[] now = replaced.get(r.row());
        if (drawn) {
          String[] lines = now != null ? now : lazyLines(r, prototypes);
          s.write(lines[0]);
          t.write(lines[1]);
          return;
        }
        String job = oldJobs == null ? null : oldJobs.readLine();
        s.write(now != null ? now[0] : job != null ? job + "\n"
            : r.lazyDir() != null && !Files.isRegularFile(out.resolve(r.confPath())) ? lazyLines(r, prototypes)[0]
            : lineFromToml(r));
        if (lineUp[0]) {
          String task = oldTasks.readLine();
          lineUp[0] = task != null && task.split("\t", -1).length > 2 && task.split("\t", -1)[1].equals(r.config());
          t.write(now != null ? now[1] : task + "\n");
        }
      });
      tasksLineUp = lineUp[0];
      copy(temp(manifestPath, ".new"), m);
      copy(temp(scriptPath, ".new"), s);
      if (tasksLineUp) {
        copy(temp(tasksPath, ".new"), t);
      }
    }
    order.add(new Replacements.Replacement(scriptTemp, scriptPath));
    if (tasksLineUp) {
      order.add(new Replacements.Replacement(tasksTemp, tasksPath));
    }
    order.add(new Replacements.Replacement(manifestTemp, manifestPath));
  }

  /**
   * The jobs-script and task-list lines of row {@code r} of a lazy invocation, not made yet, from its prototype (read
   * once per invocation into {@code prototypes}).
   */
  private String[] lazyLines(ManifestRow r, Map<Path, ExperimentInfo> prototypes) throws HyperException, IOException {
    ExperimentInfo prototype = prototypes.get(r.lazyDir());
    if (prototype == null) {
      prototype = LazyExperiment.prototype(out, r.lazyDir(), spec, "cannot list row " + r.row() + " of " + old.path());
      prototypes.put(r.lazyDir(), prototype);
    }
    LazyExperiment.Lines lines = LazyExperiment.lines(LazyExperiment.info(prototype, out, spec, r.id(), r.trial()),
        r.lazyDir(), r.row(), slurm);
    return new String[] {lines.jobs(), lines.task()};
  }

  /**
   * The jobs-script line of an old row the old script does not give (it is gone, or runs experiments the
   * other way, with or without {@code sbatch}), from the experiment's TOML.
   */
  private String lineFromToml(ManifestRow r) throws IOException, HyperException {
    Path toml = out.resolve(r.confPath());
    if (!Files.isRegularFile(toml)) {
      return "# row " + r.row() + ": " + r.config() + " is gone\n";
    }
    try {
      return JobsScript.line(spec.name(), ExperimentConfig.load(toml, spec).experiment(), slurm);
    } catch (ConfigException e) {
      return "# row " + r.row() + ": " + r.config() + " cannot be read\n";
    }
  }

  private static boolean slurmScript(Path script) throws IOException {
    if (!Files.isRegularFile(script)) {
      return false;
    }
    try (BufferedReader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      for (int n = 0; line != null && n < HEADER_LINES; n++, line = in.readLine()) {
        if (line.startsWith(JobsScript.SUBMIT + "() {")) {
          return true;
        }
      }
    }
    return false;
  }

  /** A jobs script's header is shorter than this. */
  private static final int HEADER_LINES = 64;

  private static void copy(Path from, Writer to) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
      in.transferTo(to);
    }
  }

  /**
   * The last {@code rows} lines of an old listing: present if the file has at least that many lines and is
   * {@code usable}.
   */
  private record OldLines(Path file, long skip, boolean present) {
    /** {@link #of(Path, long, boolean, boolean)}, where the file may have lines before the rows' (a header). */
    static OldLines of(Path file, long rows, boolean usable) throws IOException {
      return of(file, rows, usable, false);
    }

    /** @param exact whether the file must have exactly {@code rows} lines */
    static OldLines of(Path file, long rows, boolean usable, boolean exact) throws IOException {
      if (!usable || !Files.isRegularFile(file)) {
        return new OldLines(file, 0, false);
      }
      long count = 0;
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        while (in.readLine() != null) {
          count++;
        }
      }
      return count < rows || exact && count != rows ? new OldLines(file, 0, false) : new OldLines(file, count - rows, true);
    }

    /** A reader positioned at the first of the lines, or null if not present. */
    BufferedReader open() throws IOException {
      if (!present) {
        return null;
      }
      BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      for (long i = 0; i < skip; i++) {
        in.readLine();
      }
      return in;
    }
  }

  /** Closes the writers and removes every temporary file left (after a commit, none is). */
  @Override
  public void close() {
    for (Writer w : new Writer[] {rows, lines, tasks}) {
      try {
        if (w != null) {
          w.close();
        }
      } catch (IOException e) {
        // the file goes anyway
      }
    }
    for (Path p : temps) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort
      }
    }
  }
}
