package dev.hyper.runtime.exec;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a task's experiment is started, the one place {@code exec} ({@link TaskCommands}) and the SLURM task list
 * take it from: the java and the JVM options its TOML records (for a lazy sweep's task, its invocation's prototype,
 * whose launch the experiment it makes will have), the {@code model.jar} and the TOML the task names, and a lazy
 * task's manifest row ({@code run --row}). One TOML is parsed per distinct launch part ({@code [snapshot]} and
 * {@code [jvm]}); the others are only read. Thread-safe.
 */
public final class TaskLaunches {
  private final SweepSpec<?> spec;
  private final Path root;
  private final Map<String, LaunchCommand> byPart = new ConcurrentHashMap<>();

  /** The launches of sweep {@code spec}'s tasks under output directory {@code root}. */
  public TaskLaunches(SweepSpec<?> spec, Path root) {
    this.spec = spec;
    this.root = root.toAbsolutePath();
  }

  /** The command that starts {@code task}'s experiment. */
  public LaunchCommand of(Task task) throws IOException {
    boolean lazy = task.lazyDir() != null;
    Path toml = root.resolve(lazy ? task.lazyDir().resolve(Layout.PROTOTYPE_FILE) : task.confPath());
    String part = ExperimentConfig.launchPart(Files.readString(toml, StandardCharsets.UTF_8));
    LaunchCommand known = byPart.get(part);
    if (known == null) {
      known = LaunchCommand.of((lazy ? ExperimentConfig.loadElsewhere(toml, root, spec)
          : ExperimentConfig.load(toml, spec)).experiment());
      byPart.putIfAbsent(part, known);
    }
    return new LaunchCommand(known.javaHome(), known.jvmArgs(), task.jarDir(), task.confPath(),
        lazy ? task.row() : -1);
  }
}
