package dev.hyper.runtime.exec;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The command exec starts for a task: its experiment's {@link LaunchCommand} (the JVM options and the java
 * it was swept with) or, for a lazy sweep's experiment, the launch of its sweep's prototype with the experiment's
 * manifest row ({@code --row}), as its SLURM task line has it.
 */
public final class TaskCommands implements LocalExecutor.Commands {
  private final Path root;
  private final SweepSpec<?> spec;
  private final String java;
  private final List<String> runOptions;

  /**
   * @param root the output directory the tasks are under
   * @param java the java launcher, or null for the one each experiment was swept with where it exists
   *     (else this JVM's)
   * @param runOptions options added to each {@code run}, e.g. {@code --rerun}
   */
  public TaskCommands(Path root, SweepSpec<?> spec, String java, List<String> runOptions) {
    this.root = root;
    this.spec = spec;
    this.java = java;
    this.runOptions = List.copyOf(runOptions);
  }

  @Override
  public List<String> of(Task task) throws IOException {
    LaunchCommand launch = task.lazyDir() == null
        ? LaunchCommand.of(ExperimentConfig.load(root.resolve(task.confPath()), spec).experiment())
        : new LaunchCommand(null, List.of(), task.jarDir(), task.confPath()).withLaunchOf(ExperimentConfig.loadElsewhere(
            root.resolve(task.lazyDir()).resolve(Layout.PROTOTYPE_FILE), root, spec).experiment()).withRow(task.row());
    return launch.argv(java != null ? java : launch.javaHere(LocalExecutor.currentJava()), runOptions);
  }
}
