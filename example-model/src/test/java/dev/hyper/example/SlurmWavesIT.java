package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model-based search in waves on the real local SLURM with no driver process: {@code submit --waves 3 --next 2}
 * submits wave 1 and a one-task job that runs after it (afterany), adds two points with {@code sweep --next 2}
 * and submits wave 2 and the next such job; the submitting shell has nothing left running.
 */
class SlurmWavesIT {
  @TempDir Path dir;

  @BeforeAll
  static void cluster() throws Exception {
    SlurmCluster.require();
  }

  private long rows() throws Exception {
    Path manifest = dir.resolve("rnn-manifest.tsv");
    return Files.readAllLines(manifest).stream().filter(l -> l.matches("[0-9]+\t.*")).count();
  }

  @Test
  void threeWavesRunOneAfterAnotherWithNoDriver() throws Exception {
    SlurmCluster.sweep(dir, "0.001,0.0001");           // wave 1: two experiments
    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn", "--waves", "3", "--next", "2");
    assertEquals(0, submit.exitCode(), submit.toString());
    assertTrue(submit.stdout().contains("next wave: job "), submit.stdout());
    assertTrue(submit.stdout().contains(" end: it adds 2 points (sweep --next 2) and submits the first of the 2 waves"
        + " left; its output goes to rnn-waves.log\n"), submit.stdout());
    assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList(),
        "nothing of the submit is left running here");

    SlurmCluster.await("three waves", List.of(), 15, () -> {
      try {
        String status = SlurmCluster.status(dir);
        String queue = SlurmCluster.call("squeue", "-h", "-n", "rnn-waves", "-o", "%i");
        return rows() == 6 && status.contains("  done          6\n") && queue != null && queue.isBlank();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    String log = Files.readString(dir.resolve("rnn-waves.log"));
    assertEquals(2, log.lines().filter(l -> l.startsWith("sweep rnn: next 2: TPE over ")).count(), log);
    List<String> manifest = Files.readAllLines(dir.resolve("rnn-manifest.tsv"));
    assertEquals(2, manifest.stream().filter(l -> l.startsWith("# override: next 2: TPE over ")).count(),
        String.join("\n", manifest));
    assertTrue(log.contains("submit rnn: 2 of 4 experiments in 1 array job"), log);
    assertTrue(log.contains("submit rnn: 2 of 6 experiments in 1 array job"), log);
  }
}
