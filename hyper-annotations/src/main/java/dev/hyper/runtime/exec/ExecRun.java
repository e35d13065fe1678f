package dev.hyper.runtime.exec;

import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One pass of {@code exec} over the experiments it chose: runs them through a {@link LocalExecutor},
 * starts each attempt's part of its log and marks {@code FAILED} a run that ended non-zero without a marker
 * ({@link FailureMarks}); a run that found its experiment claimed by another process ({@link ExitCodes#BUSY})
 * is left to that process. On Ctrl-C or SIGTERM a shutdown hook stops the running experiments (SIGTERM, then
 * SIGKILL after the grace time) and marks those that had started training {@code FAILED} (exit 130,
 * interrupted by exec); the JVM then halts, and {@link #run} never returns.
 */
public final class ExecRun {
  /** Told what happens, to print it; called from worker threads and the shutdown hook. */
  public interface Listener extends LocalExecutor.Listener {
    /** Exec was interrupted, and has stopped the running experiments and marked them. */
    void interrupted(Interruption what);

    /** The {@code FAILED} marker of {@code task} cannot be written. */
    void cannotMark(Task task, IOException e);
  }

  /**
   * What an interruption left.
   *
   * @param stopped how many experiments were running
   * @param checkpointed how many of them stopped cleanly with a checkpoint ({@code INTERRUPTED})
   * @param marked how many were marked {@code FAILED}; the others were not started or finished
   */
  public record Interruption(int stopped, int checkpointed, int marked) {}

  private final int jobs;
  private final LocalExecutor.Commands commands;
  private final long graceSeconds;
  private final Listener listener;
  private final FailureMarks marks;
  /** Set first thing on Ctrl-C or SIGTERM. */
  private volatile boolean interrupted;

  /**
   * @param jobs how many experiments run at once
   * @param commands each task's command
   * @param runOptions the options {@code commands} gives each run (e.g. {@code --rerun}), recorded in its log
   * @param graceSeconds on Ctrl-C, how long running experiments get to end after SIGTERM
   */
  public ExecRun(int jobs, LocalExecutor.Commands commands, List<String> runOptions, long graceSeconds,
      Listener listener) {
    this.jobs = jobs;
    this.commands = commands;
    this.graceSeconds = graceSeconds;
    this.listener = listener;
    this.marks = new FailureMarks(runOptions, listener);
  }

  /** Runs {@code tasks} and returns those that failed, in their order. */
  public List<Task> run(List<Task> tasks) throws InterruptedException {
    Set<Task> running = ConcurrentHashMap.newKeySet();
    LocalExecutor[] executor = new LocalExecutor[1];
    executor[0] = new LocalExecutor(jobs, commands, new LocalExecutor.Listener() {
      @Override
      public void started(Task task) {
        running.add(task);
        marks.begin(task);
        listener.started(task);
      }

      @Override
      public void finished(Task task, int exitCode, double seconds) {
        // a run that found the experiment claimed touched nothing: whoever holds it writes its markers
        if (exitCode != ExitCodes.OK && exitCode != ExitCodes.BUSY) {
          marks.record(task, exitCode, seconds, interrupted || executor[0].stopped());
        }
        running.remove(task);
        listener.finished(task, exitCode, seconds);
      }
    });
    Thread hook = new Thread(() -> interrupted(executor[0], running), "hyper-exec-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    List<LocalExecutor.Outcome> outcomes;
    try {
      outcomes = executor[0].run(tasks);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C or SIGTERM: the hook stops everything and reports, then the JVM halts; nothing more here
        while (true) {
          hook.join();
          Thread.sleep(1000);
        }
      }
    }
    return outcomes.stream().filter(o -> !o.ok() && o.exitCode() != ExitCodes.BUSY)
        .map(LocalExecutor.Outcome::task).toList();
  }

  /** On Ctrl-C or SIGTERM: stop the children, wait for their workers, mark what they left unfinished. */
  private void interrupted(LocalExecutor executor, Set<Task> running) {
    interrupted = true;
    List<Task> stopped = new ArrayList<>(running);
    executor.stop(graceSeconds);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        break;
      }
    }
    stopped.addAll(running);
    int marked = 0;
    int checkpointed = 0;
    Set<Task> distinct = new LinkedHashSet<>(stopped);
    for (Task t : distinct) {
      marks.record(t, FailureMarks.INTERRUPTED_BY_EXEC, 0, true); // if its worker has not already
      ExperimentStatus status = Markers.status(t.root().resolve(t.serializationDir()));
      if (status == ExperimentStatus.FAILED) {
        marked++;
      } else if (status == ExperimentStatus.INTERRUPTED) {
        checkpointed++;
      }
    }
    listener.interrupted(new Interruption(distinct.size(), checkpointed, marked));
  }
}
