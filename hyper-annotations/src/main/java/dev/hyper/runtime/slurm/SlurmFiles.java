package dev.hyper.runtime.slurm;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep's SLURM files in its output directory:
 * <pre>
 * SWEEP-slurm-tasks.tsv   line k (from 0) = the experiment of array task k: conf_dir TAB conf_path TAB
 *                         serialization_dir (relative to the output directory) TAB java_home (the sweep's
 *                         runtime, or -) and a TAB before each JVM option ({@link LaunchCommand})
 * SWEEP.sbatch            the job-array script ({@link ArrayScript}) that reads it
 * SWEEP-slurm-jobs.tsv    every submission ({@link SlurmJobs})
 * </pre>
 * Task numbers are stable: writing the list again keeps every existing line where it is and appends the
 * experiments that are new (in {@link SweepTasks#of} order: the manifest's, then by id), so an
 * array still queued always finds the experiment it was submitted for. Both files are written to a
 * temporary file and renamed into place.
 */
public final class SlurmFiles {
  private SlurmFiles() {}

  /** The task list, relative to the output directory. */
  public static Path tasksFile(String sweep) {
    return Layout.slurmTasks(sweep);
  }

  /** The job-array script, relative to the output directory. */
  public static Path script(String sweep) {
    return Layout.slurmScript(sweep);
  }

  /** The record of submissions, relative to the output directory. */
  public static Path jobsFile(String sweep) {
    return Layout.slurmJobs(sweep);
  }

  /** Where array tasks that cannot find their experiment say so, relative to the output directory. */
  public static Path errorsFile(String sweep) {
    return Layout.slurmErrors(sweep);
  }

  /**
   * Writes (or extends) the task list of the experiments of {@code sweep} under {@code root} and the
   * array script over it, the tasks' java and JVM options unknown.
   *
   * @return the task list: element k is array task k
   */
  public static List<Task> write(Path root, String sweep, SlurmSettings settings) throws IOException, HyperException {
    write(root, sweep, settings, t -> null);
    return readTasks(root.toAbsolutePath().normalize(), sweep);
  }

  /** How each new task's experiment is started: its {@link LaunchCommand}, or null when not known. */
  @FunctionalInterface
  public interface Launches {
    LaunchCommand of(Task task) throws IOException, HyperException;
  }

  /**
   * The SLURM files {@link #write} would write: how many lines the task list has then (line k is array task k),
   * the lines to append to the task list file (empty when it lists every experiment already), and the array
   * script.
   */
  public record Prepared(long lines, String appended, String script) {}

  /**
   * Writes (or extends) the task list and the array script, each new task's java and JVM options from {@code
   * launches}; the lines written before are kept as they are. Writes nothing if anything is wrong.
   */
  public static Prepared write(Path root, String sweep, SlurmSettings settings, Launches launches)
      throws IOException, HyperException {
    return write(root, sweep, null, settings, launches);
  }

  /**
   * {@link #write(Path, String, SlurmSettings, Launches)} with {@code declared}, this program's sweep of that name
   * (or null), which draws the rows a lazy sweep's manifest does not list: their lines are not written, the array
   * script asks the sweep's program for them.
   */
  public static Prepared write(Path root, String sweep, SweepSpec<?> declared, SlurmSettings settings,
      Launches launches) throws IOException, HyperException {
    root = root.toAbsolutePath().normalize();
    Prepared p = prepare(root, sweep, declared, settings, launches);
    Path file = root.resolve(tasksFile(sweep));
    if (!p.appended().isEmpty() || !Files.isRegularFile(file)) {    // the old lines, then the new ones
      Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
      try (java.io.Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        if (Files.isRegularFile(file)) {
          try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r.transferTo(w);
          }
        }
        w.write(p.appended());
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      AtomicFiles.move(temp, file);
    }
    AtomicFiles.write(root.resolve(script(sweep)), p.script().getBytes(StandardCharsets.UTF_8), AtomicFiles.EXECUTABLE);
    return p;
  }

  /**
   * The task list lines and the array script {@link #write} writes, checked ({@link SlurmValues#check}, each new
   * task's launch) and made without writing anything (for {@code submit --dry-run}): one pass over the sweep's
   * experiments in the manifest's order, each given its line by {@link TaskLines}; those past the list's end are
   * the new lines.
   */
  public static Prepared prepare(Path root, String sweep, SlurmSettings settings, Launches launches)
      throws IOException, HyperException {
    return prepare(root, sweep, null, settings, launches);
  }

  /** {@link #prepare(Path, String, SlurmSettings, Launches)}, with {@code declared} as {@link #write} takes it. */
  public static Prepared prepare(Path root, String sweep, SweepSpec<?> declared, SlurmSettings settings,
      Launches launches) throws IOException, HyperException {
    Path abs = root.toAbsolutePath().normalize();
    SlurmValues.check(settings);
    Optional<ManifestFile> manifest = declared == null ? Optional.empty() : ManifestFile.read(abs, declared);
    if (manifest.isPresent() && manifest.get().drawn()) {
      ManifestFile m = manifest.get();
      LaunchCommand launch = launches.of(SweepTasks.rows(m, abs, sweep, 0, 1).get(0));
      ArrayScript.DrawnLines drawn = new ArrayScript.DrawnLines(Layout.slashes(m.lazyDir(0)
          .resolve(Layout.SNAPSHOT_FILE)), launch == null ? null : launch.javaHome());
      return new Prepared(m.experiments(), "", ArrayScript.render(sweep, settings,
          Layout.slashes(tasksFile(sweep)), m.experiments(), drawn));
    }
    StringBuilder text = new StringBuilder();
    long lines;
    try (TaskLines taskLines = TaskLines.open(abs, sweep)) {
      SweepTasks.forEach(abs, sweep, t -> {
        long line = taskLines.next(t);
        if (line >= 0 && taskLines.isNew(line)) {
          LaunchCommand launch = launches.of(t);
          text.append((launch == null ? new LaunchCommand(null, List.of(), t.confDir(), t.confPath())
              : launch).taskLine(t.serializationDir()));
        }
      });
      lines = taskLines.total();
    }
    String script = ArrayScript.render(sweep, settings, Layout.slashes(tasksFile(sweep)), lines);
    return new Prepared(lines, text.toString(), script);
  }

  /** The task list as written, or empty if there is none. */
  public static List<Task> readTasks(Path root, String sweep) throws IOException {
    Path file = root.resolve(tasksFile(sweep));
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<Task> tasks = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String[] f = line.split("\t", -1);
      if (f.length < 3) {
        throw new IOException(file + ":" + n + ": expected conf_dir, conf_path and serialization_dir separated by"
            + " tabs");
      }
      Task fromPath;
      try {
        fromPath = SweepTasks.task(root, sweep, Path.of(f[1]));
      } catch (RuntimeException e) {
        throw new IOException(file + ":" + n + ": not an experiment's TOML path: " + f[1]);
      }
      tasks.add(new Task(root, fromPath.confPath(), Path.of(f[2])));
    }
    return tasks;
  }

}
