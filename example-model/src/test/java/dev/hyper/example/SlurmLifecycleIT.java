package dev.hyper.example;

import static dev.hyper.example.SlurmCluster.await;
import static dev.hyper.example.SlurmCluster.gone;
import static dev.hyper.example.SlurmCluster.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Time limits and scancel on the real local SLURM with accounting, the three at once (the node has two CPUs;
 * the class itself runs alone, after or before the others).
 * The example trainer's epochs are slowed down with {@code -Dexample.epoch_seconds}, which changes no result.
 */
class SlurmLifecycleIT {
  @TempDir static Path tmp;
  static String[] unlimited;

  @BeforeAll
  static void clusterAndReference() throws Exception {
    SlurmCluster.require();
    unlimited = SlurmCluster.unlimited(Files.createDirectories(tmp.resolve("unlimited")));
  }

  private static final Pattern RESTARTS = Pattern.compile("SLURM accounting \\(sacct\\): (.*); (\\d+) restarts?");

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aTimeLimitShorterThanTheTrainingRequeuesAtItsWarningAndResumesToTheSameMetrics() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("limit"));
    // 20 epochs of 3 s: 60 s of training under a 1-minute limit, warned 20 s (+ up to 30 s) before it. SLURM
    // checks limits every 30 s, so a loaded machine may get as little as a few epochs out of a run: the task
    // may requeue up to 10 times (3, the default, ran out in a clean-clone CI run)
    Experiments.Exp e = SlurmCluster.sweep(dir, "0.001", "--set", "slurm.time=1", "--set", "slurm.signal=20",
        "--set", "slurm.max_requeues=10", "--jvm-arg=-Dexample.epoch_seconds=3").get(0);
    List<String> jobs = SlurmCluster.submit(dir);
    String script = Files.readString(dir.resolve("rnn.sbatch"));
    assertTrue(script.contains("#SBATCH --time=1\n#SBATCH --signal=B:USR1@20\n#SBATCH --requeue\n"), script);
    try {
      await("the time-limited task done", jobs, 10, () -> Files.exists(e.serializationDir().resolve("DONE")));
    } catch (AssertionError notDone) {
      throw new AssertionError(notDone.getMessage() + "; the task's output:\n" + slurmOut(e), notDone);
    }
    await("the job gone", jobs, 1, () -> gone(jobs));
    // slurmdbd records a task's end a moment after it leaves the queue; status words the run by what it knows
    await("sacct to record the task's end", List.of(), 2, () -> SlurmCluster.accounted(jobs.get(0), 1));

    assertArrayEquals(unlimited, SlurmCluster.result(e), "the same metrics.json and model.bin as without a limit");
    String out = slurmOut(e);
    assertTrue(out.contains("hyper: stopped at the time limit's warning, checkpointed: requeueing (restart 1 of at"
        + " most 10)"), out);
    assertTrue(out.contains("resuming after epoch "), out);
    String s = status(dir);
    assertEquals(1, SmallSweep.count(s, "done"), s);
    Matcher m = RESTARTS.matcher(s);
    assertTrue(m.find(), s);
    assertEquals("1 COMPLETED", m.group(1), s);
    int restarts = Integer.parseInt(m.group(2));
    assertTrue(restarts >= 1, s);
    String task = jobs.get(0) + "_0";
    StringBuilder history = new StringBuilder();
    for (int i = 0; i < restarts; i++) {
      history.append(task).append(" REQUEUED -> ");
    }
    assertTrue(s.contains("SLURM history (sacct -D: each run, oldest first):\n  " + e.id() + "/0  " + history + task
        + " COMPLETED  (" + restarts + " restart" + (restarts == 1 ? "" : "s") + ")"), s);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aTaskKilledAtItsTimeLimitWithNoCheckpointShowsAsTimeout() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("timeout"));
    // no warning, and -Xrs: the JVM cannot catch the SIGTERM at the limit; its first epoch outlasts the limit
    Experiments.Exp e = SlurmCluster.sweep(dir, "0.001", "--set", "slurm.time=1", "--set", "slurm.signal=0",
        "--jvm-arg=-Xrs", "--jvm-arg=-Dexample.epoch_seconds=300").get(0);
    List<String> jobs = SlurmCluster.submit(dir);
    await("the task killed at its limit", jobs, 4, () -> gone(jobs));
    await("sacct to record the task's end", List.of(), 2, () -> SlurmCluster.accounted(jobs.get(0), 1));
    String s = status(dir);
    assertEquals(1, SmallSweep.count(s, "failed"), s);
    assertTrue(s.contains("failed:\n  " + e.id() + "/0  TIMEOUT: SLURM " + jobs.get(0) + "_0 killed at its time"
        + " limit; no checkpoint"), s);
    assertFalse(s.contains("killed?"), s);
    assertTrue(s.contains("SLURM accounting (sacct): 1 TIMEOUT; 0 restarts"), s);
    assertFalse(Files.exists(e.serializationDir().resolve("checkpoints")) && Files.list(e.serializationDir()
        .resolve("checkpoints")).findAny().isPresent(), "no checkpoint");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aCancelledTaskShowsAsCancelledAndSubmitSendsOnlyItAgain() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cancel"));
    List<Experiments.Exp> exps = SlurmCluster.sweep(dir, "0.001,0.0001", "--jvm-arg=-Dexample.epoch_seconds=1.5");
    List<String> jobs = SlurmCluster.submit(dir);
    List<String> tasks = Files.readAllLines(dir.resolve("rnn-slurm-tasks.tsv"));
    Experiments.Exp cancelled = tasks.get(0).contains(exps.get(0).id()) ? exps.get(0) : exps.get(1);
    Experiments.Exp other = cancelled == exps.get(0) ? exps.get(1) : exps.get(0);
    await("task 0 training", jobs, 4, () -> SlurmCluster.logged(cancelled));
    String running = status(dir);
    assertTrue(running.lines().anyMatch(l -> l.startsWith("  " + cancelled.id() + "/0  SLURM " + jobs.get(0)
        + "_0 RUNNING") && l.contains("  step ") && l.contains("validation_accuracy=")), "running, with its last step: "
        + running);
    assertEquals("", SlurmCluster.call("scancel", jobs.get(0) + "_0"));
    await("both tasks ended", jobs, 4, () -> gone(jobs));
    await("sacct to record both ends", List.of(), 2, () -> SlurmCluster.accounted(jobs.get(0), 2));

    String s = status(dir);
    assertEquals(1, SmallSweep.count(s, "done"), s);
    assertTrue(s.contains("  " + cancelled.id() + "/0  CANCELLED: SLURM " + jobs.get(0) + "_0 cancelled (scancel); "),
        s);
    assertTrue(s.contains("1 CANCELLED, 1 COMPLETED; 0 restarts"), s);
    ModelJar.Result again = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().contains("submit rnn: 1 of 2 experiments in 1 array job"), again.toString());
    List<String> second = new ArrayList<>(SlurmCluster.jobIds(again));
    assertTrue(again.stdout().contains("--array=0 offset 0 (1 experiment)"), again.toString());
    await("the cancelled one done", second, 4, () -> Files.exists(cancelled.serializationDir().resolve("DONE")));
    assertTrue(Files.exists(other.serializationDir().resolve("DONE")));
    String done = status(dir);
    assertEquals(2, SmallSweep.count(done, "done"), done);
    assertTrue(done.contains(cancelled.id() + "/0  " + jobs.get(0) + "_0 CANCELLED -> " + second.get(0)
        + "_0 COMPLETED  (0 restarts)"), done);
  }

  static String slurmOut(Experiments.Exp e) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(e.serializationDir())) {
      for (Path f : files.filter(f -> f.getFileName().toString().matches("slurm-\\d+_\\d+\\.out")).sorted()
          .toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }
}
