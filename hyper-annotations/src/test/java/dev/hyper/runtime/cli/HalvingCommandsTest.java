package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.Goal;
import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.halving.Decision;
import dev.hyper.runtime.halving.RungFiles;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Successive halving through the command line, on a synthetic trainer whose score is a known function of its
 * learning rate and step: six runs, one after the other, with rungs at steps 1 and 3 (min 1, max 9, reduction 3).
 * The expected decisions are worked out by hand from Ray Tune's rule (the {@code 2/3} quantile, linear, of the
 * other values at the rung) in the comments.
 */
class HalvingCommandsTest {
  @TempDir Path tmp;

  /** lr -> score at rung 0 (steps 1, 2) and from rung 1 on (steps 3...), in the order the runs go. */
  private static final double[][] SCORES = {
      {0.1, 0.5, 0.7},    // first at rung 0: on; first at rung 1: on; DONE
      {0.2, 0.3, 0.0},    // others [0.5] -> cut-off 0.5: stopped at rung 0
      {0.3, 0.6, 0.65},   // others [0.3 0.5] -> 0.4333: on; at rung 1 others [0.7] -> 0.7: stopped at rung 1
      {0.4, 0.4, 0.0},    // others [0.3 0.5 0.6] -> 0.5333: stopped at rung 0
      {0.5, 0.55, 0.9},   // others [0.3 0.4 0.5 0.6] -> 0.5: on; at rung 1 [0.65 0.7] -> 0.6833: on; DONE
      {0.6, 0.45, 0.0}};  // others [0.3 0.4 0.5 0.55 0.6] -> 0.5333: stopped at rung 0

  private static final AtomicInteger TRAINED = new AtomicInteger();

  private static void train(TestParams p, Experiment e) throws Exception {
    TRAINED.incrementAndGet();
    double[] row = null;
    for (double[] r : SCORES) {
      if (r[0] == p.lr()) {
        row = r;
      }
    }
    for (long step = 1; step <= 9; step++) {
      e.log(step, Map.of("score", step < 3 ? row[1] : row[2], "loss", 1.0 / step));
      if (e.stopRequested()) {
        return;
      }
    }
    e.writeMetrics(Map.of("score", row[2]));
  }

