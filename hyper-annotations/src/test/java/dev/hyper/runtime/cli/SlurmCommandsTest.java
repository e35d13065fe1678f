package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.slurm.SlurmFiles;
import dev.hyper.runtime.status.Done;
import dev.hyper.runtime.status.Failed;
import dev.hyper.runtime.status.Markers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit and status against stand-in sbatch, squeue and scontrol scripts (the real SLURM is in
 * example-model's SlurmIT): what is submitted, split and recorded, and how the queue and the markers add
 * up.
 */
class SlurmCommandsTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("toy").trials(2)
      .slurm(SlurmSettings.NONE.withQos("gpu").withMaxParallel(3)).trainer(() -> (p, e) -> { }).build());
  private Path out;
  private Path bin;

  private CliRun cli(String... args) {
    SnapshotLocator locator = spec -> {
      throw new IllegalStateException("not used");
    };
    return CliRun.of(specs, locator, args);
  }

  @BeforeEach
  void sweepAndFakeSlurm() throws Exception {
    out = tmp.resolve("out");
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    CliRun sweep = cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString());
    assertEquals(0, sweep.code(), sweep.err());
    bin = Files.createDirectories(tmp.resolve("bin"));
    script("sbatch", "echo \"$*\" >>\"$(dirname \"$0\")/sbatch.log\"\n"
        + "if [ -e \"$(dirname \"$0\")/sbatch.fail\" ]; then echo 'sbatch: error: Invalid qos specification' >&2; exit 1; fi\n"
        + "echo $(( 100 + $(wc -l <\"$(dirname \"$0\")/sbatch.log\") ))\n");
    script("scontrol", "if [ \"$1\" = show ]; then echo 'MaxArraySize            = 10'; exit 0; fi\n"
        + "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1\n");
    script("squeue", "cat \"$(dirname \"$0\")/queue\" 2>/dev/null; exit 0\n");
  }

  private void script(String name, String body) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/bash\n" + body);
    assertTrue(f.toFile().setExecutable(true));
  }

  private List<String> sbatchCalls() throws Exception {
    Path log = bin.resolve("sbatch.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void submitSplitsUnderMaxArraySizeRecordsTheJobIdsAndPrintsThem() throws Exception {
    CliRun r = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(
        "--parsable --chdir=" + out + " --array=0-9%3 --export=ALL,HYPER_TASK_OFFSET=0 " + out.resolve("toy.sbatch"),
        "--parsable --chdir=" + out + " --array=0-9%3 --export=ALL,HYPER_TASK_OFFSET=10 " + out.resolve("toy.sbatch"),
        "--parsable --chdir=" + out + " --array=0-3%3 --export=ALL,HYPER_TASK_OFFSET=20 " + out.resolve("toy.sbatch")),
        sbatchCalls(), "24 tasks, indexes below MaxArraySize 10");
    assertTrue(r.out().contains("submit toy: 24 of 24 experiments in 3 array jobs (MaxArraySize 10)"), r.out());
    assertTrue(r.out().contains("job ids: 101 102 103"), r.out());
    List<String> jobs = Files.readAllLines(out.resolve("toy-slurm-jobs.tsv"));
    assertEquals(4, jobs.size(), jobs.toString());
    assertTrue(jobs.get(3).startsWith("103\t20\t0-3%3\t4\t"), jobs.get(3));
    assertEquals(24, Files.readAllLines(out.resolve("toy-slurm-tasks.tsv")).size());
    assertTrue(Files.readString(out.resolve("toy.sbatch")).contains("#SBATCH --qos=gpu\n"));
  }

  @Test
  void statusAddsTheQueueToTheMarkersAndResubmitTakesOnlyWhatNothingRuns() throws Exception {
    assertEquals(0, cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString()).code());
    List<Task> tasks = SlurmFiles.readTasks(out, "toy");
    Files.writeString(bin.resolve("queue"), "101_0 RUNNING\n101_1 PENDING\n");
    Path done = out.resolve(tasks.get(2).serializationDir());
    Markers.writeDone(done, new Done(Provenance.now(), "t0", 1, null, List.of()));
    Path failed = out.resolve(tasks.get(3).serializationDir());
    Markers.writeFailed(failed, new Failed(Provenance.now(), "t0", 1, 1, List.of("run failed: x",
        "java.lang.IllegalStateException: loss is NaN", "\tat Trainer.train(Trainer.java:3)"), List.of()));
    Files.writeString(Files.createDirectories(out.resolve(tasks.get(4).serializationDir())).resolve("slurm-101_4.out"),
        "refusing to run x.toml: the jar is not the snapshot\n");

    CliRun status = cli("status", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertEquals(0, status.code(), status.err());
    String s = status.out();
    assertTrue(s.contains("toy in " + out + ": 24 experiments\n"), s);
    assertTrue(s.contains("  done          1\n"), s);
    assertTrue(s.contains("  failed       21\n"), s);
    assertTrue(s.contains("  running       1\n"), s);
    assertTrue(s.contains("  queued        1   (in SLURM, not started)\n"), s);
    assertTrue(s.contains("  pending       0   (never started)\n"), s);
    assertTrue(s.contains("in the queue now: 2 tasks, 1 running"), s);
    assertTrue(s.contains("  " + tasks.get(3).label() + "  exit 1: java.lang.IllegalStateException: loss is NaN"), s);
    assertTrue(s.contains("  " + tasks.get(4).label() + "  SLURM 101_4 left the queue without DONE or FAILED:"
        + " refusing to run x.toml: the jar is not the snapshot  (log "), s);
    assertTrue(s.contains("  ... and 1 more (--all lists them)"), s);
    assertTrue(s.contains("running:\n  " + tasks.get(0).label() + "  SLURM 101_0 RUNNING"), s);

    int before = sbatchCalls().size();
    CliRun again = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString(), "--failed-only");
    assertEquals(0, again.code(), again.err());
    assertEquals(List.of(
        "--parsable --chdir=" + out + " --array=3-9%3 --export=ALL,HYPER_TASK_OFFSET=0 " + out.resolve("toy.sbatch"),
        "--parsable --chdir=" + out + " --array=0-9%3 --export=ALL,HYPER_TASK_OFFSET=10 " + out.resolve("toy.sbatch"),
        "--parsable --chdir=" + out + " --array=0-3%3 --export=ALL,HYPER_TASK_OFFSET=20 " + out.resolve("toy.sbatch")),
        sbatchCalls().subList(before, sbatchCalls().size()), "not the running (0), queued (1) or done (2) ones");
    assertTrue(again.out().contains("job ids: 104 105 106"), again.out());
    assertTrue(again.out().contains("21 of 24 experiments in 3 array jobs (MaxArraySize 10); 2 running or queued"
        + " now, skipped"), again.out());

    // the failed ones are now queued in the new jobs: status says so, and nothing is left to submit
    StringBuilder queue = new StringBuilder("101_0 RUNNING\n101_1 PENDING\n");
    for (int i = 3; i < 10; i++) {
      queue.append("104_").append(i).append(" PENDING\n");
    }
    for (int i = 0; i < 10; i++) {
      queue.append("105_").append(i).append(" PENDING\n");
    }
    for (int i = 0; i < 4; i++) {
      queue.append("106_").append(i).append(" PENDING\n");
    }
    Files.writeString(bin.resolve("queue"), queue.toString());
    CliRun queued = cli("status", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertTrue(queued.out().contains("  queued       22   (in SLURM, not started)\n"), queued.out());
    assertTrue(queued.out().contains("  failed        0\n"), queued.out());
    CliRun nothing = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertEquals(0, nothing.code(), nothing.err());
    assertTrue(nothing.out().contains("nothing to submit: 1 of 24 done; 23 running or queued now, skipped"),
        nothing.out());
  }

  @Test
  void aFailingSbatchIsAnErrorAndNothingIsRecordedForIt() throws Exception {
    Files.writeString(bin.resolve("sbatch.fail"), "");
    CliRun r = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().contains("sbatch: error: Invalid qos specification"), r.err());
    assertTrue(r.err().contains("0 of 3 array jobs were submitted"), r.err());
    assertFalse(Files.exists(out.resolve("toy-slurm-jobs.tsv")));
    assertFalse(r.out().contains("submitted job"), r.out());
  }

  @Test
  void dryRunPrintsTheCommandsAndWritesNothing() throws Exception {
    String tasks = Files.readString(out.resolve("toy-slurm-tasks.tsv"));   // the sweep wrote it with the manifest
    CliRun r = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString(), "--dry-run",
        "--max-array-size", "100", "--max-parallel", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("'sbatch' '--parsable' '--chdir=" + out + "' '--array=0-23'"
        + " '--export=ALL,HYPER_TASK_OFFSET=0' '" + out.resolve("toy.sbatch") + "'\n"), r.out());
    assertEquals(List.of(), sbatchCalls());
    assertFalse(Files.exists(out.resolve("toy.sbatch")));
    assertEquals(tasks, Files.readString(out.resolve("toy-slurm-tasks.tsv")));
  }

  @Test
  void execSubmitAndStatusExplainThemselvesWithoutTheTestOptions() {
    for (String c : List.of("exec", "submit", "status")) {
      CliRun r = cli(c, "--help");
      assertEquals(0, r.code(), c);
      assertTrue(r.out().startsWith("Usage: java -jar model.jar " + c), r.out());
      assertFalse(r.out().contains("--slurm-bin"), r.out());
      assertFalse(r.out().contains("--java"), r.out());
    }
    assertTrue(cli("--help").out().contains("  submit "));
    assertTrue(cli("exec", "--help").out().contains("--failed-only"));
    assertTrue(cli("submit", "--help").out().contains("--max-array-size=N"));
  }

  @Test
  void badOptionsAreOneLineErrors() {
    CliRun jobs = cli("exec", "toy", "--out", out.toString(), "--jobs", "0");
    assertEquals(2, jobs.code());
    assertEquals("exec: --jobs must be at least 1, was 0\n", jobs.err());
    CliRun both = cli("exec", "toy", "--out", out.toString(), "--failed-only", "--rerun-all");
    assertEquals(2, both.code());
    assertEquals("exec: --failed-only and --rerun-all exclude each other\n", both.err());
    CliRun max = cli("submit", "toy", "--out", out.toString(), "--max-array-size", "0");
    assertEquals(2, max.code());
    assertEquals("submit: --max-array-size must be at least 1, was 0\n", max.err());
  }

  @Test
  void withoutExperimentsTheCommandsSayHowToWriteThem() {
    CliRun r = cli("status", "toy", "--out", tmp.resolve("empty").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("no experiments of sweep 'toy' under "), r.err());
    assertTrue(r.err().contains("java -jar model.jar sweep toy --out "), r.err());
    CliRun unknown = cli("exec", "tyo", "--out", tmp.resolve("empty").toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown sweep 'tyo'; known sweeps: toy"), unknown.err());
  }
}
