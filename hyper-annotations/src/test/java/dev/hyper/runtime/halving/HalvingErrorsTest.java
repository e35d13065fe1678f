package dev.hyper.runtime.halving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyper.Goal;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.HalvingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error paths of successive halving at run time, each with its exact message. */
class HalvingErrorsTest {
  @TempDir Path tmp;

  private String halvingError(String table) throws IOException {
    Path toml = tmp.resolve("e.toml");
    Files.writeString(toml, "name = \"s\"\n\n[halving]\n" + table);
    return assertThrows(IOException.class, () -> ExperimentConfig.halving(toml)).getMessage()
        .replace(toml.toString(), "e.toml");
  }

  @Test
  void aBadHalvingTableInAnExperimentToml() throws Exception {
    String good = "metric = \"acc\"\ngoal = \"max\"\nresource = \"epoch\"\nmin = 1\nmax = 27\nreduction = 3\n";
    assertEquals(new HalvingSettings("acc", Goal.MAX, "epoch", 1, 27, 3),
        ExperimentConfig.halving(Files.writeString(tmp.resolve("g.toml"), "[halving]\n" + good)).orElseThrow());
    assertEquals("e.toml:10:1: 'halving.eta': unknown key; known keys here: metric, goal, resource, min, max,"
        + " reduction", halvingError(good + "eta = 3\n"));
    assertEquals("e.toml:5:1: 'halving.goal': expected \"min\" or \"max\"", halvingError(good.replace("\"max\"",
        "\"up\"")));
    assertEquals("e.toml:8:1: 'halving.max': max 1 must be more than min 1", halvingError(good.replace("max = 27",
        "max = 1")));
    assertEquals("e.toml:9:1: 'halving.reduction': 1 is out of range [2, 2147483647]", halvingError(
        good.replace("reduction = 3", "reduction = 1")));
  }

  @Test
  void aRungWithoutTheMetricIsAnError() throws Exception {
    HalvingRun run = HalvingRun.open(new HalvingSettings("acc", Goal.MAX, "epoch", 1, 27, 3), tmp, "s", "abc", 0);
    run.logged(0, Map.of("loss", 1.0));                              // no resource: not a rung
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run.logged(1, Map.of("epoch", 3, "loss", 1.0)));
    assertEquals("successive halving: step 1 reached rung 1 (epoch 3 >= 3) but logged no number 'acc'; log the"
        + " metric in the same call as the resource", e.getMessage());
  }

  @Test
  void aBrokenRungFileIsNamed() throws Exception {
    RungFiles files = new RungFiles(tmp, "s");
    Files.createDirectories(files.dir(0));
    Files.writeString(files.dir(0).resolve("abc-0"), "experiment = \"abc\"\ntrial = 0\n");
    assertEquals(files.dir(0).resolve("abc-0") + ": 'rung': missing; expected an integer",
        assertThrows(IOException.class, () -> files.records(0)).getMessage());
    Files.writeString(files.dir(0).resolve("abc-0"), "experiment = \n");
    assertEquals(files.dir(0).resolve("abc-0") + ": not a valid rung file: ",
        assertThrows(IOException.class, () -> files.records(0)).getMessage().replaceAll("file: .*", "file: "));
    Files.writeString(files.dir(0).resolve("abc-0.decision"), "experiment = \"abc\"\ntrial = 0\ndecision = \"maybe\"\n");
    assertEquals(files.dir(0).resolve("abc-0.decision") + ": 'decision': expected \"continue\" or \"stop\", found"
        + " \"maybe\"", assertThrows(IOException.class, () -> files.decisions(0)).getMessage());
  }
}
