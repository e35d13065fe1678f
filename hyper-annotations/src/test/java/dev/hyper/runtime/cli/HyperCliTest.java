package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperCliTest {
  @TempDir Path tmp;

  private final List<String> trained = new ArrayList<>();

  private final List<SweepSpec<?>> specs = List.of(
      TestSweeps.builder("toy").trials(2).slurm(SlurmSettings.NONE.withQos("gpu").withTime("10:00"))
          .trainer(() -> this::train).build(),
      SweepSpec.builder("broken", TestParams.class, new TestParamsGrid()).template("jsonnet/failing_model.jsonnet")
          .trainer(() -> (p, e) -> {
            throw new IllegalStateException("loss is NaN");
          }).build(),
      SweepSpec.builder("untrained", TestParams.class, new TestParamsGrid()).build());

  private void train(TestParams p, Experiment e) throws Exception {
    JsonConfig config = e.config();
    trained.add(e.id() + "/" + e.trial() + " " + p.note() + " " + config.getInt("trainer.num_epochs"));
    assertTrue(Files.isDirectory(e.serializationDir()));
    e.writeMetrics(Map.of("accuracy", 0.5, "seed", e.seed()));
  }

  private CliRun cli(String... args) {
    return cliRunningFrom(runningJar, args);
  }

  private CliRun cliRunningFrom(SnapshotLocator locator, String... args) {
    return CliRun.of(specs, locator, args);
  }

  private Path jar;

  /** The jar the CLI "runs from": in-process, the code is in directories, so tests say which jar it is. */
  private final SnapshotLocator runningJar = spec -> {
    try {
      return dev.hyper.runtime.snapshot.Program.ofJar(jar());
    } catch (dev.hyper.runtime.error.HyperException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  };

  private Path jar() throws Exception {
    if (jar == null) {
      jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    }
    return jar;
  }

  private static void assertOneLineError(CliRun r) {
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void listShowsEverySweepSortedWithItsSize() {
    CliRun r = cli("list");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(
        "broken  dev.hyper.runtime.TestParams  12 points x 1 trial = 12 experiments  template jsonnet/failing_model.jsonnet",
        "toy  dev.hyper.runtime.TestParams  12 points x 2 trials = 24 experiments  template jsonnet/test_model.jsonnet",
        "untrained  dev.hyper.runtime.TestParams  12 points x 1 trial = 12 experiments  template (none)"),
        r.out().lines().toList());
  }

  @Test
  void showPrintsAxesTemplateParametersTrialsSlurmAndSize() {
    CliRun r = cli("show", "toy");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("sweep toy (dev.hyper.runtime.TestParams)", lines.get(0));
    assertTrue(lines.contains("  lr -> lr (double, 2): 0.001, 1.0E-4"), r.out());
    assertTrue(lines.contains("  note -> note (string, 3): \"plain\", \"it's $(id) `x` \\\"q\\\"\", \"ünï 日本\""), r.out());
    assertTrue(lines.contains("  mode -> mode (enum, 2): \"FAST\", \"SLOW\""), r.out());
    assertTrue(lines.contains("template: jsonnet/test_model.jsonnet"), r.out());
    assertTrue(lines.contains("  parameters: lr (required), note (required), mode (required), epochs=2"), r.out());
    assertTrue(lines.contains("trials: 2"), r.out());
    assertTrue(lines.contains("slurm: qos=gpu time=10:00"), r.out());
    assertTrue(lines.contains("size: 12 points x 2 trials = 24 experiments"), r.out());
  }

  @Test
  void unknownSweepListsTheKnownOnes() {
    CliRun r = cli("show", "rnn");
    assertOneLineError(r);
    assertEquals("unknown sweep 'rnn'; known sweeps: broken, toy, untrained\n", r.err());
    assertOneLineError(cli("sweep", "rnn", "--dry-run"));
  }

  @Test
  void badArgumentsAreOneLineErrorsWithExitTwo() {
    assertOneLineError(cli());
    assertOneLineError(cli("sweep"));
    assertOneLineError(cli("sweep", "toy", "--bogus"));
    assertOneLineError(cli("frobnicate"));
    assertTrue(cli("sweep").err().startsWith("sweep: Missing required parameter: 'SWEEP'"));
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    CliRun top = cli("--help");
    assertEquals(0, top.code());
    for (String c : List.of("list", "show", "sweep", "run")) {
      assertTrue(top.out().contains("  " + c + " "), top.out());
      CliRun r = cli(c, "--help");
      assertEquals(0, r.code(), c);
      assertTrue(r.out().startsWith("Usage: java -jar model.jar " + c), r.out());
    }
    assertTrue(cli("sweep", "--help").out().contains("--dry-run"));
    assertFalse(cli("sweep", "--help").out().contains("--jar"));
  }

  @Test
  void dryRunPrintsEachExperimentAndWritesNothing() {
    Path out = tmp.resolve("dry");
    CliRun r = cli("sweep", "toy", "--dry-run", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(25, lines.size());
    assertTrue(lines.get(0).matches("0  [0-9a-f]{12}  0  lr=0\\.001 note=\"plain\" mode=\"FAST\""), lines.get(0));
    assertTrue(lines.get(23).matches("11  [0-9a-f]{12}  1  lr=1\\.0E-4 note=\"ünï 日本\" mode=\"SLOW\""), lines.get(23));
    assertEquals("24 experiments (12 points x 2 trials); dry run, nothing written", lines.get(24));
    assertFalse(Files.exists(out));
  }

  @Test
  void classPathEntryThatIsNoJarIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path notAJar = Files.writeString(Files.createDirectories(tmp.resolve("jars")).resolve("notes.jar"), "not a zip");
    java.util.jar.Manifest m = new java.util.jar.Manifest();
    m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, "notes.jar");
    Path thin = tmp.resolve("jars").resolve("thin.jar");
    try (var o = Files.newOutputStream(thin); var j = new java.util.jar.JarOutputStream(o, m)) {
      j.putNextEntry(new java.util.jar.JarEntry("x.txt"));
    }
    Path out = tmp.resolve("o");
    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--jar", thin.toString());
    assertOneLineError(r);
    assertEquals("the Class-Path of " + thin + " names " + notAJar + ", which is not a readable jar (zip END header"
        + " not found)\n", r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void renderFailureIsOneLineNamingExperimentAndJsonnetPosition() throws Exception {
    Path out = tmp.resolve("o");
    CliRun r = cli("sweep", "broken", "--out", out.toString(), "--jar", jar().toString());
    assertOneLineError(r);
    assertTrue(r.err().contains("point 7 (id "), r.err());
    assertTrue(r.err().contains("jsonnet/failing_model.jsonnet:3:46: Error: too slow for plain"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void sweepThenRunTrainsOneExperiment() throws Exception {
    Path out = tmp.resolve("out");
    CliRun sweep = cli("sweep", "toy", "--out", out.toString(), "--jar", jar().toString(), "--slurm");
    assertEquals(0, sweep.code(), sweep.err());
    assertEquals("sweep toy: 24 experiments, 24 written, 0 already there, under " + out + "\n"
        + "jobs script: " + out.resolve("toy-jobs.sh") + "\n"
        + "manifest: " + out.resolve("toy-manifest.tsv") + "\n"
        + "job array: " + out.resolve("toy.sbatch") + "\n", sweep.out());
    List<String> script = Files.readAllLines(out.resolve("toy-jobs.sh"));
    String line = script.get(script.size() - 24);
    assertTrue(line.matches("mkdir -p -- 'model/generated/toy/([0-9a-f]{12})/([01])' && hyper_sbatch"
        + " 'config/generated/toy/\\1/\\2/\\1\\.toml' --qos 'gpu'"
        + " --time '10:00' --job-name 'toy-.*"), line);

    CliRun again = cli("sweep", "toy", "--out", out.toString(), "--jar", jar().toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("0 written, 24 already there"), again.out());

    Path toml;
    try (Stream<Path> files = Files.walk(out.resolve("config/generated/toy"))) {
      toml = files.filter(f -> f.toString().endsWith(".toml")).sorted().findFirst().orElseThrow();
    }
    ExperimentConfig<TestParams> config = ExperimentConfig.load(toml, TestSweeps.builder("toy").trials(2)
        .slurm(SlurmSettings.NONE.withQos("gpu").withTime("10:00")).build());
    // the sweep makes no serialization directory; run makes it
    assertFalse(Files.exists(out.resolve(config.experiment().serializationDir())));
    CliRun run = cli("run", toml.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    String id = config.experiment().id();
    assertEquals(List.of(id + "/" + config.experiment().trial() + " " + config.params().note() + " 4"), trained);
    JsonConfig metrics = JsonConfig.read(out.resolve(config.experiment().serializationDir()).resolve("metrics.json"));
    assertEquals(config.experiment().seed(), metrics.getLong("seed"));
  }

  @Test
  void runRefusesSweepsWithoutTrainerAndMisplacedFiles() throws Exception {
    Path out = tmp.resolve("out");
    CliRun sweep = cli("sweep", "untrained", "--out", out.toString(), "--jar", jar().toString());
    assertEquals(0, sweep.code(), sweep.err());
    Path toml;
    try (Stream<Path> files = Files.walk(out.resolve("config/generated/untrained"))) {
      toml = files.filter(f -> f.toString().endsWith(".toml")).findFirst().orElseThrow();
    }
    CliRun untrained = cli("run", toml.toString());
    assertOneLineError(untrained);
    assertEquals("sweep 'untrained' names no trainer: set @Sweep(trainer = ...)\n", untrained.err());

    Path brokenToml = tmp.resolve("broken.toml");
    Files.writeString(brokenToml, Files.readString(toml).replace("name = \"untrained\"", "name = \"broken\""));
    CliRun broken = cli("run", brokenToml.toString());
    assertEquals(2, broken.code(), "conf_path does not match the file's location: " + broken.err());

    Path relocated = toml.resolveSibling("copy.toml");
    Files.writeString(relocated, Files.readString(toml));
    assertEquals(2, cli("run", relocated.toString()).code());
  }

  @Test
  void trainerExceptionIsExitOne() throws Exception {
    Path out = tmp.resolve("out");
    SweepSpec<TestParams> okTemplate = SweepSpec.builder("broken", TestParams.class,
        new TestParamsGrid(new double[] {0.5}, new String[] {"x"})).template("jsonnet/failing_model.jsonnet")
        .trainer(() -> (p, e) -> {
          throw new IllegalStateException("loss is NaN");
        }).build();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = HyperCli.run(new String[] {"sweep", "broken", "--out", out.toString(), "--jar", jar().toString()},
        List.of(okTemplate), new PrintWriter(o), new PrintWriter(e));
    assertEquals(0, code, e.toString());
    Path toml;
    try (Stream<Path> files = Files.walk(out.resolve("config/generated/broken"))) {
      toml = files.filter(f -> f.toString().endsWith(".toml")).findFirst().orElseThrow();
    }
    StringWriter err = new StringWriter();
    int run = HyperCli.run(new String[] {"run", toml.toString()}, List.of(okTemplate), new PrintWriter(o),
        new PrintWriter(err), runningJar);
    assertEquals(1, run);
    assertTrue(err.toString().startsWith("run failed: experiment "), err.toString());
    assertTrue(err.toString().lines().findFirst().orElseThrow().endsWith(
        "java.lang.IllegalStateException: loss is NaN"), err.toString());
  }

  @Test
  void runOfAMissingOrBrokenFileIsBadInput() throws Exception {
    CliRun missing = cli("run", tmp.resolve("nope.toml").toString());
    assertOneLineError(missing);
    assertEquals("no such experiment file: " + tmp.resolve("nope.toml") + "\n", missing.err());
    Path bad = tmp.resolve("bad.toml");
    Files.writeString(bad, "name = \"toy\"\ntrial = \n");
    CliRun broken = cli("run", bad.toString());
    assertOneLineError(broken);
    assertTrue(broken.err().startsWith(bad + ":2:9: not valid TOML: "), broken.err());
  }

  @Test
  void aParameterSetTwiceInASweepFileOrALooseSetNumberIsOneLineExitTwoAndNothingWritten() throws Exception {
    Path file = tmp.resolve("dup.toml");
    Files.writeString(file, "[hyper]\nlr = [0.5]\n\"params.lr\" = [0.25]\n");
    Path out = tmp.resolve("out");
    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--jar", jar().toString(), "--config", file.toString());
    assertOneLineError(r);
    assertEquals(file + ":3:1: 'params.lr' sets the same parameter as 'lr' at " + file + ":2:1; keep one of them\n",
        r.err());
    assertFalse(Files.exists(out), "nothing written");
    CliRun loose = cli("sweep", "toy", "--out", out.toString(), "--jar", jar().toString(), "--set", "lr=0x1p3");
    assertOneLineError(loose);
    assertEquals("--set lr=0x1p3: 'lr': expected a double, found '0x1p3'\n", loose.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void runOfAFileThatIsNotUtf8IsBadInputNamingTheByte() throws Exception {
    Path bad = tmp.resolve("latin1.toml");
    Files.write(bad, new byte[] {'n', 'a', 'm', 'e', ' ', '=', ' ', '"', (byte) 0xe9, '"', '\n'});
    CliRun r = cli("run", bad.toString());
    assertOneLineError(r);
    assertEquals(bad + ":1:9: not UTF-8 (byte 0xE9); TOML files are UTF-8\n", r.err());
  }
}
