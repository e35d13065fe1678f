package dev.hyper.runtime.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.cli.HyperCli;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Failed;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunClaim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run protocol on its own: how a run ends, what it marks, and what it tells its listener. */
class ExperimentRunnerTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(
      TestSweeps.builder("ok").trainer(() -> (p, e) -> e.writeMetrics(Map.of("accuracy", 0.5))).build(),
      TestSweeps.builder("throws").trainer(() -> (p, e) -> {
        throw new IllegalStateException("loss is NaN");
      }).build(),
      TestSweeps.builder("silent").trainer(() -> (p, e) -> { }).build());

  private final List<String> warnings = new ArrayList<>();
  private final RunListener listener = new RunListener() {
    @Override
    public void forced(List<String> problems) {
      warnings.add("forced " + problems);
    }

    @Override
    public void notAPoint(String sweep) {
      warnings.add("not a point of " + sweep);
    }

    @Override
    public void environment(String warning) {
      warnings.add(warning);
    }

    @Override
    public void noMetrics(Path dir) {
      warnings.add("no metrics in " + dir.getFileName());
    }
  };

  private Path jar;

  /** The first experiment of sweep {@code name}, swept from the test's jar. */
  private Path sweep(String name) throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve(name);
    StringWriter err = new StringWriter();
    int code = HyperCli.run(new String[] {"sweep", name, "--out", out.toString(), "--jar", jar.toString()}, specs,
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(0, code, err.toString());
    try (Stream<Path> files = Files.walk(out.resolve("config/generated/" + name))) {
      return files.filter(f -> f.toString().endsWith(".toml")).sorted().findFirst().orElseThrow();
    }
  }

  private ExperimentRunner runner() {
    return new ExperimentRunner(this::find, spec -> Program.ofJar(jar), List.of("run"));
  }

  private SweepSpec<?> find(String name) throws HyperException {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new HyperException("unknown sweep '" + name + "'"));
  }

  private static Path dir(Path toml, String sweep) throws Exception {
    return new ExperimentRun(ExperimentConfig.load(toml, TestSweeps.builder(sweep).build()).experiment())
        .serializationDir();
  }

  @Test
  void aRunIsDoneOnceAndThenAlreadyDone() throws Exception {
    Path toml = sweep("ok");
    RunOutcome first = runner().run(toml, new RunOptions(false, false, -1), listener);
    assertInstanceOf(RunOutcome.Done.class, first);
    assertEquals(ExitCodes.OK, first.exitCode());
    assertFalse(((RunOutcome.Done) first).forced());
    assertTrue(((RunOutcome.Done) first).experiment().startsWith("experiment "), first.toString());
    assertEquals(ExperimentStatus.DONE, Markers.status(dir(toml, "ok")));
    assertEquals(List.of(), warnings);

    assertInstanceOf(RunOutcome.AlreadyDone.class, runner().run(toml, new RunOptions(false, false, -1), listener));
    assertInstanceOf(RunOutcome.Done.class, runner().run(toml, new RunOptions(false, true, -1), listener), "rerun");
  }

  @Test
  void aClaimedExperimentIsLeftAlone() throws Exception {
    Path toml = sweep("ok");
    Path dir = dir(toml, "ok");
    Files.createDirectories(dir);
    try (RunClaim held = RunClaim.claim(dir)) {
      RunOutcome busy = runner().run(toml, new RunOptions(false, false, -1), listener);
      assertInstanceOf(RunOutcome.Busy.class, busy);
      assertEquals(ExitCodes.BUSY, busy.exitCode());
      assertTrue(((RunOutcome.Busy) busy).holder().contains("(this process)"), busy.toString());
    }
    assertEquals(ExperimentStatus.PENDING, Markers.status(dir));
  }

  @Test
  void aThrowingTrainerIsFailedWithItsOwnPartOfTheStackTrace() throws Exception {
    Path toml = sweep("throws");
    RunOutcome outcome = runner().run(toml, new RunOptions(false, false, -1), listener);
    assertInstanceOf(RunOutcome.Failed.class, outcome);
    assertEquals(ExitCodes.FAILED, outcome.exitCode());
    String report = ((RunOutcome.Failed) outcome).report();
    assertTrue(report.startsWith("run failed: experiment ") && report.lines().findFirst().orElseThrow()
        .endsWith("java.lang.IllegalStateException: loss is NaN"), report);
    List<String> frames = report.lines().filter(l -> l.startsWith("\tat ")).toList();
    assertEquals(1, frames.size(), "cut below the trainer: " + report);
    assertTrue(frames.get(0).contains("ExperimentRunnerTest.lambda$"), report);
    Failed failed = Markers.read(dir(toml, "throws")).failed().orElseThrow();
    assertEquals(ExitCodes.FAILED, failed.exitCode());
    assertEquals(report.lines().toList(), failed.error().subList(failed.error().size() - (int) report.lines().count(),
        failed.error().size()), "the marker ends with the report");
  }

  @Test
  void aTrainerThatWritesNoMetricsIsDoneWithAWarning() throws Exception {
    Path toml = sweep("silent");
    Path dir = dir(toml, "silent");
    assertInstanceOf(RunOutcome.Done.class, runner().run(toml, new RunOptions(false, false, -1), listener));
    assertEquals(List.of("no metrics in " + dir.getFileName()), warnings);
  }

  @Test
  void aMissingExperimentIsAnError() throws Exception {
    Path toml = tmp.resolve("nope.toml");
    HyperException e = org.junit.jupiter.api.Assertions.assertThrows(HyperException.class,
        () -> runner().run(toml, new RunOptions(false, false, -1), listener));
    assertEquals("no such experiment file: " + toml, e.getMessage());
  }
}
