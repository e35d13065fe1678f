package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlParseResult;

/**
 * {@code sweep rnn-halving} and {@code exec --jobs 2} on the real model.jar, narrowed with {@code --set} to six
 * points (two good learning rates, four that barely learn; 100 hidden units, one layer) of up to 3 epochs, so one
 * rung, at epoch 1. Which runs go on depends on the order they reach it (no run waits for another), so this checks
 * what holds in every order: each run ends DONE after 3 epochs or STOPPED after 1, as its decision says, some are
 * stopped, and status and results count them.
 */
class HalvingIT {
  @TempDir Path dir;

  /** Six points of up to 3 epochs: two good learning rates, four that barely learn. */
  static final List<String> SET = List.of("--set", "lr=0.001,0.002,0.00001,0.000011,0.000012,0.000013",
      "--set", "dropout=0.2", "--set", "hidden_dim=100", "--set", "n_hidden_layers=1", "--set", "num_epochs=3",
      "--set", "halving.max=3");

  @Test
  void runsAreStoppedAtTheRungAsTheirDecisionsSay() throws Exception {
    List<String> sweep = new ArrayList<>(List.of("sweep", "rnn-halving"));
    sweep.addAll(SET);
    ModelJar.Result swept = ModelJar.run(dir, sweep.toArray(String[]::new));
    assertEquals(0, swept.exitCode(), swept.toString());
    ModelJar.Result show = ModelJar.run(dir, "show", "rnn-halving");
    assertTrue(show.stdout().contains("successive halving: validation_accuracy (max) by epoch, rungs [1, 3, 9] of 27,"
        + " reduction 3\n"), show.toString());

    ModelJar.Result exec = ModelJar.run(dir, "exec", "rnn-halving", "--jobs", "2");
    assertEquals(0, exec.exitCode(), exec.toString());

    Path rung = dir.resolve("model/generated/rnn-halving/.rungs/0");
    List<Path> trials = new ArrayList<>();
    try (Stream<Path> ids = Files.list(dir.resolve("model/generated/rnn-halving"))) {
      ids.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(p -> trials.add(p.resolve("0")));
    }
    assertEquals(6, trials.size());
    int stopped = 0;
    for (Path t : trials) {
      String name = t.getParent().getFileName() + "-0";
      TomlParseResult decision = Experiments.toml(rung.resolve(name + ".decision"));
      TomlParseResult record = Experiments.toml(rung.resolve(name));
      assertEquals(1L, record.getLong("resource"));
      assertEquals(decision.getDouble("value"), record.getDouble("value"));
      long lines = Files.readAllLines(t.resolve("metrics.jsonl")).size();
      if (decision.getString("decision").equals("stop")) {
        stopped++;
        assertTrue(Files.exists(t.resolve("STOPPED")) && !Files.exists(t.resolve("DONE")), t.toString());
        assertEquals(0L, Experiments.toml(t.resolve("STOPPED")).getLong("rung"));
        assertEquals(1, lines, "stopped after epoch 1: " + t);
        assertTrue(decision.getDouble("value") < decision.getDouble("cutoff"), name);
      } else {
        assertEquals("continue", decision.getString("decision"));
        assertTrue(Files.exists(t.resolve("DONE")) && !Files.exists(t.resolve("STOPPED")), t.toString());
        assertEquals(3, lines, "trained to its end: " + t);
        assertTrue(Files.exists(t.resolve("metrics.json")));
      }
    }
    assertTrue(stopped >= 1, "some runs were stopped");
    int done = 6 - stopped;
    assertTrue(exec.stdout().contains("exec: 6 done (" + stopped + " of them STOPPED at a rung by successive halving),"
        + " 0 failed, 0 not run"), exec.toString());
    assertEquals(stopped, exec.stdout().lines().filter(l -> l.startsWith("stopped: ")).count(), exec.toString());

    ModelJar.Result status = ModelJar.run(dir, "status", "rnn-halving");
    assertEquals(0, status.exitCode(), status.toString());
    assertEquals(done, SmallSweep.count(status.stdout(), "done"), status.stdout());
    assertEquals(stopped, SmallSweep.count(status.stdout(), "stopped"), status.stdout());
    int spent = 3 * done + stopped;
    assertTrue(status.stdout().contains("successive halving: validation_accuracy (max) by epoch, rungs 1 below 3,"
        + " reduction 3 (Ray Tune's asynchronous rule)\n  rung 0 (epoch 1): 6 recorded, " + done + " went on, "
        + stopped + " stopped; cut-off now >= "), status.stdout());
    assertTrue(status.stdout().contains(String.format(java.util.Locale.ROOT, "  compute: %d of 18 (%.1f%%) in epoch,"
        + " summed over 6 experiments, against all trained to 3\n", spent, 100.0 * spent / 18)), status.stdout());

    ModelJar.Result again = ModelJar.run(dir, "exec", "rnn-halving");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().contains("exec rnn-halving: nothing to run: " + done + " of 6 done, " + stopped
        + " stopped by successive halving, 0 failed, 0 never started"), again.toString());
    ModelJar.Result results = ModelJar.run(dir, "results", "rnn-halving");
    assertEquals(0, results.exitCode(), results.toString());
    assertTrue(results.stdout().contains("  rung 0 (epoch 1): 6 recorded, " + done + " went on"), results.toString());
  }
}
