package dev.hyper.runtime.exec;

import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.launch.LaunchCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs experiments N at a time, each in its own JVM from its own snapshot jar. There is no state but
 * the experiments' markers: a killed executor loses nothing, and the next one resumes.
 */
public final class LocalExecutor {
  /** Told about each experiment as it starts and ends; called from worker threads. */
  public interface Listener {
    void started(Task task);

    void finished(Task task, int exitCode, double seconds);
  }

  /** How one experiment ended. */
  public record Outcome(Task task, int exitCode) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** The command that starts a task's experiment. */
  @FunctionalInterface
  public interface Commands {
    List<String> of(Task task) throws IOException;

    /** After the command {@link #of} gave for {@code task} has ended, with its exit code. */
    default void ended(Task task, int exitCode) {}
  }

  private final int jobs;
  private final Commands commands;
  private final Listener listener;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * @param jobs how many experiments run at once
   * @param java the java launcher, e.g. {@code $JAVA_HOME/bin/java}
   */
  public LocalExecutor(int jobs, String java, Listener listener) {
    this(jobs, java, List.of(), listener);
  }

  /**
   * @param jobs how many experiments run at once
   * @param java the java launcher, e.g. {@code $JAVA_HOME/bin/java}
   * @param runOptions options added to each {@code run} command, e.g. {@code --rerun}
   */
  public LocalExecutor(int jobs, String java, List<String> runOptions, Listener listener) {
    this(jobs, task -> new LaunchCommand(null, List.of(), task.confDir(), task.confPath()).argv(java, runOptions),
        listener);
  }

  /**
   * @param jobs how many experiments run at once
   * @param commands each task's command ({@link LaunchCommand#argv}), run in the task's root
   */
  public LocalExecutor(int jobs, Commands commands, Listener listener) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, was " + jobs);
    }
    this.jobs = jobs;
    this.commands = commands;
    this.listener = listener;
  }

  /** The java launcher of this JVM. */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs every task (unless {@link #stop()} is called) and returns how each ended, in task order. */
  public List<Outcome> run(List<Task> tasks) throws InterruptedException {
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "hyper-exec");
      t.setDaemon(true);
      return t;
    });
    try {
      for (Task task : tasks) {
        pool.execute(() -> {
          if (!stopping) {
            outcomes.add(new Outcome(task, runOne(task)));
          }
        });
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // keep waiting; stop() ends the children, which ends the workers
      }
    } finally {
      pool.shutdownNow();
    }
    java.util.Map<Task, Integer> order = new java.util.IdentityHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      order.putIfAbsent(tasks.get(i), i);
    }
    List<Outcome> ordered = new ArrayList<>(outcomes);
    ordered.sort(java.util.Comparator.comparingInt(o -> order.get(o.task())));
    return ordered;
  }

  /**
   * Stops: no new experiment starts, running ones get SIGTERM (then SIGKILL after {@code graceSeconds})
   * and this returns when they are gone.
   */
  public void stop(long graceSeconds) {
    stopping = true;
    List<Process> children = new ArrayList<>(running);
    children.forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
    for (Process p : children) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  /** Whether {@link #stop} was called. */
  public boolean stopped() {
    return stopping;
  }

  private int runOne(Task task) {
    long start = System.nanoTime();
    listener.started(task);
    int exit;
    try {
      Files.createDirectories(task.log().getParent());
      Process p = new ProcessBuilder(commands.of(task))
          .directory(task.root().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(task.log().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      running.add(p);
      if (stopping) { // stop() came between the check in run() and here: it did not see this process
        p.destroy();
      }
      try {
        exit = p.waitFor();
      } finally {
        running.remove(p);
      }
    } catch (IOException e) {
      exit = 127;
      try {
        Files.writeString(task.log(), "hyper exec: could not start the experiment: " + e.getMessage() + "\n",
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException ignored) {
        // the log is only a courtesy here; the exit code says it failed
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = 130;
    }
    commands.ended(task, exit);                         // also when its process could not start
    listener.finished(task, exit, (System.nanoTime() - start) / 1e9);
    return exit;
  }
}
