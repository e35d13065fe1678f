package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.ManifestRow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * results reads a sweep a row at a time and keeps a few numbers per experiment: what it prints and writes is
 * what the report held whole in memory wrote (the files in {@code results/old-reports}, written by that code
 * from {@link ResultsFixture}'s directory), --top K is the first K rows of the full ranking, and a point's
 * trials count wherever the manifest lists them.
 */
class ResultsStreamingTest {
  @TempDir static Path tmp;
  private static Path out;
  private static Path reports;

  @BeforeAll
  static void build() throws Exception {
    out = ResultsFixture.build(tmp);
    reports = Files.createDirectories(tmp.resolve("reports"));
    ResultsFixture.reports(out, reports);
  }

  private static String expected(String name) throws Exception {
    try (InputStream in = ResultsStreamingTest.class.getResourceAsStream("/dev/hyper/runtime/results/old-reports/"
        + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static CliRun results(String... args) {
    List<String> all = new ArrayList<>(List.of("results", ResultsFixture.SWEEP, "--out", out.toString()));
    all.addAll(List.of(args));
    CliRun r = ResultsFixture.cli(tmp.resolve("build/model.jar"), all.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return r;
  }

  @Test
  void everyReportIsByteForByteWhatTheReportHeldInMemoryWrote() throws Exception {
    for (String name : ResultsFixture.REPORTS.keySet()) {
      assertEquals(expected(name), Files.readString(reports.resolve(name), StandardCharsets.UTF_8), name);
    }
  }

  /** Each table row's cells (the widths differ between a table of K rows and one of all). */
  private static List<List<String>> rows(String report) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : report.lines().toList()) {
      if (line.matches("(\\d+|-) +[0-9a-f]{12} .*")) {
        rows.add(List.of(line.split(" {2,}")));
      }
    }
    return rows;
  }

  @Test
  void topKIsTheFirstKRowsOfTheFullRankingWithTiesAndMissingMetrics() {
    for (String goal : new String[] {"max", "min"}) {
      List<List<String>> all = rows(results("--metric", "score", "--goal", goal).out());
      assertEquals(36, all.size());
      assertTrue(all.stream().anyMatch(r -> r.get(0).equals("-") && r.get(6).equals("DONE")), "DONE without score");
      for (int k : new int[] {1, 2, 3, 5, 10, 26, 27, 35, 36, 40}) {
        String top = results("--metric", "score", "--goal", goal, "--top", Integer.toString(k)).out();
        assertEquals(all.subList(0, Math.min(k, 36)), rows(top), goal + " --top " + k);
        assertEquals(k < 36, top.contains("\n... " + (36 - k) + " more (without --top: all)\n"), top);
      }
      List<List<String>> points = rows(results("--metric", "score", "--goal", goal, "--by", "point").out());
      assertEquals(18, points.size());
      for (int k : new int[] {1, 4, 17, 18, 19}) {
        assertEquals(points.subList(0, Math.min(k, 18)), rows(results("--metric", "score", "--goal", goal,
            "--by", "point", "--top", Integer.toString(k)).out()), goal + " --by point --top " + k);
      }
    }
  }

  @Test
  void aPointCountsItsTrialsWhereverTheManifestListsThem() throws Exception {
    List<ManifestRow> rows = new ArrayList<>();
    ManifestFile.read(out, ResultsFixture.SWEEP).orElseThrow().forEachRow(rows::add);
    assertEquals(rows.get(0).id(), rows.get(18).id(), "trial 1 of the first point is 18 rows after its trial 0");
    assertEquals(List.of(0, 1), List.of(rows.get(0).trial(), rows.get(18).trial()));
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    Map<String, Integer> trials = new HashMap<>();
    for (ManifestRow r : rows) {
      trials.merge(r.id(), 1, Integer::sum);
      scores.computeIfAbsent(r.id(), k -> new ArrayList<>());
      Path metrics = out.resolve(r.serializationDir(ResultsFixture.SWEEP)).resolve("metrics.json");
      Path done = metrics.resolveSibling("DONE");
      if (Files.exists(done) && Files.exists(r.confPath().isAbsolute() ? r.confPath() : out.resolve(r.confPath()))) {
        JsonConfig json = JsonConfig.read(metrics);
        if (json.has("score")) {
          scores.get(r.id()).add(json.getDouble("score"));
        }
      }
    }
    Path file = tmp.resolve("points.json");
    results("--metric", "score", "--goal", "max", "--by", "point", "--json", file.toString());
    JsonNode points = new ObjectMapper().readTree(file.toFile()).get("points");
    assertEquals(18, points.size());
    for (JsonNode p : points) {
      String id = p.get("id").asText();
      List<Double> s = scores.get(id);
      assertEquals(trials.get(id), p.get("trials").asInt(), id);
      assertEquals(s.size(), p.get("n").asInt(), id);
      if (!s.isEmpty()) {
        double mean = s.stream().mapToDouble(Double::doubleValue).sum() / s.size();
        assertEquals(mean, p.get("mean").asDouble(), 1e-15, id);
        assertEquals(s.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), p.get("min").asDouble(), id);
        assertEquals(s.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), p.get("max").asDouble(), id);
      }
    }
    String byPoint = results("--metric", "score", "--goal", "max", "--by", "point").out();
    assertTrue(byPoint.contains("  2/2  0.6750  0.0707  0.6250  0.7250\n"), byPoint);
  }
}
