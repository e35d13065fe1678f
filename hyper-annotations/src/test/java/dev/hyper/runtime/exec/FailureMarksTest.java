package dev.hyper.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.status.Done;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Failed;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunClaim;
import dev.hyper.runtime.status.Started;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What exec records of the runs it starts: each attempt's start in the log, FAILED for a run that left no marker. */
class FailureMarksTest {
  @TempDir Path root;

  private final List<String> problems = new ArrayList<>();
  private final ExecRun.Listener listener = new ExecRun.Listener() {
    @Override
    public void started(Task task) {}

    @Override
    public void finished(Task task, int exitCode, double seconds) {}

    @Override
    public void interrupted(ExecRun.Interruption what) {}

    @Override
    public void cannotMark(Task task, IOException e) {
      problems.add(task.label() + ": " + e.getMessage());
    }
  };

  private Task task;

  @BeforeEach
  void task() {
    task = new Task(root, Path.of("config/generated/s/abc/0/abc.toml"), Path.of("model/generated/s/abc/0"));
  }

  private Path dir() {
    return task.root().resolve(task.serializationDir());
  }

  private void log(String... lines) throws IOException {
    Files.writeString(task.log(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void aRunThatLeftNoMarkerIsFailedWithItsExitCodeAndTheEndOfThisAttemptsLog() throws Exception {
    FailureMarks marks = new FailureMarks(List.of("--rerun"), listener);
    marks.begin(task);
    log("first attempt's output");
    marks.begin(task);
    log("refusing to run it");
    List<String> lines = Files.readAllLines(task.log());
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.get(2).startsWith(FailureMarks.ATTEMPT) && lines.get(2).endsWith(": run "
        + task.confPath() + " --rerun"), lines.get(2));

    assertTrue(marks.record(task, 2, 1.5, false));
    Failed failed = Markers.read(dir()).failed().orElseThrow();
    assertEquals(2, failed.exitCode());
    assertEquals(List.of("refusing to run it"), failed.error(), "only this attempt's part of the log");
    assertFalse(marks.record(task, 1, 1, false), "a marker is there now");
    assertEquals(List.of(), problems);
  }

  @Test
  void aRunsOwnMarkerIsKept() throws Exception {
    FailureMarks marks = new FailureMarks(List.of(), listener);
    Files.createDirectories(dir());
    Markers.writeDone(dir(), new Done(Provenance.now(), "t0", 1, null, List.of()));
    assertFalse(marks.record(task, 1, 1, false));
    assertEquals(ExperimentStatus.DONE, Markers.status(dir()));
  }

  @Test
  void interruptedOnlyARunThatStartedTrainingIsMarked() throws Exception {
    FailureMarks marks = new FailureMarks(List.of(), listener);
    marks.begin(task);
    assertFalse(marks.record(task, FailureMarks.INTERRUPTED_BY_EXEC, 0, true), "never started training");
    assertEquals(ExperimentStatus.PENDING, Markers.status(dir()));

    Provenance env = Provenance.capture(null, List.of("run"));
    Markers.writeStarted(dir(), new Started("s", "abc", 0, Markers.hostName(), 1, null, null, env, List.of()));
    assertTrue(marks.record(task, 143, 0, true));
    Failed failed = Markers.read(dir()).failed().orElseThrow();
    assertEquals(FailureMarks.INTERRUPTED_BY_EXEC, failed.exitCode());
    assertEquals("interrupted by exec", failed.error().get(failed.error().size() - 1));
  }

  @Test
  void nothingIsWrittenWhileAnotherRunHoldsTheClaim() throws Exception {
    FailureMarks marks = new FailureMarks(List.of(), listener);
    Files.createDirectories(dir());
    try (RunClaim held = RunClaim.claim(dir())) {
      assertFalse(marks.record(task, 1, 1, false));
    }
    assertEquals(ExperimentStatus.PENDING, Markers.status(dir()));
    assertTrue(marks.record(task, 1, 1, false), "once it is released");
  }
}
