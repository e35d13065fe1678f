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
 * verifies, and a second submit has nothing to submit.
 */
class SlurmLazyIT {
  @TempDir Path dir;

  @BeforeAll
  static void cluster() throws Exception {
    SlurmCluster.require();
  }

  @Test
  void eachArrayTaskMakesItsExperimentAndRunsIt() throws Exception {
    List<String> sweep = new ArrayList<>(List.of("sweep", "rnn", "--lazy"));
    sweep.addAll(SmallSweep.SET);
    ModelJar.Result swept = ModelJar.run(dir, sweep.toArray(String[]::new));
    assertEquals(0, swept.exitCode(), swept.toString());
    try (Stream<Path> files = Files.list(dir.resolve("config/generated/rnn"))) {
      assertEquals(List.of(".lazy"), files.map(p -> p.getFileName().toString()).toList(), "nothing per experiment");
    }
    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, submit.exitCode(), submit.toString());
    List<String> jobs = SlurmCluster.jobIds(submit);
    SlurmCluster.await("the array", jobs, 10, () -> SlurmCluster.gone(jobs));

    String status = SlurmCluster.statusOf(dir, "rnn");
    assertEquals(3, SmallSweep.count(status, "done"), status);
    ModelJar.Result verify = ModelJar.run(dir, "verify", "rnn");
    assertEquals("verify: 3 experiments, 3 ok\n", verify.stdout(), verify.toString());
    ModelJar.Result again = ModelJar.run(dir, "submit", "rnn");
    assertTrue(again.stdout().startsWith("submit rnn: nothing to submit: 3 of 3 done"), again.toString());
  }
}
