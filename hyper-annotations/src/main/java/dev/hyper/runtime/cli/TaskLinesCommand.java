package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.slurm.ArrayScript;
import dev.hyper.runtime.slurm.SlurmFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code task-lines}: the SLURM task-list lines of some manifest rows, which the job-array script asks for when the
 * task list does not hold them (a lazy sweep's rows drawn from the manifest's plan, {@code DrawnRows}).
 */
@Command(name = ArrayScript.TASK_LINES, hidden = true, description = {
    "Print the SLURM task-list lines of manifest rows FROM to FROM+COUNT-1 (fewer past the end), one per line, as"
        + " the task list would hold them. The job-array script runs it for the rows a lazy sweep's manifest draws"
        + " from its plan rather than lists."})
final class TaskLinesCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name, as swept into DIR.")
  String sweep;

  @Mixin OutOption output;

  @Option(names = "--from", paramLabel = "FROM", required = true, description = "The first row.")
  long from;

  @Option(names = "--count", paramLabel = "COUNT", description = "How many rows (default: 1).")
  long count = 1;

  private final CliContext ctx;

  TaskLinesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    if (from < 0 || count < 1) {
      throw new HyperException(ArrayScript.TASK_LINES + ": --from must be 0 or more and --count 1 or more, were "
          + from + " and " + count);
    }
    Path root = output.root();
    SweepSpec<?> spec = ctx.find(sweep);
    List<Task> tasks = SweepTasks.rows(root, spec, from, count);
    if (tasks.isEmpty()) {
      throw new HyperException(ArrayScript.TASK_LINES + ": sweep '" + sweep + "' in " + root + " has no row " + from);
    }
    SlurmFiles.Launches launches = SweepCommand.launches(spec, root);
    StringBuilder out = new StringBuilder();
    for (Task t : tasks) {
      LaunchCommand launch = launches.of(t);
      out.append(launch.taskLine(t.serializationDir()));
    }
    ctx.out.print(out);
    ctx.out.flush();
    return HyperCli.OK;
  }
}
