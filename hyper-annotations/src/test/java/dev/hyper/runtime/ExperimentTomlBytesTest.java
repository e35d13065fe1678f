package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.Goal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment TOML, byte for byte, with every table and every kind of value it writes. */
class ExperimentTomlBytesTest {
  private static final String ID = "abc123def456";
  private static final SlurmSettings SLURM = new SlurmSettings("gpu", "1-00:00:00", "p", 4, "8G", "gpu:1", 3, 60, 5);
  private final SweepSpec<TestParams> spec = SweepSpec.builder("t", TestParams.class, new TestParamsGrid())
      .trials(2).slurm(SLURM).halving(new HalvingSettings("acc", Goal.MAX, "epoch", 1, 27, 3)).build();

  @TempDir Path root;

  private ExperimentConfig<TestParams> config(Provenance provenance) {
    Path dir = Path.of("config/generated/t", ID, "1");
    ExperimentInfo info = new ExperimentInfo("t", ID, 1, 2, -42, dir, dir.resolve(ID + ".toml"),
        dir.resolve(ID + ".json"), Path.of("model/generated/t", ID, "1"), root, SLURM,
        new ExperimentInfo.Snapshot("model.jar", 1234, "ab".repeat(32), "a.Main",
            new JavaRuntime("17.0.9", "Debian", "/usr/lib/jvm/j"), List.of("-Xmx8g", "-Dx=\"y\"")), provenance);
    return new ExperimentConfig<>(info, new TestParams(1.0E-4, "it's \"q\" \\ \n\t\u001b\u007f \u00e9",
        TestParams.Mode.SLOW));
  }

  private static final Provenance PROVENANCE = new Provenance("2026-01-02T03:04:05.678Z", "'java' '-jar' 'a b.jar'",
      "/home/me", "17.0.9", "Debian", "Linux", "6.1", "amd64", "0123456789abcdef0123456789abcdef01234567", true,
      "2026-01-01T00:00:00Z", List.of("config a.toml sha256=00", "set lr=1"));

  private static final String EXPECTED = """
      # Experiment abc123def456, trial 1 of sweep t, written by Hyper. Paths are relative to the directory \
      holding config/ and model/.
      name = "t"
      generated_id = "abc123def456"
      trial = 1
      n_trials = 2
      seed = -42
      conf_dir = "config/generated/t/abc123def456/1"
      conf_path = "config/generated/t/abc123def456/1/abc123def456.toml"
      config_json = "config/generated/t/abc123def456/1/abc123def456.json"
      serialization_dir = "model/generated/t/abc123def456/1"

      [params]
      lr = 1.0E-4
      note = "it's \\"q\\" \\\\ \\n\\t\\u001B\\u007F \u00e9"
      mode = "SLOW"

      [slurm]
      qos = "gpu"
      time = "1-00:00:00"
      partition = "p"
      cpus = 4
      mem = "8G"
      gres = "gpu:1"
      max_parallel = 3
      signal = 60
      max_requeues = 5

      [halving]
      metric = "acc"
      goal = "max"
      resource = "epoch"
      min = 1
      max = 27
      reduction = 3

      [snapshot]
      file = "model.jar"
      size = 1234
      sha256 = "abababababababababababababababababababababababababababababababab"
      main_class = "a.Main"
      java_version = "17.0.9"
      java_vendor = "Debian"
      java_home = "/usr/lib/jvm/j"

      [jvm]
      args = ["-Xmx8g", "-Dx=\\"y\\""]

      [provenance]
      created = "2026-01-02T03:04:05.678Z"
      command_line = "'java' '-jar' 'a b.jar'"
      working_dir = "/home/me"
      java_version = "17.0.9"
      java_vendor = "Debian"
      os_name = "Linux"
      os_version = "6.1"
      os_arch = "amd64"
      git_commit = "0123456789abcdef0123456789abcdef01234567"
      git_dirty = true
      build_time = "2026-01-01T00:00:00Z"
      overrides = ["config a.toml sha256=00", "set lr=1"]
      """;

  @Test
  void everyTableIsWrittenAsBefore() throws IOException {
    ExperimentConfig<TestParams> c = config(PROVENANCE);
    String toml = c.toToml(spec);
    assertEquals(EXPECTED, toml);
    Path file = root.resolve(c.experiment().confPath());
    Files.createDirectories(file.getParent());
    Files.writeString(file, toml);
    assertEquals(c, ExperimentConfig.load(file, spec));
  }

  @Test
  void theSameExperimentIsTheSameDataWhateverItsProvenanceAndSpelling() {
    String toml = config(PROVENANCE).toToml(spec);
    String none = config(null).toToml(spec);
    assertTrue(ExperimentConfig.sameExceptProvenance(toml, none));
    String respelled = none.replace("name = \"t\"\n", "").replace("seed = ", "name = 't'\nseed = ")
        .replace("mode = \"SLOW\"\n", "").replace("[params]\n", "[params]\n\"mode\" = 'SLOW'\n")
        .replace("[slurm]\n", "# another comment\n[slurm]\n") + "\n[provenance]\nanything = 1\n";
    assertTrue(ExperimentConfig.sameExceptProvenance(toml, respelled), respelled);
    assertFalse(ExperimentConfig.sameExceptProvenance(toml, none.replace("cpus = 4", "cpus = 5")));
    assertFalse(ExperimentConfig.sameExceptProvenance(toml, none.replace("size = 1234", "size = 1234.0")));
    assertFalse(ExperimentConfig.sameExceptProvenance(toml, none + "extra = 1\n"));
    assertFalse(ExperimentConfig.sameExceptProvenance(toml, none.replace("trial = 1", "trial = ")), "not TOML");
    assertTrue(ExperimentConfig.sameExceptProvenance("trial = ", "trial = "), "not TOML: the same text only");
    assertFalse(ExperimentConfig.sameExceptProvenance("trial = \n# a", "trial = \n# b"), "not TOML: no data");
  }

  /** The tables after the params are written once per set of objects and kept: never those of other objects. */
  @Test
  void theSharedTablesAreThoseOfEachExperimentsOwnObjects() {
    Provenance other = new Provenance("2027-01-01T00:00:00Z", "'java'", "/elsewhere", "17.0.9", "Debian", "Linux",
        "6.1", "amd64", null, null, null, List.of());
    Provenance equal = new Provenance(PROVENANCE.created(), PROVENANCE.commandLine(), PROVENANCE.workingDir(),
        PROVENANCE.javaVersion(), PROVENANCE.javaVendor(), PROVENANCE.osName(), PROVENANCE.osVersion(),
        PROVENANCE.osArch(), PROVENANCE.gitCommit(), PROVENANCE.gitDirty(), PROVENANCE.buildTime(),
        PROVENANCE.overrides());
    assertEquals(EXPECTED, config(PROVENANCE).toToml(spec));
    String second = config(other).toToml(spec);
    assertTrue(second.contains("working_dir = \"/elsewhere\"\n") && !second.contains("/home/me"), second);
    assertEquals(EXPECTED, config(equal).toToml(spec));
    assertEquals(EXPECTED.substring(0, EXPECTED.indexOf("\n[provenance]")), config(null).toToml(spec));
    SweepSpec<TestParams> noHalving = SweepSpec.builder("t", TestParams.class, new TestParamsGrid()).trials(2)
        .slurm(SLURM).build();
    assertFalse(config(PROVENANCE).toToml(noHalving).contains("[halving]"));
    assertEquals(EXPECTED, config(PROVENANCE).toToml(spec));
  }
}
