package dev.hyper.example;

import static dev.hyper.example.Experiments.fast;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.example.Experiments.Exp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlParseResult;

/**
 * Training that is stopped and resumed ends with the bytes of training that never stopped, on the real
 * model.jar: SIGTERM at a random epoch (a clean stop: checkpoint, INTERRUPTED, exit 3), and SIGKILL at
 * a random moment (perhaps while a checkpoint is saved, perhaps while a step is logged).
 */
class ResumeIT {
  @TempDir static Path tmp;
  static String metrics;
  static byte[] model;
  static int epochs;
  static final long SEED = System.nanoTime();
  static final Random RANDOM = new Random(SEED);

  /** The uninterrupted run everything is compared with. */
  @BeforeAll
  static void uninterrupted() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("whole"));
    Experiments.sweep(dir);
    Exp e = Experiments.find(dir, fast(0.001));
    ModelJar.Result r = e.run();
    assertEquals(0, r.exitCode(), r.toString());
    metrics = Experiments.metricsWithoutTimings(e.serializationDir().resolve("metrics.json"));
    model = Files.readAllBytes(e.serializationDir().resolve("model.bin"));
    epochs = (int) r.stdout().lines().filter(l -> l.startsWith("epoch ")).count();
    assertTrue(epochs >= 4, "enough epochs to stop in the middle: " + r);
    assertEquals(epochs, Files.readAllLines(e.serializationDir().resolve("metrics.jsonl")).size());
  }

  /** Starts {@code run} of {@code e}; returns the process and its output lines as they come. */
  private static Process start(Exp e, List<String> lines) throws Exception {
    // epochs of at least 0.4 s (which changes no result): a stop after epoch k always finds the run still training
    Process p = new ProcessBuilder(ModelJar.java(), "-D" + RnnTrainer.EPOCH_SECONDS + "=0.4", "-jar",
        e.snapshot().toString(), "run",
        e.root().relativize(e.toml()).toString()).directory(e.root().toFile()).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (Exception ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private static void awaitEpochs(List<String> lines, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    synchronized (lines) {
      while (lines.stream().filter(l -> l.startsWith("epoch ")).count() < n) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "no epoch " + n + " within 2 minutes: " + lines);
        lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  private static void assertSameAsUninterrupted(Exp e) throws Exception {
    assertEquals(metrics, Experiments.metricsWithoutTimings(e.serializationDir().resolve("metrics.json")), "seed " + SEED);
    assertArrayEquals(model, Files.readAllBytes(e.serializationDir().resolve("model.bin")), "seed " + SEED);
    TomlParseResult done = Experiments.toml(e.serializationDir().resolve("DONE"));
    assertEquals(Experiments.sha256(e.serializationDir().resolve("metrics.json")), done.getString("metrics_sha256"));
  }

  @Test
  void sigtermAtARandomEpochCheckpointsAndTheResumedRunEndsWithTheSameBytes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("term"));
    Experiments.sweep(dir);
    Exp e = Experiments.find(dir, fast(0.001));
    int at = 1 + RANDOM.nextInt(epochs - 2);
    List<String> lines = new ArrayList<>();
    Process p = start(e, lines);
    awaitEpochs(lines, at);
    p.toHandle().destroy();                     // SIGTERM (Process.destroy would also close its output)
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(3, p.exitValue(), "seed " + SEED + ", SIGTERM after epoch " + at + ": " + lines);
    TomlParseResult interrupted = Experiments.toml(e.serializationDir().resolve("INTERRUPTED"));
    assertEquals("TERM", interrupted.getString("signal"));
    long step = interrupted.getLong("step");
    assertTrue(step >= at - 1 && step < epochs - 1, "checkpoint at step " + step + " after SIGTERM at epoch " + at);
    assertTrue(Files.notExists(e.serializationDir().resolve("metrics.json")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);   // the reader thread drains the output
    synchronized (lines) {
      while (lines.stream().noneMatch(l -> l.startsWith("interrupted: experiment " + e.id()))
          && System.nanoTime() < deadline) {
        lines.wait(100);
      }
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("interrupted: experiment " + e.id())), lines.toString());
    }

    ModelJar.Result resumed = e.run();
    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertTrue(resumed.stdout().contains("resuming after epoch " + step), resumed.toString());
    assertTrue(Files.notExists(e.serializationDir().resolve("INTERRUPTED")));
    assertSameAsUninterrupted(e);
    assertEquals(epochs, Files.readAllLines(e.serializationDir().resolve("metrics.jsonl")).size(),
        "each epoch logged once");
  }

  @Test
  void sigkillAtARandomMomentLeavesAnUsableCheckpointAndATornLogLineIsSkipped() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("kill"));
    Experiments.sweep(dir);
    Exp e = Experiments.find(dir, fast(0.001));
    int at = 1 + RANDOM.nextInt(epochs - 2);
    List<String> lines = new ArrayList<>();
    Process p = start(e, lines);
    awaitEpochs(lines, at);
    Thread.sleep(RANDOM.nextInt(200));                              // anywhere in the next epoch, or a save
    p.destroyForcibly();                                            // SIGKILL
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    Path log = e.serializationDir().resolve("metrics.jsonl");
    Files.writeString(log, "{\"step\": 99, \"train_lo", java.nio.file.StandardOpenOption.APPEND); // a torn line
    try (Stream<Path> checkpoints = Files.list(e.serializationDir().resolve("checkpoints"))) {
      assertTrue(checkpoints.anyMatch(c -> c.getFileName().toString().startsWith("step-")),
          "a complete checkpoint survives SIGKILL after epoch " + at);
    }

    ModelJar.Result resumed = e.run();
    assertEquals(0, resumed.exitCode(), "seed " + SEED + ": " + resumed);
    assertTrue(resumed.stdout().contains("resuming after epoch "), resumed.toString());
    assertSameAsUninterrupted(e);
    ModelJar.Result results = ModelJar.run(dir, "results", "rnn", "--top", "1");
    assertEquals(0, results.exitCode(), results.toString());
  }
}
