package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlParseResult;

/** {@code exec} and {@code status} on the real model.jar: parallel runs, failures, resume after a kill. */
class ExecIT {
  @TempDir Path dir;

  @Test
  void runsEveryExperimentInParallelThenHasNothingLeftToRun() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    ModelJar.Result r = ModelJar.run(dir, "exec", "rnn", "--jobs", "2");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("exec rnn: running 3 of 3 experiments, 2 at a time"), r.toString());
    assertTrue(r.stdout().contains("exec: 3 done, 0 failed, 0 not run"), r.toString());
    assertEquals(3, r.stdout().lines().filter(l -> l.startsWith("done:  ")).count(), "plain lines, not a terminal: " + r);
    for (Experiments.Exp e : exps) {
      assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
      assertTrue(Files.isRegularFile(e.serializationDir().resolve("metrics.json")), e.id());
      String log = Files.readString(e.serializationDir().resolve("run.log"));
      assertTrue(log.startsWith("=== hyper exec "), log);
      assertTrue(log.contains("done: experiment " + e.id()), log);
      TomlParseResult done = Experiments.toml(e.serializationDir().resolve("DONE"));
      assertEquals(Experiments.sha256(e.serializationDir().resolve("metrics.json")), done.getString("metrics_sha256"));
    }
    // parallel: the runs overlapped
    List<long[]> spans = new ArrayList<>();
    for (Experiments.Exp e : exps) {
      long start = java.time.Instant.parse(Experiments.toml(e.serializationDir().resolve("DONE")).getString("started"))
          .toEpochMilli();
      long end = java.time.Instant.parse(Experiments.toml(e.serializationDir().resolve("DONE")).getString("time"))
          .toEpochMilli();
      spans.add(new long[] {start, end});
    }
    assertTrue(spans.stream().anyMatch(a -> spans.stream().anyMatch(b -> a != b && a[0] < b[1] && b[0] < a[1])),
        "two experiments ran at the same time");

    ModelJar.Result again = ModelJar.run(dir, "exec", "rnn");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().contains("exec rnn: nothing to run: 3 of 3 done, 0 failed, 0 never started"),
        again.toString());

    ModelJar.Result status = ModelJar.run(dir, "status", "rnn");
    assertEquals(0, status.exitCode(), status.toString());
    assertEquals(3, SmallSweep.count(status.stdout(), "done"), status.stdout());
    assertEquals(0, SmallSweep.count(status.stdout(), "failed"), status.stdout());
  }

  /**
   * The command exec suggests names the jar that ran and quotes every word: pasted into a shell with an
   * output directory named to inject a command, it passes the directory verbatim and runs nothing else.
   */
  @Test
  void theSuggestedCommandIsQuotedAndNamesTheJarThatRan() throws Exception {
    String hostile = "runs $(touch INJECTED) 'q' `id`";
    Path out = Files.createDirectories(dir.resolve(hostile));
    List<Experiments.Exp> exps = SmallSweep.sweep(out);
    SmallSweep.breakTraining(exps.get(0));
    Path jar = Files.copy(ModelJar.jar(), dir.resolve("my model.jar"));
    ModelJar.Result r = ModelJar.run(dir, jar, "exec", "rnn", "--jobs", "2", "--out", hostile);
    assertEquals(1, r.exitCode(), r.toString());
    String line = r.stdout().lines().filter(l -> l.startsWith("run them again with: ")).findFirst().orElseThrow();
    String pasted = line.substring("run them again with: ".length());
    assertTrue(pasted.startsWith("java -jar '" + jar.toAbsolutePath() + "' exec rnn --failed-only --out '"), pasted);
    ModelJar.Result shell = ModelJar.exec(dir, List.of("bash", "-c",
        "java() { for a in \"$@\"; do printf '<%s>' \"$a\"; done; }; " + pasted));
    assertEquals(0, shell.exitCode(), shell.toString());
    assertEquals("<-jar><" + jar.toAbsolutePath() + "><exec><rnn><--failed-only><--out><" + out + ">", shell.stdout());
    assertFalse(Files.exists(dir.resolve("INJECTED")), "pasting the command ran nothing");
  }

  @Test
  void failuresExitOneAreListedAndFailedOnlyRunsOnlyThem() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    Experiments.Exp throwing = exps.get(0);
    Experiments.Exp refused = exps.get(1);
    Experiments.Exp fine = exps.get(2);
    SmallSweep.breakTraining(throwing);
    String json = SmallSweep.breakConfig(refused);

    ModelJar.Result r = ModelJar.run(dir, "exec", "rnn", "--jobs", "2");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("exec: 1 done, 2 failed, 0 not run"), r.toString());
    assertTrue(r.stdout().contains("failed (2):"), r.toString());
    assertTrue(r.stdout().contains("  " + throwing.id() + "/0  exit 1: java.nio.file.FileSystemException: "),
        r.toString());
    assertTrue(r.stdout().contains("  " + refused.id() + "/0  exit 2: refusing to run "), r.toString());
    assertTrue(r.stdout().contains("exec rnn --failed-only"), r.toString());

    // the refused run wrote no marker: exec recorded its failure, with the end of its log
    TomlParseResult failed = Experiments.toml(refused.serializationDir().resolve("FAILED"));
    assertEquals(2L, failed.getLong("exit_code"));
    assertTrue(failed.getArray("error").toList().stream().anyMatch(l -> l.toString().startsWith("refusing to run ")),
        failed.toJson());
    assertEquals(List.of("STARTED", "FAILED"), SmallSweep.markers(throwing));

    ModelJar.Result status = ModelJar.run(dir, "status", "rnn");
    assertEquals(2, SmallSweep.count(status.stdout(), "failed"), status.stdout());
    assertEquals(1, SmallSweep.count(status.stdout(), "done"), status.stdout());
    assertTrue(status.stdout().contains("  " + refused.id() + "/0  exit 2: refusing to run "), status.stdout());

    SmallSweep.fixTraining(throwing);
    Files.writeString(refused.json(), json);
    FileTime fineDone = Files.getLastModifiedTime(fine.serializationDir().resolve("DONE"));
    ModelJar.Result rerun = ModelJar.run(dir, "exec", "rnn", "--failed-only", "--jobs", "2");
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertTrue(rerun.stdout().contains("running 2 of 3 experiments"), rerun.toString());
    assertFalse(rerun.stdout().contains(fine.id()), rerun.toString());
    assertEquals(fineDone, Files.getLastModifiedTime(fine.serializationDir().resolve("DONE")));
    for (Experiments.Exp e : exps) {
      assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
    }

    ModelJar.Result all = ModelJar.run(dir, "exec", "rnn", "--rerun-all", "--jobs", "2");
    assertEquals(0, all.exitCode(), all.toString());
    assertTrue(all.stdout().contains("running 3 of 3 experiments"), all.toString());
    assertTrue(Files.getLastModifiedTime(fine.serializationDir().resolve("DONE")).compareTo(fineDone) > 0,
        "--rerun-all trained the done one again");
  }

  @Test
  void killedMidwayItMarksWhatItStoppedAndTheNextExecResumes() throws Exception {
    // epochs of at least 0.3 s (which changes no result): exec's stop always finds the experiment training
    List<Experiments.Exp> exps = SmallSweep.sweep(dir, "--jvm-arg=-D" + RnnTrainer.EPOCH_SECONDS + "=0.3");
    Process exec = new ProcessBuilder(ModelJar.java(), "-jar", ModelJar.jar().toString(), "exec", "rnn", "--jobs", "1")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("exec.out").toFile()).start();
    // wait until one is done and the next has trained an epoch (so its trainer asks to be stopped cleanly)
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    Experiments.Exp first = null;
    Experiments.Exp second = null;
    while (second == null) {
      assertTrue(System.nanoTime() < deadline, "exec did not get to its second experiment");
      assertTrue(exec.isAlive(), "exec ended early: " + Files.readString(dir.resolve("exec.out")));
      for (Experiments.Exp e : exps) {
        List<String> m = SmallSweep.markers(e);
        if (m.contains("DONE")) {
          first = e;
        } else if (m.equals(List.of("STARTED")) && first != null
            && Files.exists(e.serializationDir().resolve("checkpoints"))) {
          second = e;
        }
      }
      Thread.sleep(50);
    }
    long child = Experiments.toml(second.serializationDir().resolve("STARTED")).getLong("pid");
    exec.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook asks the child to stop
    assertTrue(exec.waitFor(60, TimeUnit.SECONDS), "exec did not stop");
    String out = Files.readString(dir.resolve("exec.out"));
    assertTrue(out.contains("exec: interrupted: stopped 1 running experiment(s), 1 stopped cleanly with a checkpoint"
        + " (INTERRUPTED), 0 marked FAILED"), out);
    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the experiment's JVM is gone");

    assertTrue(Files.exists(second.serializationDir().resolve("INTERRUPTED")), "not done, and not recorded as done");
    assertFalse(Files.exists(second.serializationDir().resolve("DONE")));
    TomlParseResult interrupted = Experiments.toml(second.serializationDir().resolve("INTERRUPTED"));
    assertEquals("TERM", interrupted.getString("signal"));
    long step = interrupted.getLong("step");
    assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(first));
    Experiments.Exp third = exps.stream().filter(e -> SmallSweep.markers(e).isEmpty()).findFirst().orElseThrow();

    FileTime firstDone = Files.getLastModifiedTime(first.serializationDir().resolve("DONE"));
    ModelJar.Result resumed = ModelJar.run(dir, "exec", "rnn", "--jobs", "2");
    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertTrue(resumed.stdout().contains("running 2 of 3 experiments"), resumed.toString());
    assertTrue(resumed.stdout().contains(second.id()) && resumed.stdout().contains(third.id()), resumed.toString());
    assertTrue(Files.readString(second.serializationDir().resolve("run.log")).contains("resuming after epoch " + step),
        "the second experiment resumed from its checkpoint");
    assertEquals(firstDone, Files.getLastModifiedTime(first.serializationDir().resolve("DONE")));
    for (Experiments.Exp e : exps) {
      assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
    }
  }

}
