package dev.hyper.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.render.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepMaterializerTest {
  @TempDir Path tmp;

  private final SweepSpec<TestParams> spec = TestSweeps.builder("toy").trials(2)
      .slurm(SlurmSettings.NONE.withQos("it's $(id)")).build();

  private Path out() {
    return tmp.resolve("out dir");
  }

  private SweepMaterializer.Result materialize(SweepSpec<TestParams> s, Path jar) throws Exception {
    JsonnetTemplate template = Templates.load(s).orElse(null);
    return new SweepMaterializer().materialize(s, template, out(), jar, true);
  }

  private static List<Path> tree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.map(dir::relativize).sorted().toList();
    }
  }

  @Test
  void writesEveryExperimentWithJsonTomlAndAHardLinkedJar() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    SweepMaterializer.Result r = materialize(spec, jar);
    assertEquals(24, r.experiments().size());
    assertEquals(24, r.written());
    assertEquals(0, r.skipped());
    String sha = Sha256.of(jar);
    Path stored = out().resolve("config/generated/toy/.snapshots/" + sha + ".jar");
    assertEquals(25, Files.getAttribute(stored, "unix:nlink"));

    for (ExperimentInfo e : r.experiments()) {
      Path dir = out().resolve(e.confDir());
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(e.id() + ".json", e.id() + ".toml", "model.jar"),
            files.map(f -> f.getFileName().toString()).sorted().toList());
      }
      assertTrue(Files.isSameFile(stored, dir.resolve("model.jar")));
      assertTrue(Files.isDirectory(out().resolve(e.serializationDir())));
      ExperimentConfig<TestParams> loaded = ExperimentConfig.load(out().resolve(e.confPath()), spec);
      assertEquals(e, loaded.experiment());
      assertEquals(new ExperimentInfo.Snapshot("model.jar", Files.size(jar), sha), loaded.experiment().snapshot());
      JsonConfig json = JsonConfig.read(out().resolve(e.configJson()));
      assertEquals(loaded.params().note(), json.getString("note"));
      assertEquals(loaded.params().lr(), json.getDouble("optimizer.lr"));
      assertEquals(loaded.params().mode().name(), json.getString("mode"));
      assertEquals(4, json.getInt("trainer.num_epochs"));
      assertEquals("toy", json.getString("model.type"));
    }
  }

  @Test
  void trickyStringReachesJsonAndTomlUnchangedAndTheScriptStaysInert() throws Exception {
    SweepMaterializer.Result r = materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v1"));
    ExperimentInfo tricky = r.experiments().get(4); // point 2: lr 0.001, note TRICKY, FAST
    ExperimentConfig<TestParams> c = ExperimentConfig.load(out().resolve(tricky.confPath()), spec);
    assertEquals(TestParamsGrid.TRICKY, c.params().note());
    assertEquals(TestParamsGrid.TRICKY, JsonConfig.read(out().resolve(tricky.configJson())).getString("note"));

    Path script = r.jobsScript();
    assertEquals(out().resolve("toy-jobs.sh"), script);
    assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(script));
    List<String> lines = Files.readAllLines(script);
    assertEquals(3 + 24, lines.size());
    assertEquals("#!/usr/bin/env bash", lines.get(0));
    assertEquals("cd -- \"$(dirname -- \"$0\")\" || exit 2", lines.get(2));
    assertTrue(lines.get(7).startsWith("sbatch --qos 'it'\\''s $(id)' --job-name 'toy-" + tricky.id() + "-0'"),
        lines.get(7));
    Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void rerunSkipsIdenticalExperimentsAndKeepsOneStoredJar() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    List<Path> before = tree(out());
    SweepMaterializer.Result again = materialize(spec, jar);
    assertEquals(0, again.written());
    assertEquals(24, again.skipped());
    assertEquals(before, tree(out()));
    try (Stream<Path> s = Files.list(out().resolve("config/generated/toy/.snapshots"))) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void existingExperimentWithOtherContentIsRefusedAndNothingChanges() throws Exception {
    SweepMaterializer.Result r = materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v1"));
    ExperimentInfo victim = r.experiments().get(5);
    Path json = out().resolve(victim.configJson());
    Files.writeString(json, "{}\n");
    List<Path> before = tree(out());
    HyperException e = assertThrows(HyperException.class,
        () -> materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v1")));
    assertEquals("experiment directory " + out().resolve(victim.confDir()) + " already exists with other content ("
        + victim.id() + ".json differs); remove it, or write the sweep to another --out directory", e.getMessage());
    assertEquals("{}\n", Files.readString(json));
    assertEquals(before, tree(out()));
  }

  @Test
  void newJarConflictsWithExperimentsWrittenForTheOldOne() throws Exception {
    materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v1"));
    HyperException e = assertThrows(HyperException.class,
        () -> materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v2")));
    assertTrue(e.getMessage().contains(".toml differs"), e.getMessage());
    try (Stream<Path> s = Files.list(out().resolve("config/generated/toy/.snapshots"))) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void renderFailureNamesTheExperimentAndLeavesNothingBehind() throws Exception {
    SweepSpec<TestParams> failing = SweepSpec.builder("bad", TestParams.class, new TestParamsGrid())
        .template("jsonnet/failing_model.jsonnet").build();
    HyperException e = assertThrows(HyperException.class,
        () -> materialize(failing, TestSweeps.dummyJar(tmp.resolve("jars"), "v1")));
    assertTrue(e.getMessage().startsWith("sweep 'bad', point 7 (id "), e.getMessage());
    assertTrue(e.getMessage().endsWith("lr=1.0E-4, note=\"plain\", mode=\"SLOW\"):"
        + " jsonnet/failing_model.jsonnet:3:46: Error: too slow for plain"), e.getMessage());
    assertEquals(List.of(), tree(out()));
  }

  @Test
  void templateThatDoesNotFitTheSweepIsRefused() throws Exception {
    SweepSpec<TestParams> s = SweepSpec.builder("blog", TestParams.class, new TestParamsGrid())
        .template("jsonnet/rnn_model.jsonnet").build();
    HyperException e = assertThrows(HyperException.class,
        () -> materialize(s, TestSweeps.dummyJar(tmp.resolve("jars"), "v1")));
    assertEquals("sweep 'blog': jsonnet/rnn_model.jsonnet has no parameter 'note' (for TestParams.note); its"
        + " parameters are lr, dropout, hidden_dim, n_hidden_layers, debug", e.getMessage());
    assertFalse(Files.exists(out()));
  }

  @Test
  void sweepWithoutTemplateWritesTheParamsAsJson() throws Exception {
    SweepSpec<TestParams> s = SweepSpec.builder("plain", TestParams.class, new TestParamsGrid()).build();
    SweepMaterializer.Result r = materialize(s, TestSweeps.dummyJar(tmp.resolve("jars"), "v1"));
    ExperimentInfo first = r.experiments().get(0);
    assertEquals("{\n   \"lr\": 0.001,\n   \"mode\": \"FAST\",\n   \"note\": \"plain\"\n}\n",
        Files.readString(out().resolve(first.configJson())));
  }
}
