package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.Required;
import dev.hyper.runtime.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code verify SWEEP} says of an experiment whose run's {@code metrics.json} changed after it finished (also
 * where its TOML moved the run out of its standard directory), of one whose {@code model.jar} is gone or is not a
 * regular file, and of one with a file that cannot be read: one line each, the others checked and ok.
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
  @Timeout(120)
  void aModelJarGoneADirectoryOrAFifoIsMissing() throws Exception {
    Path gone = tomls.get(0).resolveSibling("model.jar");
    Files.delete(gone);
    Path dir = tomls.get(2).resolveSibling("model.jar");
    Files.delete(dir);
    Files.createDirectory(dir);
    Path fifo = tomls.get(3).resolveSibling("model.jar");            // a read of it would never end
    Files.delete(fifo);
    assertEquals(0, new ProcessBuilder(Required.tool("mkfifo").toString(), fifo.toString()).start().waitFor());
    CliRun r = cli("verify", "toy", "--out", out.toString(), "--threads", "2");
    assertEquals("DIFFERS  " + tomls.get(0) + ": model.jar is missing\n"
        + "DIFFERS  " + tomls.get(2) + ": model.jar is missing\n"
        + "DIFFERS  " + tomls.get(3) + ": model.jar is missing\n"
        + "verify: 4 experiments, 1 ok, 3 differ\n", r.out());
    assertEquals(1, r.code());
  }

  @Test
  void aRunMovedOutOfItsStandardDirectoryIsStillChecked() throws Exception {
    Path toml = tomls.get(1);
    String id = idOf(toml);
    Path point = out.resolve("model/generated/toy").resolve(id);
    Path moved = Files.createDirectories(out.resolve("model/elsewhere")).resolve(id);
    Files.move(point, moved);                          // its point has no serialization directory where verify looks
    String text = Files.readString(toml);
    Files.writeString(toml, text.replace("serialization_dir = \"model/generated/toy/" + id + "/0\"",
        "serialization_dir = \"model/elsewhere/" + id + "/0\""));
    Path metrics = moved.resolve("0/metrics.json");
    String recorded = Sha256.of(metrics);
    Files.writeString(metrics, "{\"accuracy\": 0.99}\n");
    String line = "DIFFERS  " + toml + ": metrics.json changed after the run finished (SHA-256 "
        + Sha256.of(metrics).substring(0, 12) + "..., DONE records " + recorded.substring(0, 12) + "...)\n";
    assertEquals(line, cli("verify", toml.toString()).out().lines().findFirst().orElseThrow() + "\n");
    assertEquals(line + "verify: 4 experiments, 3 ok, 1 differs\n", cli("verify", "toy", "--out", out.toString()).out());
  }

  @Test
  void aFileThatCannotBeReadIsNamedAndTheOthersAreStillChecked() throws Exception {
    Path jar = tomls.get(0).resolveSibling("model.jar");
    Files.delete(jar);
    Files.createSymbolicLink(jar, Path.of("/proc/self/mem"));        // a regular file whose read fails (EIO)
    Path metrics = metricsOf(tomls.get(2));
    Files.delete(metrics);
    Files.createSymbolicLink(metrics, Path.of("/proc/self/mem"));
    CliRun r = cli("verify", "toy", "--out", out.toString());
    assertEquals("DIFFERS  " + tomls.get(0) + ": cannot read model.jar or its class-path entries: Input/output error\n"
        + "DIFFERS  " + tomls.get(2) + ": cannot read metrics.json: Input/output error\n"
        + "verify: 4 experiments, 2 ok, 2 differ\n", r.out());
    assertEquals(1, r.code());
  }
}
