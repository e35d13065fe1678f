package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.JsonConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, end to end, on the real {@code model.jar}. */
class ModelJarIT {
  @TempDir Path dir;

  @Test
  void listNamesTheSweepWithItsSize() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "list");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("rnn"), r.toString());
    assertTrue(r.stdout().contains("72 points x 1 trial = 72 experiments"), r.toString());
  }

  @Test
  void showDescribesAxesTemplateAndTlas() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "show", "rnn");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("hiddenDim -> hidden_dim (int, 4): 100, 300, 500, 1000"), r.toString());
    assertTrue(r.stdout().contains("template: rnn_model.jsonnet"), r.toString());
    assertTrue(r.stdout().contains("debug=false"), r.toString());
  }

  @Test
  void unknownSweepIsABadInput() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnm");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("rnm"), r.toString());
    assertTrue(r.stderr().contains("rnn"), r.toString());
    assertFalse(r.stderr().contains("\tat "), "no stack trace for a user mistake: " + r);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void dryRunListsEveryExperimentAndWritesNothing() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnn", "--dry-run");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("72"), r.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "--dry-run wrote files");
    }
  }

  @Test
  void sweepWritesSeventyTwoExperimentsAndAJobsScriptThatRunsThem() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnn");
    assertEquals(0, r.exitCode(), r.toString());

    Path generated = dir.resolve("config/generated/rnn");
    List<Path> tomls;
    try (Stream<Path> files = Files.walk(generated)) {
      tomls = files.filter(f -> f.toString().endsWith(".toml")).sorted().toList();
    }
    assertEquals(72, tomls.size());
    Set<RnnParams> points = new HashSet<>();
    for (Path toml : tomls) {
      Path confDir = toml.getParent();
      String id = confDir.getParent().getFileName().toString();
      assertEquals(id + ".toml", toml.getFileName().toString());
      assertTrue(Files.isRegularFile(confDir.resolve(id + ".json")));
      assertTrue(Files.isRegularFile(confDir.resolve("model.jar")));
      assertEquals(Files.size(ModelJar.jar()), Files.size(confDir.resolve("model.jar")));
      assertFalse(Files.exists(dir.resolve("model/generated/rnn").resolve(id)), "the run makes it, not the sweep");

      RnnParamsConfig config = RnnParamsConfig.load(toml);
      assertEquals(id, config.experiment().id());
      assertTrue(points.add(config.params()), "two experiments with the same params: " + config.params());
      JsonConfig json = JsonConfig.read(confDir.resolve(id + ".json"));
      assertEquals(config.params().hiddenDim(), json.getInt("model.hidden_dim"));
      assertEquals(config.params().lr(), json.getDouble("trainer.optimizer.lr"));
      assertEquals(RnnParamsConfig.load(toml), config, "loading twice gives the same config");
    }
    assertEquals(72, points.size());
    assertEquals(new HashSet<>(new RnnParamsGrid().stream().toList()), points);

    Path jobs = dir.resolve("rnn-jobs.sh");
    assertTrue(Files.isExecutable(jobs));
    List<String> lines = Files.readAllLines(jobs);
    assertEquals("#!/usr/bin/env bash", lines.get(0));
    List<String> runs = lines.stream().filter(l -> l.startsWith("\"$hyper_java\" ")).toList();
    assertEquals(72, runs.size());
    assertEquals(0, ModelJar.exec(dir, List.of("bash", "-n", jobs.toString())).exitCode());

    // One line of the jobs script (after the header's choice of java) trains one experiment from its own snapshot.
    String first = runs.get(0);
    String java = lines.stream().filter(l -> l.startsWith("hyper_java=")).findFirst().orElseThrow();
    ModelJar.Result trained = ModelJar.exec(dir, List.of("bash", "-c", java + "\n" + first));
    assertEquals(0, trained.exitCode(), trained.toString());
    String id = first.replaceAll(".*config/generated/rnn/([0-9a-f]+)/0/.*", "$1");
    Path metricsFile = dir.resolve("model/generated/rnn").resolve(id).resolve("0/metrics.json");
    JsonConfig metrics = JsonConfig.read(metricsFile);
    assertTrue(metrics.getDouble("best_validation_accuracy") > 0.5, () -> "the model learned: " + metricsFile);
    assertTrue(Files.size(dir.resolve("model/generated/rnn").resolve(id).resolve("0/model.bin")) > 0);
  }
}
