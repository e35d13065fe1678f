package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunClaim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlParseResult;

/**
 * {@code sweep --force} after the template changed, on the real model.jar and a copy of it with another
 * template: the replaced experiments lose their markers and outputs into an archive and are pending
 * again; an experiment that is running or queued is not replaced.
 */
class ForceReplaceIT {
  @TempDir Path dir;
  @TempDir Path jars;

  /** The model jar with 2 epochs instead of 20 in its template, as a rebuild after editing it would give. */
  private Path changedJar() throws IOException {
    Path changed = jars.resolve("model.jar");
    boolean edited = false;
    try (ZipFile in = new ZipFile(ModelJar.jar().toFile());
         ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(changed))) {
      for (ZipEntry e : Collections.list(in.entries())) {
        byte[] bytes = in.getInputStream(e).readAllBytes();
        if (e.getName().equals("rnn_model.jsonnet")) {
          String template = new String(bytes, StandardCharsets.UTF_8);
          assertTrue(template.contains("num_epochs=20,"), template);
          bytes = template.replace("num_epochs=20,", "num_epochs=2,").getBytes(StandardCharsets.UTF_8);
          edited = true;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    assertTrue(edited, "the jar holds rnn_model.jsonnet");
    return changed;
  }

  private static ModelJar.Result sweepForce(Path dir, Path jar, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of(ModelJar.java(), "-jar", jar.toString(), "sweep", "rnn"));
    command.addAll(SmallSweep.SET);
    command.add("--force");
    Path out = Files.createTempFile("hyper-it", ".out");
    Path err = Files.createTempFile("hyper-it", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(env);
      int code = pb.start().waitFor();
      return new ModelJar.Result(code, Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path onlyArchive(Experiments.Exp e) throws IOException {
    try (Stream<Path> s = Files.list(e.serializationDir())) {
      List<Path> archives = s.filter(p -> p.getFileName().toString().startsWith(".replaced-")).toList();
      assertEquals(1, archives.size(), archives.toString());
      return archives.get(0);
    }
  }

  @Test
  void forceAfterATemplateChangeArchivesTheOldResultsAndTheExperimentsArePendingAgain() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    ModelJar.Result exec = ModelJar.run(dir, "exec", "rnn", "--jobs", "2");
    assertEquals(0, exec.exitCode(), exec.toString());
    Map<String, String> oldToml = new HashMap<>();
    Map<String, String> oldMetrics = new HashMap<>();
    for (Experiments.Exp e : exps) {
      oldToml.put(e.id(), Files.readString(e.toml()));
      oldMetrics.put(e.id(), Files.readString(e.serializationDir().resolve("metrics.json")));
    }

    ModelJar.Result r = sweepForce(dir, changedJar(), Map.of());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().startsWith("sweep rnn: 3 experiments, 0 written, 0 already there, 3 replaced, under "),
        r.toString());

    for (Experiments.Exp e : exps) {
      assertEquals(List.of(), SmallSweep.markers(e), "no marker of the old config is left: " + e.id());
      assertFalse(Files.exists(e.serializationDir().resolve("metrics.json")), e.id());
      Path archive = onlyArchive(e);
      for (String f : List.of("STARTED", "DONE", "metrics.json", "run.log", "REPLACED", e.id() + ".toml",
          e.id() + ".json")) {
        assertTrue(Files.isRegularFile(archive.resolve(f)), archive + " holds " + f);
      }
      assertEquals(oldMetrics.get(e.id()), Files.readString(archive.resolve("metrics.json")));
      assertEquals(oldToml.get(e.id()), Files.readString(archive.resolve(e.id() + ".toml")));
      TomlParseResult record = Experiments.toml(archive.resolve("REPLACED"));
      String oldSha = Experiments.toml(archive.resolve(e.id() + ".toml")).getString("snapshot.sha256");
      String newSha = Experiments.toml(e.toml()).getString("snapshot.sha256");
      assertEquals(oldSha, record.getString("old_snapshot_sha256"));
      assertEquals(newSha, record.getString("new_snapshot_sha256"));
      assertNotEquals(oldSha, newSha);
      assertEquals(e.id() + ".json differs", record.getString("reason"));
    }

    ModelJar.Result status = ModelJar.run(dir, "status", "rnn");
    assertEquals(0, SmallSweep.count(status.stdout(), "done"), status.stdout());
    assertEquals(3, SmallSweep.count(status.stdout(), "pending"), status.stdout());
    ModelJar.Result results = ModelJar.run(dir, "results", "rnn");
    assertTrue(results.stdout().startsWith("sweep rnn: 3 experiments, 3 PENDING;"), results.toString());
    assertTrue(results.stdout().contains("no experiment has best_validation_accuracy yet"), results.toString());
    for (Experiments.Exp e : exps) {
      assertTrue(results.stdout().lines().anyMatch(l -> l.contains(" " + e.id() + " ") && l.contains("PENDING")),
          results.toString());
    }
    assertFalse(results.stdout().contains("DONE"), results.toString());

    ModelJar.Result again = ModelJar.run(dir, "exec", "rnn", "--jobs", "2");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().contains("exec rnn: running 3 of 3 experiments"), again.toString());
    for (Experiments.Exp e : exps) {
      assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
      assertTrue(Files.readString(e.serializationDir().resolve("run.log")).contains("epoch 2/2"), e.id());
    }
    ModelJar.Result verify = ModelJar.run(dir, "verify", "rnn");
    assertEquals(0, verify.exitCode(), verify.toString());
  }

  @Test
  void forceDoesNotReplaceAnExperimentThatARunHolds() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    Experiments.Exp e = exps.get(0);
    assertEquals(0, e.run().exitCode());
    String toml = Files.readString(e.toml());
    ModelJar.Result r;
    String holder;
    Path changed = changedJar();
    try (RunClaim claim = RunClaim.claim(e.serializationDir())) { // as a run of it on another machine
      r = sweepForce(dir, changed, Map.of());
    }
    // read once released: a process that opens the file it holds locked loses the lock
    holder = Files.readString(dev.hyper.runtime.plan.Layout.claimFile(e.serializationDir())).strip();
    String[] h = holder.split("\t");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals("", r.stdout());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().startsWith("sweep 'rnn', point "), r.stderr());
    assertTrue(r.stderr().contains(": --force does not replace experiment " + e.id() + "/0 while it is being run by pid "
        + ProcessHandle.current().pid() + " on " + Markers.hostName() + " since " + h[2]
        + "; wait for it to end or stop it, then sweep again"), r.stderr());
    assertEquals(toml, Files.readString(e.toml()), "its config is as it was");
    assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e));
    assertTrue(Files.isRegularFile(e.serializationDir().resolve("metrics.json")));
  }

  @Test
  void forceDoesNotReplaceAnExperimentQueuedInSlurm() throws Exception {
    List<Experiments.Exp> exps = SmallSweep.sweep(dir);
    Path bin = Files.createDirectories(jars.resolve("bin"));
    for (String[] tool : List.of(new String[] {"sbatch", "echo 777"},
        new String[] {"squeue", "cat \"$(dirname \"$0\")/queue\" 2>/dev/null; exit 0"})) {
      Path f = bin.resolve(tool[0]);
      Files.writeString(f, "#!/bin/bash\n" + tool[1] + "\n");
      assertTrue(f.toFile().setExecutable(true));
    }
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    ModelJar.Result submit = SmallSweep.runWithEnv(dir, env, "submit", "rnn", "--max-array-size", "1001");
    assertEquals(0, submit.exitCode(), submit.toString());
    assertTrue(submit.stdout().contains("submitted job 777: --array=0-2 offset 0 (3 experiments)"), submit.toString());
    Experiments.Exp queued = exps.get(1);
    List<String> tasks = Files.readAllLines(dir.resolve("rnn-slurm-tasks.tsv"));
    int k = 0;
    while (!tasks.get(k).split("\t")[1].equals(dir.relativize(queued.toml()).toString())) {
      k++;
    }
    Files.writeString(bin.resolve("queue"), "777_" + k + " PENDING\n");
    String toml = Files.readString(queued.toml());

    ModelJar.Result r = sweepForce(dir, changedJar(), env);
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains(": --force does not replace experiment " + queued.id() + "/0 while it is queued"
        + " (SLURM 777_" + k + " PENDING); wait for it to end or stop it, then sweep again"), r.stderr());
    assertEquals(toml, Files.readString(queued.toml()), "its config is as it was");
  }
}
