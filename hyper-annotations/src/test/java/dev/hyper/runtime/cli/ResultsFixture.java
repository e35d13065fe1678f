package dev.hyper.runtime.cli;

import dev.hyper.Goal;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.manifest.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished sweep directory with what a report has to get right: ties in the metric, DONE experiments without
 * it, a FAILED, PENDING and MISSING experiment, a metrics.json changed after its run, values with commas and
 * quotes, and points whose second trials a later sweep appended at the end of the manifest. The same
 * directory every time (ids, metrics and the manifest's rows are fixed), so reports of it can be compared with
 * files.
 */
final class ResultsFixture {
  static final String SWEEP = "fix";
  /** The reports {@link #reports} writes, by file name: the arguments after {@code results fix --out OUT}. */
  static final Map<String, List<String>> REPORTS = new LinkedHashMap<>();

  static {
    List<String> rank = List.of("--metric", "score", "--goal", "max");
    REPORTS.put("table.txt", rank);
    REPORTS.put("top5.txt", plus(rank, "--top", "5"));
    REPORTS.put("points.txt", plus(rank, "--by", "point"));
    REPORTS.put("points-top4.txt", plus(rank, "--by", "point", "--top", "4"));
    REPORTS.put("min.txt", List.of("--metric", "score", "--goal", "min"));
    REPORTS.put("results.csv", plus(rank, "--top", "1", "--csv", "FILE"));
    REPORTS.put("results.json", plus(rank, "--top", "1", "--json", "FILE"));
    REPORTS.put("results.html", plus(rank, "--top", "1", "--html", "FILE"));
    REPORTS.put("min.json", List.of("--metric", "score", "--goal", "min", "--top", "1", "--json", "FILE"));
  }

  private static List<String> plus(List<String> a, String... more) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  static final List<SweepSpec<?>> SPECS = List.of(
      SweepSpec.builder(SWEEP, TestParams.class, new TestParamsGrid(new double[] {0.1, 0.01, 0.001},
              new String[] {"plain", TestParamsGrid.TRICKY, "a,b"}))
          .template("jsonnet/test_model.jsonnet").metric("score", Goal.MAX)
          .trainer(() -> ResultsFixture::train).build());

  /** Ties across lr; no score for plain SLOW; lr 0.001 TRICKY FAST fails in its second trial. */
  private static void train(TestParams p, Experiment e) throws Exception {
    if (p.note().equals("plain") && p.mode() == TestParams.Mode.SLOW) {
      e.writeMetrics(Map.of("other", 1.0));
      return;
    }
    if (p.lr() == 0.001 && p.note().equals(TestParamsGrid.TRICKY) && p.mode() == TestParams.Mode.FAST
        && e.trial() == 1) {
      throw new IllegalStateException("diverged");
    }
    double score = (p.mode() == TestParams.Mode.FAST ? 0.5 : 0.25) + (p.note().equals("a,b") ? 0.125 : 0)
        + 0.1 * e.trial() + (p.lr() == 0.01 ? 0.1 / 3 : 0);
    e.writeMetrics(Map.of("score", score, "step", 10L));
  }

  private ResultsFixture() {}

  static CliRun cli(Path jar, String... args) {
    return CliRun.of(SPECS, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  /** Sweeps, runs and edits the directory under {@code tmp}; its output directory. */
  static Path build(Path tmp) throws Exception {
    Path jar = dev.hyper.runtime.TestJars.modelJar(tmp.resolve("build/model.jar"));
    Path out = tmp.resolve("out");
    check(cli(jar, "sweep", SWEEP, "--out", out.toString(), "--jar", jar.toString()));
    runAll(jar, out);
    check(cli(jar, "sweep", SWEEP, "--out", out.toString(), "--jar", jar.toString(), "--set", "n_trials=2"));
    List<Path> tomls = new ArrayList<>();
    ManifestFile.read(out, SWEEP).orElseThrow().forEachRow(r -> tomls.add(out.resolve(r.confPath())));
    int trial1 = 0;
    for (Path toml : tomls.subList(18, tomls.size())) {
      trial1++;
      if (trial1 == 4 || trial1 == 11) {
        continue;                                     // PENDING
      }
      if (trial1 == 7) {
        Files.delete(toml);                           // MISSING
        continue;
      }
      CliRun r = cli(jar, "run", toml.toString());
      if (r.code() != 0 && !r.err().contains("diverged")) {
        throw new AssertionError(r.err());
      }
    }
    ExperimentConfig<?> changed = ExperimentConfig.load(tomls.get(3), SPECS.get(0));
    Files.writeString(out.resolve(changed.experiment().serializationDir()).resolve("metrics.json"),
        "{\"score\": 0.75}\n", StandardCharsets.UTF_8);
    return out;
  }

  private static void runAll(Path jar, Path out) throws Exception {
    List<Path> tomls = new ArrayList<>();
    ManifestFile.read(out, SWEEP).orElseThrow().forEachRow(r -> tomls.add(out.resolve(r.confPath())));
    for (Path toml : tomls) {
      CliRun r = cli(jar, "run", toml.toString());
      if (r.code() != 0) {
        throw new AssertionError(r.err());
      }
    }
  }

  private static void check(CliRun r) {
    if (r.code() != 0) {
      throw new AssertionError(r.err());
    }
  }

  /** Writes each of {@link #REPORTS} of the directory {@code out} into {@code dir}. */
  static void reports(Path out, Path dir) throws Exception {
    Path jar = dev.hyper.runtime.TestJars.modelJar(dir.resolve("build/model.jar"));
    for (Map.Entry<String, List<String>> e : REPORTS.entrySet()) {
      List<String> args = new ArrayList<>(List.of("results", SWEEP, "--out", out.toString()));
      Path file = dir.resolve(e.getKey());
      for (String a : e.getValue()) {
        args.add(a.equals("FILE") ? file.toString() : a);
      }
      CliRun r = cli(jar, args.toArray(String[]::new));
      check(r);
      if (!e.getValue().contains("FILE")) {
        Files.writeString(file, r.out(), StandardCharsets.UTF_8);
      }
    }
  }
}
