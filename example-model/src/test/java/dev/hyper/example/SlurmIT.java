package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real model.jar against a real SLURM (CI starts one with start-local-slurm.sh): job arrays, splitting
 * under MaxArraySize, failed tasks in status and re-submitting only them, and a failing sbatch. Skipped only
 * where there is no SLURM at all (sinfo missing or not answering).
 */
class SlurmIT {
  @TempDir Path dir;

  @BeforeAll
  static void slurmIsUp() throws Exception {
    boolean up;
    try {
      Process p = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      up = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isBlank();
    } catch (IOException e) {
      up = false;
    }
    Required.that(up, "no SLURM here (sinfo); start one with ../shared/slurm/start-local-slurm.sh");
  }

  /** The job ids a submit printed ({@code job ids: 12 13 (in ...)}). */
  private static List<String> jobIds(ModelJar.Result submit) {
    for (String line : submit.stdout().lines().toList()) {
      if (line.startsWith("job ids: ")) {
        String ids = line.substring("job ids: ".length(), line.indexOf(" (in "));
        return List.of(ids.split(" "));
      }
    }
    throw new AssertionError("no job ids printed: " + submit);
  }

  /** Polls squeue until every job left the queue (sbatch --wait polls too slowly for short jobs). */
  private static void waitGone(List<String> jobs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      Process p = new ProcessBuilder("squeue", "-h", "-j", String.join(",", jobs), "-o", "%i")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      if (out.isBlank()) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "jobs " + jobs + " still queued: " + out);
      Thread.sleep(200);
    }
  }

  private static String scontrolState(String arrayTask) throws Exception {
    Process p = new ProcessBuilder("scontrol", "-o", "show", "job", arrayTask).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("JobState=([A-Z_]+)").matcher(out);
    return m.find() ? m.group(1) : out;
  }

  private static void assertDoneWithMetrics(Experiments.Exp e) throws IOException {
    assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
    Path metrics = e.serializationDir().resolve("metrics.json");
    assertTrue(Files.isRegularFile(metrics), e.id());
    assertEquals(Experiments.sha256(metrics),
        Experiments.toml(e.serializationDir().resolve("DONE")).getString("metrics_sha256"));
    assertTrue(Files.readString(metrics).contains("\"best_validation_accuracy\""), e.id());
  }

  private static List<Path> slurmLogs(Experiments.Exp e) throws IOException {
    try (var files = Files.list(e.serializationDir())) {
      return files.filter(f -> f.getFileName().toString().matches("slurm-\\d+_\\d+\\.out")).toList();
    }
  }

  @Test
  void theSlurmJobsScriptRecordsItsJobsSoStatusFollowsThemAndSubmitDoesNotSubmitThemAgain() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir, "--slurm");
    ModelJar.Result script = ModelJar.exec(dir, List.of("bash", "rnn-jobs.sh"));
    assertEquals(0, script.exitCode(), script.toString());
    List<String> rows = Files.readAllLines(dir.resolve("rnn-slurm-jobs.tsv"));
    assertEquals(4, rows.size(), rows.toString());
    List<String> ids = new ArrayList<>();
    for (Experiments.Exp e : exps) {
      String conf = dir.relativize(e.toml()).toString();
      String row = rows.stream().filter(r -> r.endsWith("\t" + conf)).findFirst().orElseThrow(() ->
          new AssertionError(conf + " not in " + rows));
      String id = row.split("\t")[0];
      assertTrue(script.stdout().contains("Submitted batch job " + id + " (" + conf + ")\n"), script.toString());
      ids.add(id);
    }

    ModelJar.Result early = ModelJar.run(dir, "status", "rnn");
    String s = early.stdout();
    assertEquals(0, SmallSweep.count(s, "pending"), s);
    assertEquals(0, SmallSweep.count(s, "failed"), s);
    assertEquals(3, SmallSweep.count(s, "queued") + SmallSweep.count(s, "running") + SmallSweep.count(s, "done"), s);
    assertTrue(s.contains("SLURM: 3 jobs in rnn-slurm-jobs.tsv (latest: job "), s);
    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, submit.exitCode(), submit.toString());
    assertTrue(submit.stdout().startsWith("submit rnn: nothing to submit: "), submit.toString());

    waitGone(ids);
    ModelJar.Result status = ModelJar.run(dir, "status", "rnn");
    assertEquals(3, SmallSweep.count(status.stdout(), "done"), status.toString());
    for (int i = 0; i < exps.size(); i++) {
      assertDoneWithMetrics(exps.get(i));
      assertTrue(Files.isRegularFile(exps.get(i).serializationDir().resolve("slurm-" + ids.get(i) + ".out")),
          exps.get(i).id());
    }
  }

  @Test
  void theSweepRunsAsOneJobArrayAndEveryExperimentIsDone() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir, "--slurm");
    String script = Files.readString(dir.resolve("rnn.sbatch"));
    assertTrue(script.contains("#SBATCH --array=0-2\n"), script);
    assertTrue(script.contains("#SBATCH --qos=gpu-medium\n"), script);
    assertTrue(script.contains("#SBATCH --time=1-00:00:00\n"), script);
    assertFalse(script.contains("--partition"), "unset in @Slurm: " + script);
    ModelJar.Result check = ModelJar.exec(dir, List.of(Required.tool("shellcheck").toString(), "rnn.sbatch"));
    assertEquals(0, check.exitCode(), check.toString());

    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, submit.exitCode(), submit.toString());
    assertTrue(submit.stdout().contains("submit rnn: 3 of 3 experiments in 1 array job"), submit.toString());
    List<String> ids = jobIds(submit);
    assertEquals(1, ids.size(), submit.toString());
    assertTrue(submit.stdout().contains("submitted job " + ids.get(0) + ": --array=0-2 offset 0 (3 experiments)"),
        submit.toString());

    ModelJar.Result early = ModelJar.run(dir, "status", "rnn");
    assertEquals(0, early.exitCode(), early.toString());
    String s = early.stdout();
    assertEquals(3, SmallSweep.count(s, "queued") + SmallSweep.count(s, "running") + SmallSweep.count(s, "done"), s);
    assertEquals(0, SmallSweep.count(s, "failed"), s);
    assertTrue(s.contains("SLURM: 1 array job in rnn-slurm-jobs.tsv (latest: job " + ids.get(0)), s);

    ModelJar.Result twice = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, twice.exitCode(), twice.toString());
    assertTrue(twice.stdout().contains("nothing to submit") || twice.stdout().contains("1 array job"),
        twice.toString());
    if (twice.stdout().contains("submitted job")) { // only what had finished (too fast to be queued) by then
      ids = new ArrayList<>(ids);
      ids.addAll(jobIds(twice));
    }
    waitGone(ids);

    ModelJar.Result status = ModelJar.run(dir, "status", "rnn");
    assertEquals(3, SmallSweep.count(status.stdout(), "done"), status.toString());
    for (Experiments.Exp e : exps) {
      assertDoneWithMetrics(e);
      assertFalse(slurmLogs(e).isEmpty(), "per-task output in the serialization dir: " + e.id());
    }
    assertEquals("COMPLETED", scontrolState(ids.get(0) + "_0"));
    ModelJar.Result nothing = ModelJar.run(dir, "submit", "rnn");
    assertTrue(nothing.stdout().contains("nothing to submit: 3 of 3 done"), nothing.toString());
  }

  @Test
  void aMaxArraySizeBelowTheSweepSplitsItIntoArraysThatAllRun() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn", "--max-array-size", "2");
    assertEquals(0, submit.exitCode(), submit.toString());
    assertTrue(submit.stdout().contains("3 of 3 experiments in 2 array jobs (MaxArraySize 2)"), submit.toString());
    List<String> ids = jobIds(submit);
    assertEquals(2, ids.size(), submit.toString());
    assertTrue(submit.stdout().contains("submitted job " + ids.get(0) + ": --array=0-1 offset 0 (2 experiments)"),
        submit.toString());
    assertTrue(submit.stdout().contains("submitted job " + ids.get(1) + ": --array=0 offset 2 (1 experiment)"),
        submit.toString());
    List<String> jobs = Files.readAllLines(dir.resolve("rnn-slurm-jobs.tsv"));
    assertEquals(3, jobs.size(), jobs.toString());
    waitGone(ids);
    for (Experiments.Exp e : exps) {
      assertDoneWithMetrics(e);
    }
    assertEquals("COMPLETED", scontrolState(ids.get(1) + "_0"));
    assertEquals(3, SmallSweep.count(ModelJar.run(dir, "status", "rnn").stdout(), "done"));
  }

  @Test
  void aFailedTaskShowsAsFailedAndAResubmitRunsOnlyIt() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    Experiments.Exp refused = exps.get(1);
    String json = SmallSweep.breakConfig(refused);

    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, submit.exitCode(), submit.toString());
    List<String> first = jobIds(submit);
    waitGone(first);
    // slurmdbd records a task's end a little after it leaves the queue: wait until sacct knows all three
    SlurmCluster.await("sacct to record the 3 tasks", List.of(), 2, () -> SlurmCluster.accounted(first.get(0), 3));

    ModelJar.Result status = ModelJar.run(dir, "status", "rnn");
    String s = status.stdout();
    assertEquals(2, SmallSweep.count(s, "done"), s);
    assertEquals(1, SmallSweep.count(s, "failed"), s);
    List<String> lines = Files.readAllLines(dir.resolve("rnn-slurm-tasks.tsv"));
    int task = 0;
    while (!lines.get(task).contains(refused.id())) {
      task++;
    }
    String arrayTask = first.get(0) + "_" + task;
    boolean accounting = !s.contains("SLURM accounting: not available");
    assertTrue(s.contains("failed:\n  " + refused.id() + "/0  " + (accounting
        ? "FAILED: SLURM " + arrayTask + " exited with an error (exit 2:0); no checkpoint: refusing to run "
        : "SLURM " + arrayTask + " left the queue without DONE or FAILED (state FAILED, exit 2:0): refusing to run ")),
        s);
    assertTrue(s.contains("(log model/generated/rnn/" + refused.id() + "/0/slurm-" + arrayTask + ".out)"), s);
    assertEquals("FAILED", scontrolState(arrayTask));

    // a failing sbatch is an error, and nothing is recorded for it
    List<String> before = Files.readAllLines(dir.resolve("rnn-slurm-jobs.tsv"));
    Files.writeString(refused.json(), json);
    ModelJar.Result bad = SmallSweep.runWithEnv(dir, Map.of("SBATCH_PARTITION", "no-such-partition"), "submit", "rnn");
    assertEquals(1, bad.exitCode(), bad.toString());
    assertTrue(bad.stderr().contains("submit: sbatch failed: ") && bad.stderr().contains("invalid partition"),
        bad.toString());
    assertFalse(bad.stdout().contains("submitted job"), bad.toString());
    assertEquals(before, Files.readAllLines(dir.resolve("rnn-slurm-jobs.tsv")));

    ModelJar.Result again = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().contains("submit rnn: 1 of 3 experiments in 1 array job"), again.toString());
    List<String> second = jobIds(again);
    assertTrue(again.stdout().contains("submitted job " + second.get(0) + ": --array=" + task + " offset 0"),
        again.toString());
    waitGone(second);
    for (Experiments.Exp e : exps) {
      assertDoneWithMetrics(e);
    }
    List<Path> logs = slurmLogs(refused);
    assertEquals(2, logs.size(), "the failed task's and the re-run's: " + logs);
    for (Experiments.Exp e : exps) {
      if (e != refused) {
        assertEquals(1, slurmLogs(e).size(), "ran once: " + e.id());
      }
    }
    ModelJar.Result done = ModelJar.run(dir, "status", "rnn");
    assertEquals(3, SmallSweep.count(done.stdout(), "done"), done.toString());
    assertEquals(0, SmallSweep.count(done.stdout(), "failed"), done.toString());
  }
}
