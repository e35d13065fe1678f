package dev.hyper.runtime.exec;

import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A swept output directory's experiments as {@link Task}s, found on disk ({@link ExperimentFiles#ofSweep}
 * order: by id, then trial). Nothing is parsed: each experiment's directories follow from its TOML's place
 * in the layout ({@link Layout}).
 */
public final class SweepTasks {
  private SweepTasks() {}

  /** Every experiment of sweep {@code sweep} under {@code root} (absolute), as a task; empty if none. */
  public static List<Task> of(Path root, String sweep) throws IOException {
    List<Task> tasks = new ArrayList<>();
    for (Path toml : ExperimentFiles.ofSweep(root, sweep)) {
      tasks.add(task(root, sweep, root.relativize(toml)));
    }
    return tasks;
  }

  /** The task of the experiment whose TOML is {@code confPath} (relative to {@code root}). */
  public static Task task(Path root, String sweep, Path confPath) {
    Path confDir = confPath.getParent();
    String id = confDir.getParent().getFileName().toString();
    int trial = Integer.parseInt(confDir.getFileName().toString());
    return new Task(id + "/" + trial, root, confDir, confPath, Layout.serializationDir(sweep, id, trial));
  }
}
