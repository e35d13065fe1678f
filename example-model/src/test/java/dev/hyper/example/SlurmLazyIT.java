package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lazy sweep as a job array on the real local SLURM: the sweep writes no experiment directory, each array
 * task makes its own from the invocation's prototype and runs it; afterwards every experiment is DONE and
 * verifies, and a second submit has nothing to submit. The sweep draws its rows from the manifest's plan, so the
 * array script asks the sweep's program for each task's lines, one or two ({@code --per-task 2}) at a time.
 */
class SlurmLazyIT {
  @TempDir Path dir;

  @BeforeAll
  static void cluster() throws Exception {
    SlurmCluster.require();
  }

  @Test
  void eachArrayTaskMakesItsExperimentAndRunsIt() throws Exception {
    runs(List.of("submit", "rnn"));
  }

  @Test
  void anArrayTaskOfTwoDrawnRowsMakesAndRunsBoth() throws Exception {
    runs(List.of("submit", "rnn", "--per-task", "2"));
  }

  /** Sweeps lazily, submits with {@code perTask}, and checks that every experiment ran once. */
  private void runs(List<String> perTask) throws Exception {
    List<String> sweep = new ArrayList<>(List.of("sweep", "rnn", "--lazy"));
    sweep.addAll(SmallSweep.SET);
    ModelJar.Result swept = ModelJar.run(dir, sweep.toArray(String[]::new));
    assertEquals(0, swept.exitCode(), swept.toString());
    try (Stream<Path> files = Files.list(dir.resolve("config/generated/rnn"))) {
      assertEquals(List.of(".lazy"), files.map(p -> p.getFileName().toString()).toList(), "nothing per experiment");
    }
    // the rows are drawn from the manifest's plan: the task list has no line, the array script asks the program
    assertTrue(Files.readString(dir.resolve("rnn-manifest.tsv")).contains("\n# drawn: 3 rows, 1 trial per point, "));
    ModelJar.Result submit = ModelJar.run(dir, perTask.toArray(String[]::new));
    assertEquals(0, submit.exitCode(), submit.toString());
    assertEquals("", Files.readString(dir.resolve("rnn-slurm-tasks.tsv")));
    assertTrue(Files.readString(dir.resolve("rnn.sbatch")).contains(" task-lines 'rnn' --out . --from \"$task\""));
    List<String> jobs = SlurmCluster.jobIds(submit);
    // each drawn row is known to be in its array task at once: queued, running or done, never pending
    String submitted = SlurmCluster.statusOf(dir, "rnn");
    assertEquals(0, SmallSweep.count(submitted, "pending"), submitted);
    SlurmCluster.await("the array", jobs, 10, () -> SlurmCluster.gone(jobs));

    String status = SlurmCluster.statusOf(dir, "rnn");
    assertEquals(3, SmallSweep.count(status, "done"), status);
    ModelJar.Result verify = ModelJar.run(dir, "verify", "rnn");
    assertEquals("verify: 3 experiments, 3 ok\n", verify.stdout(), verify.toString());
    ModelJar.Result again = ModelJar.run(dir, "submit", "rnn");
    assertTrue(again.stdout().startsWith("submit rnn: nothing to submit: 3 of 3 done"), again.toString());
  }
}
