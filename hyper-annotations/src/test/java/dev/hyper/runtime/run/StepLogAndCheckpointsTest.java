package dev.hyper.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Experiment.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step metrics that survive a torn line, and checkpoints that are whole or absent. */
class StepLogAndCheckpointsTest {
  @TempDir Path dir;

  @Test
  void aTornLineIsSkippedEndedByTheNextAppendAndAStepLoggedAgainKeepsItsLastLine() throws Exception {
    StepLog.append(dir, 0, "t0", Map.of("loss", 1.5));
    StepLog.append(dir, 1, "t1", Map.of("loss", 1.25));
    Files.writeString(dir.resolve(StepLog.FILE), "{\"step\": 2, \"lo", StandardOpenOption.APPEND);   // kill -9
    StepLog.Read torn = StepLog.read(dir);
    assertEquals(List.of(0L, 1L), torn.steps().stream().map(StepLog.Step::step).toList());
    assertEquals(1, torn.skipped());

    StepLog.append(dir, 1, "t1'", Map.of("loss", 1.0));           // resumed from the checkpoint of step 0
    StepLog.append(dir, 2, "t2", Map.of("loss", 0.5, "note", "x"));
    StepLog.Read read = StepLog.read(dir);
    assertEquals(1, read.skipped());
    assertEquals(List.of(new StepLog.Step(0, "t0", Map.of("loss", 1.5)), new StepLog.Step(1, "t1'", Map.of("loss", 1.0)),
        new StepLog.Step(2, "t2", Map.of("loss", 0.5, "note", "x"))), read.steps());
    assertEquals(5, Files.readAllLines(dir.resolve(StepLog.FILE)).size(), "the torn line ended by a newline");
    assertEquals(new StepLog.Read(List.of(), 0), StepLog.read(dir.resolve("none")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepLog.append(dir, 3, "t", Map.of("step", 3)));
    assertEquals("log: 'step' and 'time' are the log's own keys; name the metric otherwise", e.getMessage());
  }

  @Test
  void checkpointsAreWholeOrAbsentAndTheTwoNewestAreKept() throws Exception {
    Path cps = dir.resolve(Checkpoints.DIR);
    assertEquals(java.util.Optional.empty(), Checkpoints.latest(cps));
    for (long step : new long[] {1, 2, 3}) {
      Checkpoints.save(cps, step, d -> Files.writeString(d.resolve("w.bin"), "weights " + step));
    }
    assertEquals(List.of(2L, 3L), Checkpoints.list(cps).stream().map(Checkpoint::step).toList());

    // a save killed half-way leaves its temporary directory: never the latest, removed by the next save
    Files.createDirectories(cps.resolve(".step-4.tmp"));
    Files.writeString(cps.resolve(".step-4.tmp/w.bin"), "half");
    Checkpoint latest = Checkpoints.latest(cps).orElseThrow();
    assertEquals(3, latest.step());
    assertEquals("weights 3", Files.readString(latest.dir().resolve("w.bin")));

    // a save whose writer fails leaves the previous one as the latest
    assertThrows(IOException.class, () -> Checkpoints.save(cps, 4, d -> {
      Files.writeString(d.resolve("w.bin"), "partial");
      throw new IOException("disk full");
    }));
    assertEquals(3, Checkpoints.latest(cps).orElseThrow().step());

    Checkpoints.save(cps, 5, d -> Files.writeString(d.resolve("w.bin"), "weights 5"));
    try (Stream<Path> left = Files.list(cps)) {
      assertEquals(List.of("step-3", "step-5"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.isDirectory(Checkpoints.latest(cps).orElseThrow().dir()));
  }
}
