package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config} and {@code --set} on the real model.jar. */
class SweepFileIT {
  @TempDir Path dir;

  private Path seedToml() throws Exception {
    Path toml = dir.resolve("rnn.toml");
    if (Files.notExists(toml)) {
      try (var in = getClass().getClassLoader().getResourceAsStream("rnn.toml")) {
        Files.copy(in, toml);
      }
    }
    return toml;
  }

  private static List<String> points(String dryRunOutput) {
    return dryRunOutput.lines().filter(l -> l.matches("\\d+  [0-9a-f]{12}  \\d+  .*")).toList();
  }

  @Test
  void theSeedsSweepFilePreviewsTheAnnotatedSeventyTwoPoints() throws Exception {
    ModelJar.Result annotated = ModelJar.run(dir, "sweep", "rnn", "--dry-run");
    ModelJar.Result fromFile = ModelJar.run(dir, "sweep", "rnn", "--dry-run", "--config", seedToml().toString());
    assertEquals(0, fromFile.exitCode(), fromFile.toString());
    assertEquals(72, points(fromFile.stdout()).size());
    assertEquals(points(annotated.stdout()), points(fromFile.stdout()));
  }

  @Test
  void setNarrowsTheSweepAndComposesAfterTheFile() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnn", "--config", seedToml().toString(),
        "--set", "hidden_dim=100,300", "--set", "nHiddenLayers=1", "--set", "params.dropout=0.2",
        "--set", "lr=0.001", "--set", "hidden_dim=100", "--out", "runs");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> jobs = Files.readAllLines(dir.resolve("runs/rnn-jobs.sh")).stream()
        .filter(l -> l.startsWith("\"$hyper_java\" ")).toList();
    assertEquals(1, jobs.size(), "the last --set hidden_dim wins: " + jobs);
    try (Stream<Path> files = Files.walk(dir.resolve("runs/config/generated/rnn"))) {
      Path toml = files.filter(f -> f.toString().endsWith(".toml")).findFirst().orElseThrow();
      RnnParamsConfig config = RnnParamsConfig.load(toml);
      assertEquals(new RnnParams(0.001, 0.2, 100, 1), config.params());
      String text = Files.readString(toml);
      assertTrue(text.contains("sha256=" + sha256(seedToml())), "the sweep file's hash is recorded:\n" + text);
      assertTrue(text.contains("set hidden_dim=100,300"), text);
    }
    List<String> manifest = Files.readAllLines(dir.resolve("runs/rnn-manifest.tsv"));
    assertEquals(List.of("# override: config " + seedToml() + " sha256=" + sha256(seedToml()),
            "# override: set hidden_dim=100,300", "# override: set nHiddenLayers=1",
            "# override: set params.dropout=0.2", "# override: set lr=0.001", "# override: set hidden_dim=100"),
        manifest.stream().filter(l -> l.startsWith("# override: ")).toList());
  }

  @Test
  void badOverridesAreOneLineEachExitTwoAndWriteNothing() throws Exception {
    Path bad = dir.resolve("bad.toml");
    Files.writeString(bad, "model = \"rnn\"\n[hyper]\n\"params.hiden_dim\" = [100]\n\"params.dropout\" = [\"0.5\"]\n"
        + "[params]\nlr = []\n[slurm]\ntime = \"tomorrow\"\n");
    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnn", "--config", bad.toString(), "--set", "lr=1.5.0",
        "--out", "runs");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(List.of(
            bad + ":3:1: 'params.hiden_dim' is not a parameter of this sweep. Did you mean 'hidden_dim'?",
            bad + ":4:21: 'params.dropout': expected a double, found the string \"0.5\"",
            bad + ":6:1: 'lr': expected a double, found a list",
            bad + ":8:1: slurm time 'tomorrow' is not a SLURM time. Use M, M:S, H:M:S, D-H, D-H:M or D-H:M:S,"
                + " e.g. '1-00:00:00' or '90'.",
            "--set lr=1.5.0: 'lr': expected a double, found '1.5.0'"),
        r.stderr().lines().toList());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing written");
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
