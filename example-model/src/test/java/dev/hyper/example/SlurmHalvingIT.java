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
 * Successive halving as a job array on the real local SLURM: each array task decides at its rung from the
 * records on disk, with no process waiting for another. The six points of {@link HalvingIT}; each ends DONE
 * or STOPPED as its decision says, and a second submit has nothing to submit.
 */
class SlurmHalvingIT {
  @TempDir Path dir;

  @BeforeAll
  static void cluster() throws Exception {
    SlurmCluster.require();
  }

  @Test
  void arrayTasksStopAtTheRungAsTheirDecisionsSay() throws Exception {
    List<String> sweep = new ArrayList<>(List.of("sweep", "rnn-halving"));
    sweep.addAll(HalvingIT.SET);
    ModelJar.Result swept = ModelJar.run(dir, sweep.toArray(String[]::new));
    assertEquals(0, swept.exitCode(), swept.toString());
    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn-halving");
    assertEquals(0, submit.exitCode(), submit.toString());
    List<String> jobs = SlurmCluster.jobIds(submit);
    SlurmCluster.await("the array", jobs, 10, () -> SlurmCluster.gone(jobs));

    Path rung = dir.resolve("model/generated/rnn-halving/.rungs/0");
    List<Path> trials = new ArrayList<>();
    try (Stream<Path> ids = Files.list(dir.resolve("model/generated/rnn-halving"))) {
      ids.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(p -> trials.add(p.resolve("0")));
    }
    assertEquals(6, trials.size());
    int stopped = 0;
    for (Path t : trials) {
      String name = t.getParent().getFileName() + "-0";
      String decision = Experiments.toml(rung.resolve(name + ".decision")).getString("decision");
      if (decision.equals("stop")) {
        stopped++;
        assertTrue(Files.exists(t.resolve("STOPPED")) && !Files.exists(t.resolve("DONE")), t.toString());
      } else {
        assertEquals("continue", decision);
        assertTrue(Files.exists(t.resolve("DONE")) && !Files.exists(t.resolve("STOPPED")), t.toString());
      }
    }
    assertTrue(stopped >= 1, "some array tasks were stopped");
    String status = SlurmCluster.statusOf(dir, "rnn-halving");
    assertEquals(stopped, SmallSweep.count(status, "stopped"), status);
    assertEquals(6 - stopped, SmallSweep.count(status, "done"), status);
    assertTrue(status.contains("  rung 0 (epoch 1): 6 recorded, " + (6 - stopped) + " went on, " + stopped
        + " stopped; cut-off now >= "), status);
    ModelJar.Result again = ModelJar.run(dir, "submit", "rnn-halving");
    assertTrue(again.stdout().startsWith("submit rnn-halving: nothing to submit: " + (6 - stopped) + " of 6 done, "
        + stopped + " stopped by successive halving"), again.toString());
  }
}
