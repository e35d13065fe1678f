package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random-search sweep on the real jar: the same points every time, materialized like a grid. */
class RandomSweepIT {
  @TempDir Path dir;

  @Test
  void randomSearchIsMaterializedLikeAGridAndTheManifestSaysHowPointsWereDrawn() throws Exception {
    ModelJar.Result first = ModelJar.run(dir, "sweep", "rnn-random", "--dry-run");
    ModelJar.Result second = ModelJar.run(dir, "sweep", "rnn-random", "--dry-run");
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(first.stdout(), second.stdout(), "same seed, same points, in two fresh JVMs");

    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnn-random");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> manifest = Files.readAllLines(dir.resolve("rnn-random-manifest.tsv"));
    assertTrue(manifest.contains("# points: " + new RandomParamsGrid().describe()), String.join("\n", manifest));
    assertTrue(manifest.stream().anyMatch(l -> l.startsWith("# points: random search, seed 7: 12 samples")),
        String.join("\n", manifest));
    assertEquals(12, manifest.stream().filter(l -> l.matches("\\d+\t.*")).count());
    List<String> jobs = Files.readAllLines(dir.resolve("rnn-random-jobs.sh")).stream()
        .filter(l -> l.startsWith("\"$hyper_java\" ")).toList();
    assertEquals(12, jobs.size());
  }
}
