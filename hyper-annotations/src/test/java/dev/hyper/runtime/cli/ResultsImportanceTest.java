package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.status.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter importance on a synthetic sweep whose metric depends on lr alone, points ranked over their
 * trials (--by point), and the same numbers as JSON.
 */
class ResultsImportanceTest {
  @TempDir Path tmp;

  private static final TestParamsGrid GRID = new TestParamsGrid(new double[] {0.1, 0.01, 0.001, 0.0001},
      new String[] {"a", "b", "c"});

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("synthetic", TestParams.class, GRID).template("jsonnet/test_model.jsonnet").trials(2)
          .trainer(() -> ResultsImportanceTest::train).build());

  /** The loss is log10(lr), plus a trial's small noise: note and mode do not matter at all. */
  private static void train(TestParams p, Experiment e) throws Exception {
    e.writeMetrics(Map.of("loss", Math.log10(p.lr()) + 0.001 * e.trial()));
  }

  private Path jar;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  private Path trained() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model");
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "synthetic", "--out", out.toString()).code());
    for (Path toml : ExperimentFiles.ofSweep(out, "synthetic")) {
      assertEquals(0, cli("run", toml.toString()).code());
    }
    return out;
  }

  @Test
  void theOneParameterThatMattersExplainsTheVarianceAndRanksFirst() throws Exception {
    Path out = trained();
    Path json = tmp.resolve("r.json");
    CliRun r = cli("results", "synthetic", "--out", out.toString(), "--metric", "loss", "--goal", "min", "--json",
        json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\nbest point:      -3.9995 +- 7.071e-04 [-4.0000..-3.9990] (n=2)  "), r.out());
    List<String> lines = r.out().lines().toList();
    int at = lines.indexOf("importance (the share of loss's variance each parameter's marginal explains: functional"
        + " ANOVA main effects):");
    assertTrue(at > 0, r.out());
    assertTrue(lines.get(at + 1).matches("  lr\\s+100\\.0%  #{30}"), lines.get(at + 1));
    assertTrue(lines.get(at + 2).matches("  (note|mode)\\s+0\\.0%  "), lines.get(at + 2));

    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals("lr", doc.get("importance").get(0).get("param").asText());
    assertTrue(doc.get("importance").get(0).get("share").asDouble() > 0.9999, doc.get("importance").toString());
    assertTrue(doc.get("importance").get(1).get("share").asDouble() < 1e-4, doc.get("importance").toString());
    assertEquals("min", doc.get("goal").asText());
    assertEquals(48, doc.get("experiments").size());
    assertEquals(24, doc.get("points").size());
    JsonNode best = doc.get("points").get(0);
    assertEquals(0.0001, best.get("params").get("lr").asDouble());
    assertEquals(2, best.get("n").asInt());
    assertEquals(-4 + 0.0005, best.get("mean").asDouble(), 1e-12);
    assertEquals(-4.0, best.get("min").asDouble(), 1e-12);
    assertEquals(-4 + 0.001, best.get("max").asDouble(), 1e-12);
  }

  @Test
  void byPointRanksPointsByTheirMeanOverTrials() throws Exception {
    Path out = trained();
    CliRun r = cli("results", "synthetic", "--out", out.toString(), "--metric", "loss", "--goal", "min", "--by", "point",
        "--top", "2");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("sweep synthetic: 24 points; loss over each point's trials, lower is better (--goal min)", lines.get(0));
    assertTrue(lines.get(2).matches("rank\\s+id\\s+lr\\s+note\\s+mode\\s+n\\s+mean\\s+std\\s+min\\s+max"), lines.get(2));
    assertTrue(lines.get(3).matches("1\\s+[0-9a-f]{12}\\s+1\\.0E-4\\s+\\S+\\s+\\S+\\s+2/2\\s+-3\\.9995\\s+.*"), lines.get(3));
    assertEquals("... 22 more (without --top: all)", lines.get(5));
    CliRun bad = cli("results", "synthetic", "--out", out.toString(), "--by", "trial");
    assertEquals(new CliRun(2, "", "results: --by takes experiment or point, found 'trial'\n"), bad);
  }

  @Test
  void anInterruptedExperimentIsARowOfItsOwn() throws Exception {
    Path out = trained();
    Path toml = ExperimentFiles.ofSweep(out, "synthetic").get(0);
    Path dir = out.resolve(dev.hyper.runtime.ExperimentConfig.load(toml, specs.get(0)).experiment().serializationDir());
    Files.delete(dir.resolve("DONE"));
    dev.hyper.runtime.status.Markers.writeInterrupted(dir,
        new dev.hyper.runtime.status.Interrupted("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", 1.0, "TERM", 3));
    CliRun r = cli("results", "synthetic", "--out", out.toString(), "--metric", "loss", "--goal", "min");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("sweep synthetic: 48 experiments, 47 DONE, 1 INTERRUPTED;"), r.out());
  }
}
