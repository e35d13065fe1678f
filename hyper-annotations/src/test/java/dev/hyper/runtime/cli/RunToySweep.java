package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.status.ExperimentFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that start from sweep {@code toy} (four experiments, each writing {@code accuracy = lr}) swept into
 * {@code out} and every experiment run, in this JVM, with the jar of {@link dev.hyper.runtime.TestJars#modelJar}.
 */
abstract class RunToySweep {
  @TempDir Path tmp;
  final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("toy", TestParams.class, new TestParamsGrid(new double[] {0.1, 0.2}, new String[] {"a"}))
          .template("jsonnet/test_model.jsonnet")
          .trainer(() -> (p, e) -> e.writeMetrics(Map.of("accuracy", p.lr()))).build());
  Path jar;
  Path out;
  /** The experiments' TOML files, by id. */
  List<Path> tomls;

  /** Sweeps under {@code tmp/out} with a jar in {@code tmp/build}, and runs every experiment. */
  @BeforeEach
  void sweepAndRunAll() throws Exception {
    jar = dev.hyper.runtime.TestJars.modelJar(tmp.resolve("build/model.jar"));   // with the template
    out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()).code());
    tomls = ExperimentFiles.ofSweep(out, "toy");
    assertEquals(4, tomls.size());
    for (Path toml : tomls) {
      CliRun r = cli("run", toml.toString());
      assertEquals(0, r.code(), r.err());
    }
  }

  /** The experiment id of the experiment whose TOML is {@code toml}. */
  static String idOf(Path toml) {
    return toml.getParent().getParent().getFileName().toString();
  }

  /** The {@code metrics.json} its run wrote, for the experiment whose TOML is {@code toml} (trial 0). */
  Path metricsOf(Path toml) {
    return out.resolve("model/generated/toy").resolve(idOf(toml)).resolve("0/metrics.json");
  }

  CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }
}
