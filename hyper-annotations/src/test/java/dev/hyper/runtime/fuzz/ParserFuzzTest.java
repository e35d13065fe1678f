package dev.hyper.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.sweepfile.Override;
import dev.hyper.runtime.sweepfile.SetArgument;
import dev.hyper.runtime.sweepfile.SweepFile;
import dev.hyper.runtime.sweepfile.SweepFileException;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sweep files, {@code --set} and experiment TOML files from arbitrary input: each either reads or fails
 * with Hyper's own error, whose every problem names where it is; no other exception, no hang (each input
 * has 10 seconds), no OOM. A normal test run replays the inputs under
 * {@code src/test/resources/dev/hyper/runtime/fuzz/ParserFuzzTestInputs/} (seeds and every input a
 * fuzzing run found failing). To fuzz one parser for its {@code maxDuration}, with tomlj instrumented too
 * (JUnit's own timeout would time the whole run; Jazzer applies the 10 seconds to each input):
 *
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_INSTRUMENT='dev.hyper.**,org.tomlj.**' mvn -B -pl hyper-annotations test \
 *     -Dtest='ParserFuzzTest#sweepFile' -Djunit.jupiter.execution.timeout.mode=disabled
 * </pre>
 */
class ParserFuzzTest {
  private static final SweepSpec<FuzzParams> SPEC = FuzzParams.sweep();
  private static final Path DIR = tempDir();
  /** Where an experiment file must be for its {@code conf_path = "config/generated/fuzz/f.toml"}. */
  private static final Path EXPERIMENT = DIR.resolve("config/generated/fuzz/f.toml");
  private static final Path SWEEP_FILE = DIR.resolve("sweep.toml");

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("hyper-fuzz");
      Files.createDirectories(dir.resolve("config/generated/fuzz"));
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Parse {
    void run() throws Exception;
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void sweepFile(byte[] bytes) throws Exception {
    Files.write(SWEEP_FILE, bytes);
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    onlyHyperErrors(text, SWEEP_FILE.toString(), () -> SweepFile.read(SWEEP_FILE, SPEC));
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void setArgument(FuzzedDataProvider data) throws Exception {
    String argument = data.consumeRemainingAsString();
    onlyHyperErrors(argument, "--set ", () -> SetArgument.parse(argument, SPEC));
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void experimentToml(byte[] bytes) throws Exception {
    Files.write(EXPERIMENT, bytes);
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    onlyHyperErrors(text, EXPERIMENT.toString(), () -> {
      ExperimentConfig.load(EXPERIMENT, SPEC);
      ExperimentConfig.sweepName(EXPERIMENT);
    });
  }

  /** The seeds read without error, so fuzzing starts from inputs that reach every table. */
  @Test
  void seedsAreValid() throws Exception {
    Path inputs = Path.of(ParserFuzzTest.class.getResource("ParserFuzzTestInputs").toURI());
    Files.copy(inputs.resolve("sweepFile/seed-every-table.toml"), SWEEP_FILE, StandardCopyOption.REPLACE_EXISTING);
    Override o = SweepFile.read(SWEEP_FILE, SPEC);
    assertEquals(List.of(0.5, 0.001, 2.0), o.values().get("lr"));
    assertEquals(List.of(10L, 16L), o.values().get("steps"));
    assertEquals(List.of(128, 256), o.values().get("hiddenDim"));
    assertEquals(List.of("fixed \"q\"\n\u2028"), o.values().get("note"));
    Files.copy(inputs.resolve("experimentToml/seed-complete.toml"), EXPERIMENT, StandardCopyOption.REPLACE_EXISTING);
    assertEquals("a \"q\" \u2028", ExperimentConfig.load(EXPERIMENT, SPEC).params().note());
    try (var seeds = Files.list(inputs.resolve("setArgument"))) {
      for (Path seed : seeds.filter(f -> f.getFileName().toString().startsWith("seed-")).toList()) {
        SetArgument.parse(Files.readString(seed), SPEC);
      }
    }
  }

  /**
   * Runs {@code parse}; lets through only Hyper's errors, each problem starting with {@code where} and,
   * when the input has no line break of its own to echo, on one line.
   */
  private static void onlyHyperErrors(String input, String where, Parse parse) throws Exception {
    List<String> problems;
    try {
      parse.run();
      return;
    } catch (SweepFileException e) {
      problems = e.problems();
    } catch (ConfigException | HyperException e) {
      problems = List.of(e.getMessage());
    }
    assertFalse(problems.isEmpty());
    for (String p : problems) {
      assertTrue(p.startsWith(where), p);
      if (!hasLineBreak(input)) {
        assertFalse(hasLineBreak(p), p);
      }
    }
  }

  private static boolean hasLineBreak(String s) {
    return s.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85 || c == 0x2028
        || c == 0x2029);
  }
}
