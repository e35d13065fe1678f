package dev.hyper.runtime.manifest;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep directory's experiments as {@link Task}s, in the order of its manifest ({@link ManifestFile}), the
 * one record of which experiments it holds: also those whose TOML is gone ({@link Task#tomlMissing}), and
 * nothing else. Without a manifest (a sweep killed before its first one was in place), the experiments on
 * disk in {@link ExperimentFiles#ofSweep} order; with a version 1 manifest (which a narrower sweep rewrote),
 * its rows and then the experiments on disk it does not list.
 */
public final class SweepTasks {
  private SweepTasks() {}

  /** What {@link #forEach} calls. */
  @FunctionalInterface
  public interface TaskAction {
    void accept(Task task) throws IOException, HyperException;
  }

  /**
   * Every experiment of sweep {@code sweep} under {@code root} (absolute), as a task; empty if none.
   *
   * @throws HyperException if the manifest is malformed, naming its file and line
   */
  public static List<Task> of(Path root, String sweep) throws IOException, HyperException {
    List<Task> tasks = new ArrayList<>();
    forEach(root, sweep, tasks::add);
    return tasks;
  }

  /** The first task {@link #of} lists, without reading the manifest's other rows; empty if none. */
  public static Optional<Task> first(Path root, String sweep) throws IOException, HyperException {
    return first(root, sweep, ManifestFile.read(root, sweep));
  }

  /** {@link #first(Path, String)} of sweep {@code declared}, this program's, which draws rows its manifest does not list. */
  public static Optional<Task> first(Path root, SweepSpec<?> declared) throws IOException, HyperException {
    return first(root, declared.name(), ManifestFile.read(root, declared));
  }

  private static Optional<Task> first(Path root, String sweep, Optional<ManifestFile> manifest)
      throws IOException, HyperException {
    if (manifest.isPresent()) {
      Task[] first = new Task[1];
      manifest.get().forEachRowWhile(r -> {
        first[0] = task(root, sweep, r);
        return false;
      });
      if (first[0] != null) {
        return Optional.of(first[0]);
      }
    }
    return of(root, sweep).stream().findFirst();
  }

  /** {@link #forEach(Path, String, TaskAction)} of sweep {@code declared}, this program's (see {@link #first(Path, SweepSpec)}). */
  public static void forEach(Path root, SweepSpec<?> declared, TaskAction action) throws IOException, HyperException {
    forEach(root, declared.name(), ManifestFile.read(root, declared), action);
  }

  /**
   * The tasks of manifest rows {@code from} to {@code from + count - 1} of sweep {@code declared} (fewer past its
   * end), found without reading the manifest up to them ({@link ManifestFile#rowAt}); none without a manifest.
   */
  public static List<Task> rows(Path root, SweepSpec<?> declared, long from, long count)
      throws IOException, HyperException {
    Optional<ManifestFile> manifest = ManifestFile.read(root, declared);
    return manifest.isEmpty() ? List.of() : rows(manifest.get(), root, declared.name(), from, count);
  }

  /** {@link #rows(Path, SweepSpec, long, long)} of {@code manifest}, the sweep's as the caller read it. */
  public static List<Task> rows(ManifestFile manifest, Path root, String sweep, long from, long count)
      throws IOException, HyperException {
    List<Task> tasks = new ArrayList<>();
    for (long k = from; k - from < count; k++) {                        // from + count may overflow
      Optional<ManifestRow> row = manifest.rowAt(k);
      if (row.isEmpty()) {
        break;
      }
      tasks.add(task(root, sweep, row.get()));
    }
    return tasks;
  }

  /** The task of manifest row {@code r}: a lazy experiment's carries its row, which its task is started with. */
  private static Task task(Path root, String sweep, ManifestRow r) {
    return new Task(root, r.confPath(), r.serializationDir(sweep), r.lazyDir(), r.lazyDir() == null ? -1 : r.row());
  }

  /** Whether {@link #of} would list any task, without reading every row of the manifest. */
  public static boolean any(Path root, String sweep) throws IOException, HyperException {
    Optional<ManifestFile> manifest = ManifestFile.read(root, sweep);
    if (manifest.isPresent() && manifest.get().experiments() > 0) {
      return true;
    }
    if (manifest.isPresent() && manifest.get().experiments() < 0) {   // a header without the count: read it
      return !of(root, sweep).isEmpty();
    }
    return !ExperimentFiles.ofSweep(root, sweep).isEmpty();          // no manifest, or none listed: the disk
  }

  /** Calls {@code action} with every task {@link #of} lists, in its order, holding one at a time where it can. */
  public static void forEach(Path root, String sweep, TaskAction action) throws IOException, HyperException {
    forEach(root, sweep, ManifestFile.read(root, sweep), action);
  }

  /** {@link #forEach(Path, String, TaskAction)} over {@code manifest}, the sweep's as the caller read it (or none). */
  public static void forEach(Path root, String sweep, Optional<ManifestFile> manifest, TaskAction action)
      throws IOException, HyperException {
    if (manifest.isEmpty()) {
      for (Path toml : ExperimentFiles.ofSweep(root, sweep)) {
        action.accept(task(root, sweep, root.relativize(toml)));
      }
      return;
    }
    ManifestFile m = manifest.get();
    Set<Path> listed = m.version() == 1 ? new HashSet<>() : null;
    m.forEachRow(r -> {
      Task t = task(root, sweep, r);
      if (listed != null) {
        listed.add(t.confPath());
      }
      action.accept(t);
    });
    if (listed != null) {
      for (Path toml : ExperimentFiles.ofSweep(root, sweep)) {
        Path confPath = root.relativize(toml);
        if (listed.add(confPath)) {
          action.accept(task(root, sweep, confPath));
        }
      }
    }
  }

  /** The task of the experiment whose TOML is {@code confPath} (relative to {@code root}). */
  public static Task task(Path root, String sweep, Path confPath) {
    Path confDir = confPath.getParent();
    String id = confDir.getParent().getFileName().toString();
    int trial = Integer.parseInt(confDir.getFileName().toString());
    return new Task(root, confPath, Layout.serializationDir(sweep, id, trial));
  }
}
