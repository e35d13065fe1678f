package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.Goal;
import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.status.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which way results ranks: --goal, else the sweep's declared goal for its metric, else a guess it owns up to. */
class ResultsGoalTest {
  @TempDir Path tmp;

  private static final TestParamsGrid GRID = new TestParamsGrid(new double[] {0.1, 0.2, 0.3}, new String[] {"a"});

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("declared", TestParams.class, GRID).template("jsonnet/test_model.jsonnet")
          .metric("mse", Goal.MIN).trainer(() -> ResultsGoalTest::train).build(),
      SweepSpec.builder("undeclared", TestParams.class, GRID).template("jsonnet/test_model.jsonnet")
          .trainer(() -> ResultsGoalTest::train).build());

  /** mse grows with lr; so does accuracy. Only FAST runs, so each lr has one DONE experiment. */
  private static void train(TestParams p, Experiment e) throws Exception {
    e.writeMetrics(Map.of("mse", p.lr(), "val_rmse", p.lr(), "accuracy", p.lr()));
  }

  private Path jar;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  private Path swept(String sweep) throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve(sweep);
    assertEquals(0, cli("sweep", sweep, "--out", out.toString(), "--jar", jar.toString()).code());
    for (Path toml : ExperimentFiles.ofSweep(out, sweep)) {
      if (Files.readString(toml).contains("\"FAST\"")) {
        assertEquals(0, cli("run", toml.toString()).code());
      }
    }
    return out;
  }

  private static String header(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return r.out().lines().findFirst().orElseThrow();
  }

  /** The lr of the best experiment, from its "best experiment:" line. */
  private static String bestLr(CliRun r) {
    String best = r.out().lines().filter(l -> l.startsWith("best experiment: ")).findFirst().orElseThrow();
    return best.substring(best.indexOf("lr=") + 3, best.indexOf(' ', best.indexOf("lr=")));
  }

  @Test
  void theDeclaredGoalRanksTheDeclaredMetricAndTheReportSaysSo() throws Exception {
    Path out = swept("declared");
    CliRun r = cli("results", "declared", "--out", out.toString(), "--html", tmp.resolve("r.html").toString());
    assertEquals("sweep declared: 6 experiments, 3 DONE, 3 PENDING; mse, lower is better (@Sweep(goal = MIN))",
        header(r));
    assertEquals("0.1", bestLr(r));
    assertTrue(Files.readString(tmp.resolve("r.html")).contains(". mse: lower is better (@Sweep(goal = MIN)).</p>"));

    CliRun max = cli("results", "declared", "--out", out.toString(), "--goal", "max");
    assertEquals("sweep declared: 6 experiments, 3 DONE, 3 PENDING; mse, higher is better (--goal max)", header(max));
    assertEquals("0.3", bestLr(max));

    CliRun other = cli("results", "declared", "--out", out.toString(), "--metric", "accuracy");
    assertEquals("sweep declared: 6 experiments, 3 DONE, 3 PENDING; accuracy, higher is better (guessed from the"
        + " name; set --goal min|max or @Sweep(goal))", header(other));
    assertEquals("0.3", bestLr(other));
  }

  @Test
  void withoutADeclaredGoalAnErrorMeasureIsGuessedLowerIsBetterAndTheReportSaysItIsAGuess() throws Exception {
    Path out = swept("undeclared");
    CliRun r = cli("results", "undeclared", "--out", out.toString(), "--metric", "val_rmse");
    assertEquals("sweep undeclared: 6 experiments, 3 DONE, 3 PENDING; val_rmse, lower is better (guessed from the"
        + " name; set --goal min|max or @Sweep(goal))", header(r));
    assertEquals("0.1", bestLr(r));

    CliRun min = cli("results", "undeclared", "--out", out.toString(), "--metric", "accuracy", "--goal", "min");
    assertEquals("sweep undeclared: 6 experiments, 3 DONE, 3 PENDING; accuracy, lower is better (--goal min)",
        header(min));
    assertEquals("0.1", bestLr(min));
  }

  @Test
  void aGoalOtherThanMinOrMaxIsBadInput() throws Exception {
    Path out = swept("undeclared");
    CliRun r = cli("results", "undeclared", "--out", out.toString(), "--goal", "UNSET");
    assertEquals("results: --goal must be min or max, found 'UNSET'\n", r.err());
    assertEquals(2, r.code());
    assertEquals("", r.out());
  }

  @Test
  void overridesKeepTheDeclaredMetricAndGoal() {
    @SuppressWarnings("unchecked")
    SweepSpec<TestParams> declared = (SweepSpec<TestParams>) specs.get(0);
    SweepSpec<TestParams> changed = declared.with(new TestParamsGrid(), 2, dev.hyper.runtime.SlurmSettings.NONE);
    assertEquals(List.of("mse", Goal.MIN), List.of(changed.metric().orElseThrow(), changed.goal().orElseThrow()));
  }

  @Test
  void aSpecRefusesAMetricWithoutAGoal() {
    assertEquals("a metric needs a name and a goal of MIN or MAX, was 'mse' UNSET",
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.builder("s", TestParams.class, GRID)
            .metric("mse", Goal.UNSET)).getMessage());
  }
}
