package dev.hyper.example;

import static dev.hyper.example.Experiments.fast;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.example.Experiments.Exp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * Exact re-runs from the snapshot, on the real model.jar: the same experiment trains to the same bytes, a
 * changed snapshot or config is refused (and --force is recorded), markers say what happened, and
 * provenance says where the experiment came from.
 */
class ReproducibilityIT {
  @TempDir Path dir;

  @Test
  void trainingTwiceFromTheSnapshotGivesTheSameMetricsAndModel() throws Exception {
    Experiments.sweep(dir);
    Exp e = Experiments.find(dir, fast(0.001));
    Path out = e.serializationDir();

    ModelJar.Result first = e.run();
    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(first.stdout().contains("done: experiment " + e.id()), first.toString());
    String metrics1 = Experiments.metricsWithoutTimings(out.resolve("metrics.json"));
    byte[] model1 = Files.readAllBytes(out.resolve("model.bin"));
    TomlParseResult done1 = Experiments.toml(out.resolve("DONE"));
    assertEquals(Experiments.sha256(out.resolve("metrics.json")), done1.getString("metrics_sha256"));
    assertEquals(0L, done1.getLong("exit_code"));
    TomlParseResult started = Experiments.toml(out.resolve("STARTED"));
    assertEquals(e.id(), started.getString("experiment"));
    assertEquals(Experiments.sha256(e.snapshot()), started.getString("jar_sha256"));
    assertTrue(started.getString("command_line").contains("'run'"), started.getString("command_line"));
    assertNull(started.get("forced"));

    // DONE: running it again does nothing.
    FileTime before = Files.getLastModifiedTime(out.resolve("metrics.json"));
    ModelJar.Result again = e.run();
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().startsWith("already done: experiment " + e.id()), again.toString());
    assertTrue(again.stdout().contains("--rerun"), again.toString());
    assertFalse(again.stdout().contains("epoch"), "no training: " + again);
    assertEquals(before, Files.getLastModifiedTime(out.resolve("metrics.json")));

    // --rerun trains again, to the same bytes.
    ModelJar.Result rerun = e.run("--rerun");
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertTrue(rerun.stdout().contains("epoch 1/"), "trained again: " + rerun);
    assertEquals(metrics1, Experiments.metricsWithoutTimings(out.resolve("metrics.json")));
    assertArrayEquals(model1, Files.readAllBytes(out.resolve("model.bin")), "model.bin is byte-identical");
    TomlParseResult done2 = Experiments.toml(out.resolve("DONE"));
    assertNotEquals(done1.getString("time"), done2.getString("time"));
    assertEquals(Experiments.sha256(out.resolve("metrics.json")), done2.getString("metrics_sha256"));

