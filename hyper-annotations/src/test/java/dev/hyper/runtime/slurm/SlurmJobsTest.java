package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmJobsTest {
  @TempDir Path root;

  @Test
  void arraySpecsAreReadBackAsTheirIndexes() {
    assertEquals(List.of(0, 1, 2, 3, 7, 9, 10), SlurmJobs.parseIndexes("0-3,7,9-10%2"));
    assertEquals(List.of(5), SlurmJobs.parseIndexes("5"));
    assertEquals(List.of(0, 4, 8), SlurmJobs.parseIndexes("0-9:4"));
    ArrayChunk chunk = ArrayChunk.split(List.of(3L, 4L, 5L, 8L, 12L, 13L), 10).get(0);
    assertEquals(List.of(3, 4, 5, 8), SlurmJobs.parseIndexes(chunk.arraySpec(3)), "what submit writes, read back");
  }

  @Test
  void submissionsAreAppendedAndReadBackOldestFirst() throws Exception {
    assertEquals(List.of(), SlurmJobs.read(root, "rnn"));
    SlurmJobs.Submission a = new SlurmJobs.Submission("101", 0, "0-9%2", 10, "2026-01-01T00:00:00Z");
    SlurmJobs.Submission b = new SlurmJobs.Submission("102", 10, "0-3", 4, "2026-01-01T00:00:01Z");
    SlurmJobs.append(root, "rnn", a);
    SlurmJobs.append(root, "rnn", b);
    assertEquals(List.of(a, b), SlurmJobs.read(root, "rnn"));
    assertEquals(List.of(SlurmJobs.HEADER, "101\t0\t0-9%2\t10\t2026-01-01T00:00:00Z",
        "102\t10\t0-3\t4\t2026-01-01T00:00:01Z"), Files.readAllLines(root.resolve("rnn-slurm-jobs.tsv")));
    assertEquals("102_3", b.arrayTaskId(13));
    try (var files = Files.list(root)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void aPackedSubmissionKeepsItsLinesPerTaskAndMapsLinesToItsArrayTasks() throws Exception {
    SlurmJobs.Submission one = new SlurmJobs.Submission("101", 0, "0-9", 10, "2026-01-01T00:00:00Z");
    SlurmJobs.Submission packed = new SlurmJobs.Submission("102", 10, "0-2,5", 4, "2026-01-01T00:00:01Z", 4);
    SlurmJobs.append(root, "rnn", one);
    SlurmJobs.append(root, "rnn", packed);
    assertEquals(List.of(one, packed), SlurmJobs.read(root, "rnn"));
    assertEquals(List.of(SlurmJobs.HEADER, "101\t0\t0-9\t10\t2026-01-01T00:00:00Z",
        "102\t10\t0-2,5\t4\t2026-01-01T00:00:01Z\t4"), Files.readAllLines(root.resolve("rnn-slurm-jobs.tsv")),
        "one line per task stays five fields, as before");
    assertEquals(60, packed.firstLine(5), "index 5 is array task 15: lines 60 to 63");
    assertEquals("102_5", packed.arrayTaskId(63));
    assertEquals("102_0", packed.arrayTaskId(40));
    assertEquals(1, one.perTask());
  }

  @Test
  void aPerTaskBelowOneIsAnErrorNamingTheLine() throws Exception {
    Files.writeString(root.resolve("rnn-slurm-jobs.tsv"), SlurmJobs.HEADER + "\n101\t0\t0-3\t4\tt\t0\n");
    IOException e = assertThrows(IOException.class, () -> SlurmJobs.read(root, "rnn"));
    assertEquals(root.resolve("rnn-slurm-jobs.tsv") + ":2: not a submission (per_task must be at least 1, was 0):"
        + " 101\t0\t0-3\t4\tt\t0", e.getMessage());
  }

  @Test
  void aDamagedRecordIsAnErrorNamingTheLine() throws Exception {
    Files.writeString(root.resolve("rnn-slurm-jobs.tsv"), SlurmJobs.HEADER + "\n101\t0\tzero\t1\tt\n");
    IOException e = assertThrows(IOException.class, () -> SlurmJobs.read(root, "rnn"));
    assertTrue(e.getMessage().contains("rnn-slurm-jobs.tsv:2"), e.getMessage());
  }
}