  private static final HalvingSettings HALVING = new HalvingSettings("score", Goal.MAX, "step", 1, 9, 3);

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("asha", TestParams.class, new TestParamsGrid(lrs(), new String[] {"a"}))
          .template("jsonnet/test_model.jsonnet").halving(HALVING).trainer(() -> HalvingCommandsTest::train).build(),
      SweepSpec.builder("plain", TestParams.class, new TestParamsGrid(lrs(), new String[] {"a"}))
          .template("jsonnet/test_model.jsonnet").trainer(() -> HalvingCommandsTest::train).build());

  private static double[] lrs() {
    double[] lrs = new double[SCORES.length];
    for (int i = 0; i < lrs.length; i++) {
      lrs[i] = SCORES[i][0];
    }
    return lrs;
  }

  private Path jar;
  private Path out;

  @BeforeEach
  void jar() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    out = tmp.resolve("out");
  }

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  /** The experiments' TOMLs in the order of {@link #SCORES}. */
  private List<Path> swept(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("sweep", "asha", "--out", out.toString(), "--jar", jar.toString(),
        "--set", "mode=FAST"));
    args.addAll(List.of(more));
    CliRun r = cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    List<Path> tomls = new ArrayList<>();
    for (double[] row : SCORES) {
      for (Path t : ExperimentFiles.ofSweep(out, "asha")) {
        if (Files.readString(t).contains("lr = " + row[0] + "\n")) {
          tomls.add(t);
        }
      }
    }
    assertEquals(SCORES.length, tomls.size());
    return tomls;
  }

  private Path dir(Path toml) {
    return out.resolve("model/generated/asha").resolve(id(toml)).resolve(toml.getParent().getFileName());
  }

  private static String id(Path toml) {
    return toml.getParent().getParent().getFileName().toString();
  }

  @Test
  void theRightRunsStopAtTheRightRungs() throws Exception {
    List<Path> tomls = swept();
    assertTrue(Files.readString(tomls.get(0)).contains("[halving]\nmetric = \"score\"\ngoal = \"max\"\nresource = "
        + "\"step\"\nmin = 1\nmax = 9\nreduction = 3\n"), Files.readString(tomls.get(0)));
    List<String> printed = new ArrayList<>();
    for (Path t : tomls) {
      CliRun r = cli("run", t.toString());
      assertEquals(0, r.code(), r.err());
      printed.add(r.out().strip());
    }
    int[] stoppedAt = {-1, 0, 1, 0, -1, 0};
    for (int i = 0; i < tomls.size(); i++) {
      Path d = dir(tomls.get(i));
      if (stoppedAt[i] < 0) {
        assertEquals(ExperimentStatus.DONE, Markers.status(d), "run " + i);
      } else {
        assertEquals(ExperimentStatus.STOPPED, Markers.status(d), "run " + i);
        assertEquals(stoppedAt[i], Markers.readStopped(d).orElseThrow().rung(), "run " + i);
        assertTrue(Files.readString(d.resolve("STOPPED")).contains("STOPPED at rung " + stoppedAt[i]));
      }
    }
    assertEquals("stopped: experiment " + id(tomls.get(3)) + " trial 0 of sweep asha at rung 0 (resource 1): score 0.4"
        + " did not reach the cut-off 0.5333333333333333 of 3 others", printed.get(3));

    RungFiles files = new RungFiles(out, "asha");
    Decision d = files.decision(0, id(tomls.get(3)), 0).orElseThrow();
    assertFalse(d.goOn());
    assertEquals(List.of(id(tomls.get(2)) + "-0=0.6", id(tomls.get(0)) + "-0=0.5", id(tomls.get(1)) + "-0=0.3"),
        d.seen());
    assertEquals(0.5333333333333333, d.cutoff(), 1e-12);
    Decision first = files.decision(0, id(tomls.get(0)), 0).orElseThrow();
    assertTrue(first.goOn());
    assertTrue(Double.isNaN(first.cutoff()));
    assertTrue(Files.readString(files.dir(0).resolve(id(tomls.get(3)) + "-0.decision")).contains(
        "rule = \"go on when score >= the 0.6667 quantile (linear) of the other values recorded at the rung; the first"
        + " at a rung goes on; NaN stops\""));

    CliRun status = cli("status", "asha", "--out", out.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("  done          2\n"), status.out());
    assertTrue(status.out().contains("  stopped       4   (STOPPED at a rung by successive halving)\n"), status.out());
    assertTrue(status.out().contains("successive halving: score (max) by step, rungs 1, 3 below 9, reduction 3 (Ray"
        + " Tune's asynchronous rule)\n"
        + "  rung 0 (step 1): 6 recorded, 3 went on, 3 stopped; cut-off now >= 0.5167\n"
        + "  rung 1 (step 3): 3 recorded, 2 went on, 1 stopped; cut-off now >= 0.7667\n"
        + "  compute: 24 of 54 (44.4%) in step, summed over 6 experiments, against all trained to 9\n"), status.out());
    CliRun results = cli("results", "asha", "--out", out.toString(), "--metric", "score", "--goal", "max");
    assertEquals(0, results.code(), results.err());
    assertTrue(results.out().contains("  rung 1 (step 3): 3 recorded, 2 went on, 1 stopped"), results.out());
    CliRun exec = cli("exec", "asha", "--out", out.toString());
    assertEquals(0, exec.code(), exec.err());
    assertEquals("exec asha: nothing to run: 2 of 6 done, 4 stopped by successive halving, 0 failed, 0 never started",
        exec.out().strip());
    CliRun submit = cli("submit", "asha", "--out", out.toString());
    assertEquals(0, submit.code(), submit.err());
    assertEquals("submit asha: nothing to submit: 2 of 6 done, 4 stopped by successive halving", submit.out().strip());
    CliRun plain = cli("sweep", "plain", "--out", out.toString(), "--jar", jar.toString(), "--set", "mode=FAST");
    assertEquals(0, plain.code(), plain.err());
    assertFalse(cli("status", "plain", "--out", out.toString()).out().contains("halving"));
  }

  @Test
  void aStoppedRunIsNotTrainedAgainAndADecisionStandsAfterAKill() throws Exception {
    List<Path> tomls = swept();
    for (Path t : tomls) {
      assertEquals(0, cli("run", t.toString()).code());
    }
    Path third = dir(tomls.get(2));
    int before = TRAINED.get();
    CliRun again = cli("run", tomls.get(2).toString());
    assertEquals(0, again.code(), again.err());
    assertEquals("already stopped: experiment " + id(tomls.get(2)) + " trial 0 of sweep asha (STOPPED at rung 1 by"
        + " successive halving); nothing to do, use --rerun to train it again", again.out().strip());
    // killed after its decision, before its marker: the next run stops at once, without training (STARTED goes
    // too: in-process it would name this live JVM, where a killed run's names a dead one)
    Files.delete(third.resolve("STOPPED"));
    Files.delete(third.resolve("STARTED"));
    CliRun resumed = cli("run", tomls.get(2).toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(before, TRAINED.get());
    assertEquals(ExperimentStatus.STOPPED, Markers.status(third));
    assertTrue(resumed.out().startsWith("stopped: experiment " + id(tomls.get(2)) + " trial 0 of sweep asha at rung 1"),
        resumed.out());

    // killed between its record and its decision: the record is not written again, the decision is made now
    RungFiles files = new RungFiles(out, "asha");
    Path fourth = dir(tomls.get(3));
    String record = Files.readString(files.dir(0).resolve(id(tomls.get(3)) + "-0"));
    Files.delete(files.dir(0).resolve(id(tomls.get(3)) + "-0.decision"));
    Files.delete(fourth.resolve("STOPPED"));
    Files.delete(fourth.resolve("STARTED"));
    assertEquals(0, cli("run", tomls.get(3).toString()).code());
    assertEquals(record, Files.readString(files.dir(0).resolve(id(tomls.get(3)) + "-0")));
    Decision d = files.decision(0, id(tomls.get(3)), 0).orElseThrow();
    assertEquals(5, d.seen().size());            // all the others are there now: [0.3 0.45 0.5 0.55 0.6] -> 0.5333
    assertEquals(0.5333333333333333, d.cutoff(), 1e-12);
    assertEquals(ExperimentStatus.STOPPED, Markers.status(fourth));
    assertEquals(6, files.records(0).size());

    // --rerun: a new run in the search, its old records dropped
    CliRun rerun = cli("run", "--rerun", tomls.get(1).toString());
    assertEquals(0, rerun.code(), rerun.err());
    assertEquals(5, files.decision(0, id(tomls.get(1)), 0).orElseThrow().seen().size());
    assertEquals(ExperimentStatus.STOPPED, Markers.status(dir(tomls.get(1))));
  }

  @Test
  void anExperimentASweepReplacesIsANewRunInTheSearch() throws Exception {
    List<Path> tomls = swept();
    assertEquals(0, cli("run", tomls.get(0).toString()).code());
    assertEquals(0, cli("run", tomls.get(1).toString()).code());       // cut-off 0.5 at rung 0: stopped
    RungFiles files = new RungFiles(out, "asha");
    assertFalse(files.decision(0, id(tomls.get(1)), 0).orElseThrow().goOn());
    // another program: --force replaces both experiments, archiving their outputs
    jar = TestSweeps.dummyJar(tmp.resolve("jars2"), "model v2");
    assertEquals(tomls, swept("--force"));
    assertTrue(files.record(0, id(tomls.get(0)), 0).isEmpty());
    assertTrue(files.decision(0, id(tomls.get(1)), 0).isEmpty());
    int before = TRAINED.get();
    CliRun again = cli("run", tomls.get(1).toString());    // the first at its rungs now: on, to DONE
    assertEquals(0, again.code(), again.err());
    assertEquals(before + 1, TRAINED.get());
    assertEquals(ExperimentStatus.DONE, Markers.status(dir(tomls.get(1))));
    assertTrue(files.decision(0, id(tomls.get(1)), 0).orElseThrow().goOn());
  }

  @Test
  void sweepFilesAndSetChangeTheNumbers() throws Exception {
    Path file = tmp.resolve("asha.toml");
    Files.writeString(file, "[halving]\nmax = 27\n");
    List<Path> tomls = swept("--config", file.toString(), "--set", "halving.reduction=2", "--set", "halving.min=3");
    assertTrue(Files.readString(tomls.get(0)).contains("min = 3\nmax = 27\nreduction = 2\n"));
    assertEquals(0, cli("run", tomls.get(0).toString()).code());
    assertTrue(Files.exists(out.resolve("model/generated/asha/.rungs/1/" + id(tomls.get(0)) + "-0")));   // step 6
  }

  @Test
  void badHalvingOverridesAreRefusedWithNothingWritten() throws Exception {
    Path file = tmp.resolve("bad.toml");
    Files.writeString(file, "[halving]\nmin = 2\nrate = 3\nmax = 0\n");
    String[][] cases = {
        {"--set", "halving.reduction=1"},
        {"--set", "halving.min=x"},
        {"--set", "halving.min=9"},
        {"--set", "halving.eta=3"},
        {"--config", file.toString()}};
    String[] expected = {
        "--set halving.reduction=1: halving 'reduction' must be an integer >= 2, found 1",
        "--set halving.min=x: halving 'min' must be an integer >= 1, found 'x'",
        "halving after set halving.min=9: max 9 must be more than min 9",
        "--set halving.eta=3: unknown halving key 'eta'. Valid: min, max, reduction.",
        file + ":3:1: unknown halving key 'rate'. Valid: min, max, reduction.\n" + file + ":4:1: halving 'max' must be an"
            + " integer >= 1, found 0"};
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new ArrayList<>(List.of("sweep", "asha", "--out", out.toString(), "--jar", jar.toString()));
      args.addAll(List.of(cases[i]));
      CliRun r = cli(args.toArray(String[]::new));
      assertEquals(2, r.code(), r.out());
      assertEquals(expected[i], r.err().strip());
      assertFalse(Files.exists(out));
    }
    CliRun none = cli("sweep", "plain", "--out", out.toString(), "--jar", jar.toString(), "--set", "halving.max=3");
    assertEquals(2, none.code());
    assertEquals("--set halving.max=3: sweep 'plain' has no successive halving to change: declare @Sweep(halving ="
        + " @Halving(...))", none.err().strip());
  }
}