    ModelJar.Result verify = ModelJar.run(dir, "verify", "rnn");
    assertEquals(0, verify.exitCode(), verify.toString());
    assertEquals("verify: 72 experiments, 72 ok\n", verify.stdout());
  }

  @Test
  void aChangedSnapshotIsRefusedUnlessForcedAndForceIsRecorded() throws Exception {
    Experiments.sweep(dir);
    Exp e = Experiments.find(dir, fast(0.001));
    Exp other = Experiments.find(dir, fast(0.0001));
    String recorded = Experiments.toml(e.toml()).getString("snapshot.sha256");
    Experiments.tamper(e.snapshot());
    assertNotEquals(recorded, Experiments.sha256(e.snapshot()));

    ModelJar.Result refused = e.run();
    assertEquals(2, refused.exitCode(), refused.toString());
    assertEquals("", refused.stdout());
    assertEquals(1, refused.stderr().lines().count(), refused.toString());
    String line = refused.stderr().strip();
    assertTrue(line.startsWith("refusing to run config/generated/rnn/" + e.id() + "/0/" + e.id() + ".toml: model.jar"
        + " (SHA-256 "), line);
    assertTrue(line.contains("is not this experiment's snapshot (snapshot.sha256 " + recorded.substring(0, 12)), line);
    assertTrue(line.endsWith("use --force to run anyway"), line);
    assertFalse(Files.exists(e.serializationDir().resolve("STARTED")), "a refused run writes no marker");
    assertFalse(Files.exists(e.serializationDir().resolve("metrics.json")));

    ModelJar.Result verifyOne = ModelJar.run(dir, "verify", e.confDir().toString());
    assertEquals(1, verifyOne.exitCode(), verifyOne.toString());
    assertTrue(verifyOne.stdout().startsWith("DIFFERS  "), verifyOne.toString());
    assertTrue(verifyOne.stdout().contains("model.jar (SHA-256 " + Experiments.sha256(e.snapshot()).substring(0, 12)
        + "...) is not this experiment's snapshot"), verifyOne.toString());
    assertTrue(verifyOne.stdout().endsWith("verify: 1 experiment, 0 ok, 1 differs\n"), verifyOne.toString());
    ModelJar.Result verifyOther = ModelJar.run(dir, "verify", other.toml().toString());
    assertEquals(0, verifyOther.exitCode(), verifyOther.toString());
    ModelJar.Result verifyAll = ModelJar.run(dir, "verify", "config/generated/rnn");
    assertEquals(1, verifyAll.exitCode(), verifyAll.toString());
    assertTrue(verifyAll.stdout().endsWith("verify: 72 experiments, 71 ok, 1 differs\n"), verifyAll.toString());

    ModelJar.Result forced = e.run("--force");
    assertEquals(0, forced.exitCode(), forced.toString());
    assertTrue(forced.stderr().startsWith("warning: --force: running "), forced.toString());
    assertTrue(forced.stdout().contains("done: experiment " + e.id() + " trial 0 of sweep rnn (forced)"),
        forced.toString());
    for (String marker : List.of("STARTED", "DONE")) {
      TomlArray why = Experiments.toml(e.serializationDir().resolve(marker)).getArray("forced");
      assertEquals(1, why.size(), marker);
      assertTrue(why.getString(0).contains("is not this experiment's snapshot"), marker + ": " + why.getString(0));
    }
  }

  @Test
  void anEditedConfigIsRefusedAndAFailedRunLeavesAFailedMarker() throws Exception {
    Experiments.sweep(dir);
    Exp edited = Experiments.find(dir, fast(0.001));
    Files.writeString(edited.json(), Files.readString(edited.json()).replace("\"num_epochs\": 20", "\"num_epochs\": 2"));
    ModelJar.Result refused = edited.run();
    assertEquals(2, refused.exitCode(), refused.toString());
    assertEquals(1, refused.stderr().lines().count(), refused.toString());
    assertTrue(refused.stderr().contains(edited.id() + ".json is not what rnn_model.jsonnet renders from its params:"
        + " line 46 is `\"num_epochs\": 2,`, expected `\"num_epochs\": 20,`"), refused.toString());

    Exp params = Experiments.find(dir, fast(0.0001));
    Files.writeString(params.toml(), Files.readString(params.toml()).replace("hidden_dim = 100", "hidden_dim = 300"));
    ModelJar.Result paramsRefused = params.run();
    assertEquals(2, paramsRefused.exitCode(), paramsRefused.toString());
    assertTrue(paramsRefused.stderr().contains("[params] are not those of experiment " + params.id()), paramsRefused
        .toString());
    assertTrue(paramsRefused.stderr().contains(params.id() + ".json is not what rnn_model.jsonnet renders"),
        paramsRefused.toString());

    // No config at all: refused; forced, the trainer fails, and FAILED says how.
    Exp missing = Experiments.find(dir, fast(0.00001));
    Files.delete(missing.json());
    ModelJar.Result missingRefused = missing.run();
    assertEquals(2, missingRefused.exitCode(), missingRefused.toString());
    assertTrue(missingRefused.stderr().contains(missing.id() + ".json is missing"), missingRefused.toString());
    ModelJar.Result failed = missing.run("--force");
    assertEquals(1, failed.exitCode(), failed.toString());
    assertTrue(failed.stderr().contains("run failed: experiment " + missing.id()), failed.toString());
    Path out = missing.serializationDir();
    assertTrue(Files.exists(out.resolve("STARTED")));
    assertFalse(Files.exists(out.resolve("DONE")));
    TomlParseResult marker = Experiments.toml(out.resolve("FAILED"));
    assertEquals(1L, marker.getLong("exit_code"));
    TomlArray error = marker.getArray("error");
    assertTrue(error.size() > 0 && error.size() <= 20, "error lines: " + error.size());
    assertTrue(error.toList().stream().anyMatch(l -> l.toString().contains(missing.id() + ".json")), error.toString());
    assertTrue(marker.getArray("forced").getString(0).contains(".json is missing"));

    ModelJar.Result results = ModelJar.run(dir, "results", "rnn");
    assertEquals(0, results.exitCode(), results.toString());
    assertTrue(results.stdout().contains("72 experiments, 1 FAILED, 71 PENDING"), results.toString());
    assertTrue(results.stdout().lines().anyMatch(l -> l.contains(missing.id()) && l.contains("FAILED")),
        results.toString());
    assertTrue(results.stdout().contains("no experiment has best_validation_accuracy yet"), results.toString());

    // FAILED does not stop a new run (no --rerun needed): it is tried again and FAILED is rewritten.
    ModelJar.Result again = missing.run("--force");
    assertEquals(1, again.exitCode(), again.toString());
    assertNotEquals(marker.getString("time"), Experiments.toml(out.resolve("FAILED")).getString("time"));
  }

  @Test
  void theTomlRecordsProvenance() throws Exception {
    Experiments.sweep(dir);
    Exp e = Experiments.find(dir, fast(0.001));
    TomlParseResult toml = Experiments.toml(e.toml());
    assertEquals(Experiments.sha256(ModelJar.jar()), toml.getString("snapshot.sha256"), "the jar's SHA-256");
    assertEquals(Files.size(ModelJar.jar()), toml.getLong("snapshot.size"));
    assertEquals(System.getProperty("java.version"), toml.getString("provenance.java_version"));
    assertEquals(System.getProperty("java.vendor"), toml.getString("provenance.java_vendor"));
    assertEquals(System.getProperty("os.name"), toml.getString("provenance.os_name"));
    assertEquals(System.getProperty("os.arch"), toml.getString("provenance.os_arch"));
    String command = toml.getString("provenance.command_line");
    assertTrue(command.startsWith("'/") && command.contains("java"), command);
    assertTrue(command.endsWith("' '-jar' '" + ModelJar.jar() + "' 'sweep' 'rnn'"), command);
    assertEquals(dir.toRealPath().toString(), Path.of(toml.getString("provenance.working_dir")).toRealPath().toString());
    assertTrue(toml.getString("provenance.created").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
        toml.getString("provenance.created"));

    // The git commit the jar was built from, when it was built from a (plain) git checkout.
    Path repo = Path.of("").toAbsolutePath().getParent();
    if (Files.isDirectory(repo.resolve(".git")) && Files.exists(repo.resolve(".git/HEAD"))) {
      ModelJar.Result head = ModelJar.exec(repo, List.of("git", "rev-parse", "HEAD"));
      assertEquals(0, head.exitCode(), head.toString());
      assertEquals(head.stdout().strip(), toml.getString("provenance.git_commit"));
      assertTrue(toml.get("provenance.git_dirty") instanceof Boolean, "git_dirty: " + toml.get("provenance.git_dirty"));
    } else {
      assertNull(toml.get("provenance.git_commit"), "not built from a plain checkout: no commit, not a guess");
      assertNull(toml.get("provenance.git_dirty"));
    }

    // Sweeping again keeps the experiments (and their provenance): only [provenance] would differ.
    ModelJar.Result again = ModelJar.run(dir, "sweep", "rnn");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.stdout().contains("0 written, 72 already there"), again.toString());
    assertEquals(toml.getString("provenance.created"), Experiments.toml(e.toml()).getString("provenance.created"));
  }
}
