package dev.hyper.example;

import static dev.hyper.example.SlurmCluster.await;
import static dev.hyper.example.SlurmCluster.gone;
import static dev.hyper.example.SlurmCluster.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlParseResult;

/**
 * Preemption on the real local SLURM: a task in the default partition {@code low} is preempted by a job in
 * {@code high}, gets SIGTERM, checkpoints, is requeued by SLURM and completes with the metrics of a run that
 * was never stopped. The task asks for both CPUs of the node, so the {@code high} job can only preempt it.
 */
class SlurmPreemptionIT {
  @TempDir static Path tmp;

  @BeforeAll
  static void cluster() throws Exception {
    SlurmCluster.require();
  }

  @Test
  void aPreemptedTaskCheckpointsIsRequeuedBySlurmAndCompletesWithTheSameMetrics() throws Exception {
    String[] unlimited = SlurmCluster.unlimited(Files.createDirectories(tmp.resolve("unlimited")));
    Path dir = Files.createDirectories(tmp.resolve("preempt"));
    Experiments.Exp e = SlurmCluster.sweep(dir, "0.001", "--set", "slurm.cpus=2",
        "--jvm-arg=-Dexample.epoch_seconds=5").get(0);
    List<String> jobs = SlurmCluster.submit(dir);
    await("the low task training", jobs, 4, () -> SlurmCluster.logged(e));
    String high = SlurmCluster.call("sbatch", "--parsable", "-p", "high", "-n", "1", "-o", "/dev/null", "--wrap",
        "sleep 1");
    assertNotNull(high, "sbatch -p high");
    await("the low task interrupted by preemption", List.of(), 4,
        () -> Files.exists(e.serializationDir().resolve("INTERRUPTED")) || Files.exists(e.serializationDir()
            .resolve("DONE")));
    assertTrue(Files.exists(e.serializationDir().resolve("INTERRUPTED")), "preempted before the training ended");
    TomlParseResult interrupted = Experiments.toml(e.serializationDir().resolve("INTERRUPTED"));
    assertEquals("TERM", interrupted.getString("signal"));
    assertTrue(interrupted.getLong("step") >= 0, "a checkpoint");
    await("the requeued task done", jobs, 5, () -> Files.exists(e.serializationDir().resolve("DONE")));
    await("the job gone", jobs, 1, () -> gone(jobs));

    assertArrayEquals(unlimited, SlurmCluster.result(e), "the same metrics.json and model.bin as without preemption");
    String out = SlurmLifecycleIT.slurmOut(e);
    assertTrue(out.contains("resuming after epoch " + interrupted.getLong("step")), out);
    String s = status(dir);
    String task = jobs.get(0) + "_0";
    assertTrue(s.contains("SLURM accounting (sacct): 1 COMPLETED; 1 restart"), s);
    assertTrue(s.contains("  " + e.id() + "/0  " + task + " PREEMPTED -> " + task + " COMPLETED  (1 restart)"), s);
  }
}
