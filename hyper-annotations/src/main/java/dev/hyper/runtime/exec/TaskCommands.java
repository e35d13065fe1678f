package dev.hyper.runtime.exec;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.fork.ClassDataArchive;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.snapshot.ClassPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command exec starts for a task: its {@link TaskLaunches launch}, as its SLURM task line has it, with the
 * options that give a lazy sweep's task a class-data archive.
 *
 * <p>A lazy sweep's experiments all run one {@code model.jar} (their invocation's), so when they run on this
 * Java they share an application class-data archive ({@link ClassDataArchive}): the first task records it,
 * the ones after it map it (a trivial run of the benchmark's lazy million: 0.93 s to 0.69 s a task with
 * {@code exec --jobs 2}). While one task records, the others start without it. An experiment written by its
 * sweep runs its own hard link, which an archive (checked against the jar's path) would not fit, so it gets
 * none. Whether a task's JVM may have one at all is {@link ClassDataArchive#forChild}'s rule.
 */
public final class TaskCommands implements LocalExecutor.Commands {
  private final Path root;
  private final TaskLaunches launches;
  private final String java;
  private final List<String> runOptions;
  private final Map<Path, Boolean> recording = new ConcurrentHashMap<>();
  private final Map<Path, Optional<ClassPath>> classPaths = new ConcurrentHashMap<>();
  private final Map<Task, Recorder> recorders = new ConcurrentHashMap<>();

  private record Recorder(Path jar, ClassDataArchive archive) {}

  /**
   * @param root the output directory the tasks are under
   * @param java the java launcher, or null for the one each experiment was swept with where it exists
   *     (else this JVM's)
   * @param runOptions options added to each {@code run}, e.g. {@code --rerun}
   */
  public TaskCommands(Path root, SweepSpec<?> spec, String java, List<String> runOptions) {
    this.root = root;
    this.launches = new TaskLaunches(spec, root);
    this.java = java;
    this.runOptions = List.copyOf(runOptions);
  }

  @Override
  public List<String> of(Task task) throws IOException {
    LaunchCommand launch = launches.of(task);
    List<String> argv = launch.argv(java != null ? java : launch.javaHere(LocalExecutor.currentJava()), runOptions);
    return task.lazyDir() == null ? argv : withArchive(task, argv);
  }

  /** {@code argv} with the options that map or record its jar's archive, where it can have one. */
  private List<String> withArchive(Task task, List<String> argv) {
    if (!argv.get(0).equals(LocalExecutor.currentJava())) {
      return argv;                                   // another Java's archive
    }
    Path jar = root.resolve(task.jarDir()).resolve(Layout.SNAPSHOT_FILE);
    ClassDataArchive archive = ClassDataArchive.forChild(jar,
        classPaths.computeIfAbsent(jar, TaskCommands::classPath).orElse(null), argv.subList(1, argv.size()));
    if (archive == null || archive.records() && recording.putIfAbsent(jar, Boolean.TRUE) != null) {
      return argv;                                   // none, or another task is recording it
    }
    if (archive.records()) {
      recorders.put(task, new Recorder(jar, archive));
    }
    List<String> with = new ArrayList<>(argv.size() + 3);
    with.add(argv.get(0));
    with.addAll(archive.options());
    with.addAll(argv.subList(1, argv.size()));
    return with;
  }

  /** The class path a {@code java -jar} of {@code jar} runs on (its manifest's entries), if it can be read. */
  private static Optional<ClassPath> classPath(Path jar) {
    try {
      return Optional.of(ClassPath.expand(List.of(jar)));
    } catch (HyperException e) {
      return Optional.empty();
    }
  }

  @Override
  public void ended(Task task, int exitCode) {
    Recorder r = recorders.remove(task);
    if (r != null) {
      r.archive().keepIf(exitCode == 0);
      recording.remove(r.jar());
    }
  }
}
