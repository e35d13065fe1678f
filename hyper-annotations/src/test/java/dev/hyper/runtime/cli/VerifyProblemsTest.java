package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What {@code verify SWEEP} says of an experiment whose run's {@code metrics.json} changed after it finished, and of
 * one whose {@code model.jar} is gone or is not a file: one line each, the others ok.
 */
class VerifyProblemsTest extends RunToySweep {
  @Test
  void aMetricsFileChangedAfterItsRunDiffers() throws Exception {
    Path toml = tomls.get(1);
    Path metrics = metricsOf(toml);
    String recorded = Sha256.of(metrics);
    Files.writeString(metrics, "{\"accuracy\": 0.99}\n");
    CliRun r = cli("verify", "toy", "--out", out.toString());
    assertEquals("DIFFERS  " + toml + ": metrics.json changed after the run finished (SHA-256 "
        + Sha256.of(metrics).substring(0, 12) + "..., DONE records " + recorded.substring(0, 12) + "...)\n"
        + "verify: 4 experiments, 3 ok, 1 differs\n", r.out());
    assertEquals(1, r.code());

    Files.delete(metrics);
    assertEquals("DIFFERS  " + toml + ": metrics.json is missing, though the run finished (DONE)\n"
        + "verify: 4 experiments, 3 ok, 1 differs\n", cli("verify", "toy", "--out", out.toString()).out());
  }

  @Test
  void aModelJarGoneOrADirectoryIsMissing() throws Exception {
    Path gone = tomls.get(0).resolveSibling("model.jar");
    Files.delete(gone);
    Path dir = tomls.get(2).resolveSibling("model.jar");
    Files.delete(dir);
    Files.createDirectory(dir);
    CliRun r = cli("verify", "toy", "--out", out.toString(), "--threads", "2");
    assertEquals("DIFFERS  " + tomls.get(0) + ": model.jar is missing\n"
        + "DIFFERS  " + tomls.get(2) + ": model.jar is missing\n"
        + "verify: 4 experiments, 2 ok, 2 differ\n", r.out());
    assertEquals(1, r.code());
  }
}
