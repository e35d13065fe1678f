package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.RunClaim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of one experiment on the real model.jar: the experiment is claimed before anything is
 * checked, a second run (or exec) leaves it alone and says who holds it, and kill -9 frees the claim.
 */
class ClaimIT {
  @TempDir Path dir;

  /** {@code java -jar CONF_DIR/model.jar run CONF_PATH}, started, its output in {@code name.out} / {@code name.err}. */
  private Process start(Experiments.Exp e, String name) throws IOException {
    return new ProcessBuilder(ModelJar.java(), "-jar", e.snapshot().toString(), "run",
        dir.relativize(e.toml()).toString()).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }

  private String read(String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }

  /**
   * Waits until {@code run} holds {@code e}'s claim (it has written its line into the claim file, which
   * it does right after locking, long before training ends), then stops it with SIGSTOP, so that it goes
   * on holding the claim however fast it would train.
   */
  private static void awaitClaimAndStop(Experiments.Exp e, Process run) throws Exception {
    Path claim = Layout.claimFile(e.serializationDir());
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      Files.createDirectories(claim.getParent());   // the run makes it too; the sweep does not
      claim.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.exists(claim) || Files.size(claim) == 0) {
        assertTrue(run.isAlive(), "the run ended before it claimed the experiment");
        assertTrue(System.nanoTime() < deadline, "no claim within 2 minutes");
        var key = watch.poll(1, TimeUnit.SECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
    signal(run, "STOP");
  }

  private static void signal(Process p, String signal) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor(), signal);
  }

  @Test
  void aSecondRunOfARunningExperimentSaysWhoHoldsItAndTouchesNothing() throws Exception {
    Experiments.Exp e = SmallSweep.sweep(dir).get(0);
    Process first = start(e, "first");
    awaitClaimAndStop(e, first);
    String[] holder = Files.readString(Layout.claimFile(e.serializationDir())).strip().split("\t");
    assertEquals(Long.toString(first.pid()), holder[1], "the claim names the first run");
    List<String> markers = SmallSweep.markers(e);
    Path started = e.serializationDir().resolve("STARTED");
    String startedBefore = Files.exists(started) ? Files.readString(started) : null;

    ModelJar.Result second = e.run();
    assertEquals(4, second.exitCode(), second.toString());
    assertEquals("", second.stdout());
    assertEquals("not running " + dir.relativize(e.toml()) + ": experiment " + e.id() + " trial 0 of sweep rnn is"
        + " claimed by pid " + first.pid() + " on " + holder[0] + " since " + holder[2] + "; nothing done\n",
        second.stderr());
    assertFalse(markers.contains("DONE"), "the first run had not finished: " + markers);
    assertEquals(markers, SmallSweep.markers(e), "the second run wrote no marker");
    assertEquals(startedBefore, Files.exists(started) ? Files.readString(started) : null,
        "the second run left STARTED as it was");

    signal(first, "CONT");
    assertTrue(first.waitFor(3, TimeUnit.MINUTES), "the first run did not end");
    assertEquals(0, first.exitValue(), read("first.err"));
    assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e));
    assertTrue(read("first.out").endsWith("\ndone: experiment " + e.id() + " trial 0 of sweep rnn\n"), read("first.out"));
  }

  @Test
  void twoRunsStartedAtOnceTrainTheExperimentOnce() throws Exception {
    Experiments.Exp e = SmallSweep.sweep(dir).get(1);
    List<Process> runs = new ArrayList<>(List.of(start(e, "a"), start(e, "b")));
    for (Process p : runs) {
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "a run did not end");
    }
    String trained = "\ndone: experiment " + e.id() + " trial 0 of sweep rnn\n";
    List<String> outs = List.of(read("a.out"), read("b.out"));
    assertEquals(1, outs.stream().filter(o -> o.endsWith(trained)).count(), "exactly one trained: " + outs + " "
        + read("a.err") + read("b.err"));
    assertEquals(1, outs.stream().filter(o -> o.contains("train_loss")).count(), "exactly one trained: " + outs);
    int loser = outs.get(0).endsWith(trained) ? 1 : 0;
    String loserErr = read(loser == 0 ? "a.err" : "b.err");
    // the other one came while the first held the claim, or (a slow start) after it had finished
    if (runs.get(loser).exitValue() == 4) {
      assertEquals("", outs.get(loser));
      assertTrue(loserErr.matches("not running \\S+: experiment " + e.id() + " trial 0 of sweep rnn is claimed by pid "
          + runs.get(1 - loser).pid() + " on \\S+ since \\S+; nothing done\n"), loserErr);
    } else {
      assertEquals(0, runs.get(loser).exitValue(), loserErr);
      assertTrue(outs.get(loser).startsWith("already done: experiment " + e.id()), outs.get(loser));
    }
    assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e));
    assertEquals(Long.toString(runs.get(1 - loser).pid()),
        Long.toString(Experiments.toml(e.serializationDir().resolve("STARTED")).getLong("pid")));
  }

  @Test
  void execLeavesAClaimedExperimentToItsHolderAndDoesNotMarkItFailed() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    Experiments.Exp held = exps.get(2);
    ModelJar.Result r;
    Files.createDirectories(held.serializationDir());                // as a run on another machine would
    try (RunClaim claim = RunClaim.claim(held.serializationDir())) {
      r = ModelJar.run(dir, "exec", "rnn", "--jobs", "2");
    }
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("claimed elsewhere: " + held.id() + "/0 (another process runs it; left alone)"),
        r.toString());
    assertTrue(r.stdout().contains("exec: 2 done, 0 failed, 0 not run, 1 claimed by another process, in "),
        r.toString());
    assertFalse(r.stdout().contains("failed ("), r.toString());
    assertEquals(List.of(), SmallSweep.markers(held), "exec wrote no FAILED, the run no STARTED");
    String log = Files.readString(held.serializationDir().resolve("run.log"));
    assertTrue(log.contains("is claimed by pid " + ProcessHandle.current().pid() + " on "), log);
    for (Experiments.Exp e : exps.subList(0, 2)) {
      assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
    }
  }

  @Test
  void killMinusNineFreesTheClaimForTheNextRun() throws Exception {
    Experiments.Exp e = SmallSweep.sweep(dir).get(0);
    Process first = start(e, "first");
    awaitClaimAndStop(e, first);
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no FAILED
    assertTrue(first.waitFor(1, TimeUnit.MINUTES));
    assertFalse(SmallSweep.markers(e).contains("DONE"), SmallSweep.markers(e).toString());

    ModelJar.Result again = e.run();
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().endsWith("\ndone: experiment " + e.id() + " trial 0 of sweep rnn\n"), again.stdout());
    assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e));
  }
}
