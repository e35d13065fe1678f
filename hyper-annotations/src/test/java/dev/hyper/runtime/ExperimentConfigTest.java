package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.plan.Ids;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentConfigTest {
  private static final SlurmSettings SLURM = SlurmSettings.NONE.withQos("gpu-medium").withTime("1-00:00:00")
      .withCpus(4).withGres("gpu:1");
  private final SweepSpec<TestParams> spec =
      SweepSpec.builder("t", TestParams.class, new TestParamsGrid()).trials(2).slurm(SLURM).build();

  @TempDir Path root;

  private ExperimentConfig<TestParams> config(TestParams params, int trial) {
    String id = Ids.experimentId(spec, params);
    Path dir = Path.of("config/generated/t", id, Integer.toString(trial));
    ExperimentInfo info = new ExperimentInfo("t", id, trial, 2, Ids.seed(id, trial), dir,
        dir.resolve(id + ".toml"), dir.resolve(id + ".json"), Path.of("model/generated/t", id, "" + trial),
        root.toAbsolutePath(), SLURM, new ExperimentInfo.Snapshot("model.jar", 1234, "ab".repeat(32)));
    return new ExperimentConfig<>(info, params);
  }

  private Path write(ExperimentConfig<TestParams> c) throws IOException {
    Path file = c.experiment().resolve(c.experiment().confPath());
    Files.createDirectories(file.getParent());
    Files.writeString(file, c.toToml(spec));
    return file;
  }

  @Test
  void writeThenLoadGivesAnEqualConfigForEveryPoint() throws IOException {
    for (TestParams p : spec.grid()) {
      ExperimentConfig<TestParams> c = config(p, 1);
      assertEquals(c, ExperimentConfig.load(write(c), spec));
    }
  }

  @Test
  void tomlHasTheSeedKeysAndTypedParams() throws IOException {
    ExperimentConfig<TestParams> c = config(new TestParams(1.0E-4, "it's $(id)", TestParams.Mode.SLOW), 0);
    String toml = c.toToml(spec);
    String id = c.experiment().id();
    assertTrue(toml.contains("name = \"t\"\n"), toml);
    assertTrue(toml.contains("generated_id = \"" + id + "\"\n"), toml);
    assertTrue(toml.contains("trial = 0\nn_trials = 2\nseed = " + Ids.seed(id, 0) + "\n"), toml);
    assertTrue(toml.contains("conf_path = \"config/generated/t/" + id + "/0/" + id + ".toml\"\n"), toml);
    assertTrue(toml.contains("serialization_dir = \"model/generated/t/" + id + "/0\"\n"), toml);
    assertTrue(toml.contains("[params]\nlr = 1.0E-4\nnote = \"it's $(id)\"\nmode = \"SLOW\"\n"), toml);
    assertTrue(toml.contains("[slurm]\nqos = \"gpu-medium\"\ntime = \"1-00:00:00\"\ncpus = 4\ngres = \"gpu:1\"\n"), toml);
    assertTrue(toml.contains("[snapshot]\nfile = \"model.jar\"\nsize = 1234\n"), toml);
  }

  @Test
  void loadResolvesTheRootFromTheFilesLocationSoTreesCanMove(@TempDir Path elsewhere) throws IOException {
    ExperimentConfig<TestParams> c = config(spec.grid().get(3), 1);
    Path file = write(c);
    Path moved = elsewhere.resolve("moved");
    Files.createDirectories(moved);
    Files.move(root.resolve("config"), moved.resolve("config"));
    ExperimentConfig<TestParams> loaded = ExperimentConfig.load(
        moved.resolve(root.relativize(file)), spec);
    assertEquals(moved.toAbsolutePath().normalize(), loaded.experiment().root());
    assertEquals(c.experiment().withRoot(moved.toAbsolutePath()), loaded.experiment());
  }

  @Test
  void emptySlurmAndNoSnapshotRoundTrip() throws IOException {
    SweepSpec<TestParams> bare = SweepSpec.builder("t", TestParams.class, new TestParamsGrid()).trials(2).build();
    ExperimentConfig<TestParams> c = config(bare.grid().get(0), 0);
    ExperimentInfo e = c.experiment();
    ExperimentInfo plain = new ExperimentInfo(e.sweep(), e.id(), 0, 2, e.seed(), e.confDir(), e.confPath(),
        e.configJson(), e.serializationDir(), e.root(), SlurmSettings.NONE, null);
    ExperimentConfig<TestParams> p = new ExperimentConfig<>(plain, c.params());
    String toml = p.toToml(bare);
    assertTrue(!toml.contains("[slurm]") && !toml.contains("[snapshot]"), toml);
    ExperimentConfig<TestParams> loaded = ExperimentConfig.load(write(p), bare);
    assertEquals(p, loaded);
    assertNull(loaded.experiment().snapshot());
  }

  private ConfigException loadBroken(String from, String to) throws IOException {
    ExperimentConfig<TestParams> c = config(spec.grid().get(0), 0);
    Path file = write(c);
    String text = Files.readString(file);
    assertTrue(text.contains(from), text);
    Files.writeString(file, text.replace(from, to));
    return assertThrows(ConfigException.class, () -> ExperimentConfig.load(file, spec));
  }

  @Test
  void badTomlNamesFileLineAndColumn() throws IOException {
    ConfigException e = loadBroken("trial = 0\n", "trial = \n");
    assertTrue(e.getMessage().matches(".*\\.toml:4:9: not valid TOML: .*"), e.getMessage());
    assertEquals(4, e.line());
    assertEquals(9, e.column());
  }

  /** tomlj throws a NullPointerException on this; Hyper reports it as bad TOML at the line it fails by. */
  @Test
  void inputThatBreaksTheTomlParserNamesFileAndLine() throws IOException {
    ConfigException e = loadBroken("trial = 0\n", "trial = {3,#\u0000,\n");
    assertTrue(e.getMessage().endsWith(
        ".toml:4: not valid TOML: the parser failed by this line (NullPointerException in tomlj)"), e.getMessage());
    assertEquals(4, e.line());
    assertNull(e.column());
  }

  @Test
  void wrongTypeNamesKeyAndExpectedType() throws IOException {
    ConfigException e = loadBroken("trial = 0\n", "trial = \"0\"\n");
    assertTrue(e.getMessage().endsWith(".toml:4:1: 'trial': expected an integer, found a string"), e.getMessage());
    assertEquals("trial", e.key());
    ConfigException lr = loadBroken("lr = 0.001\n", "lr = true\n");
    assertTrue(lr.getMessage().endsWith("'params.lr': expected a float, found a boolean"), lr.getMessage());
  }

  @Test
  void missingAndUnknownKeysAreNamed() throws IOException {
    ConfigException missing = loadBroken("note = \"plain\"\n", "");
    assertTrue(missing.getMessage().endsWith(": 'params.note': missing; expected a string"), missing.getMessage());
    ConfigException unknown = loadBroken("note = \"plain\"\n", "note = \"plain\"\nnotes = \"x\"\n");
    assertTrue(unknown.getMessage().contains("'params.notes': unknown key; known keys here: lr, note, mode"),
        unknown.getMessage());
  }

  @Test
  void badEnumListsTheConstants() throws IOException {
    ConfigException e = loadBroken("mode = \"FAST\"\n", "mode = \"QUICK\"\n");
    assertTrue(e.getMessage().endsWith("'params.mode': 'QUICK' is not a Mode; expected one of [FAST, SLOW]"),
        e.getMessage());
  }

  @Test
  void trialOutOfRangeAndForeignSweepAreRejected() throws IOException {
    assertTrue(loadBroken("trial = 0\n", "trial = 2\n").getMessage().contains("out of range [0, 1]"));
    assertTrue(loadBroken("name = \"t\"\n", "name = \"u\"\n").getMessage()
        .contains("belongs to sweep 'u', not 't'"));
  }

  @Test
  void confPathMustMatchTheFilesLocation() throws IOException {
    ConfigException e = loadBroken("/0/", "/1/");
    assertTrue(e.getMessage().contains("'conf_path'"), e.getMessage());
  }

  /** A Latin-1 file: the first byte that is not UTF-8 is named with its line and column. */
  @Test
  void aFileThatIsNotUtf8NamesFileLineAndColumn() throws IOException {
    Path file = write(config(spec.grid().get(0), 0));
    byte[] text = Files.readAllBytes(file);
    byte[] latin1 = new byte[text.length + 7];
    System.arraycopy("# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, latin1, 0, 7);
    System.arraycopy(text, 0, latin1, 7, text.length);
    Files.write(file, latin1);
    String expected = file + ":1:6: not UTF-8 (byte 0xE9); TOML files are UTF-8";
    assertEquals(expected, assertThrows(ConfigException.class, () -> ExperimentConfig.load(file, spec)).getMessage());
    assertEquals(expected, assertThrows(ConfigException.class, () -> ExperimentConfig.sweepName(file)).getMessage());
  }
}
