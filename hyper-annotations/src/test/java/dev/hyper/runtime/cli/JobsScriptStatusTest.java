package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.status.Markers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments started by {@code bash SWEEP-jobs.sh}, plain or {@code --slurm}, as status, exec and submit
 * see them: driven through bash with stand-in java, sbatch and squeue.
 */
class JobsScriptStatusTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("toy").trials(2)
      .slurm(SlurmSettings.NONE.withQos("gpu")).trainer(() -> (p, e) -> { }).build());
  private Path out;
  private Path bin;
  private Path jar;

  private CliRun cli(String... args) {
    SnapshotLocator locator = spec -> {
      throw new IllegalStateException("not used");
    };
    return CliRun.of(specs, locator, args);
  }

  @BeforeEach
  void fakes() throws Exception {
    out = tmp.resolve("out");
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String fifo : List.of("ready", "go")) {
      assertEquals(0, new ProcessBuilder("mkfifo", bin.resolve(fifo).toString()).start().waitFor());
    }
    // java: the first call says it is ready and waits for go; the others return at once
    script("java", "echo \"$*\" >>\"$(dirname \"$0\")/java.log\"\n"
        + "if [ ! -e \"$(dirname \"$0\")/first\" ]; then : >\"$(dirname \"$0\")/first\";"
        + " echo ready >\"$(dirname \"$0\")/ready\"; read -r go <\"$(dirname \"$0\")/go\"; fi\n");
    script("sbatch", "n=$(( $(cat \"$(dirname \"$0\")/count\" 2>/dev/null || echo 0) + 1 ))\n"
        + "echo $n >\"$(dirname \"$0\")/count\"; echo \"$(( 500 + n ));cluster\"\n");
    script("squeue", "cat \"$(dirname \"$0\")/queue\" 2>/dev/null; exit 0\n");
    script("scontrol", "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1\n");
  }

  private void script(String name, String body) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/bash\n" + body);
    assertTrue(f.toFile().setExecutable(true));
  }

  private Process jobsScript() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", out.resolve("toy-jobs.sh").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("script.out").toFile());
    pb.environment().put("HYPER_JAVA", bin.resolve("java").toString());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    return pb.start();
  }

  /** Waits until the first experiment's (stand-in) java runs, by reading what it writes into the fifo. */
  private void awaitFirstRun() throws Exception {
    assertEquals("ready\n", Files.readString(bin.resolve("ready")));
  }

  private void release() throws Exception {
    Files.writeString(bin.resolve("go"), "go\n");
  }

  @Test
  void whileThePlainJobsScriptRunsItsExperimentsAreQueuedAndNeitherExecNorSubmitTakesThem() throws Exception {
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()).code());
    Process script = jobsScript();
    awaitFirstRun();

    CliRun status = cli("status", "toy", "--out", out.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("  queued       24   (in SLURM, not started)\n"), status.out());
    assertTrue(status.out().contains("  pending       0   (never started)\n"), status.out());
    String since = Files.readString(out.resolve("toy-jobs.running").resolve(Markers.hostName() + "-" + script.pid()))
        .strip().split("\t")[2];
    assertTrue(status.out().contains("jobs script toy-jobs.sh: running, pid " + script.pid() + " on "
        + Markers.hostName() + " since " + since + "; the experiments it has not run yet count as queued\n"),
        status.out());
    CliRun submit = cli("submit", "toy", "--out", out.toString(), "--dry-run", "--max-array-size", "10", "--slurm-bin",
        bin.toString());
    assertEquals("submit toy: nothing to submit: 0 of 24 done; 24 running or queued now, skipped\n", submit.out());
    CliRun exec = cli("exec", "toy", "--out", out.toString());
    assertEquals("exec toy: nothing to run: 0 of 24 done, 0 failed, 0 never started; 24 running or queued"
        + " elsewhere, skipped (see status)\n", exec.out());

    release();
    assertTrue(script.waitFor(1, TimeUnit.MINUTES), "the jobs script did not end");
    assertEquals(0, script.exitValue(), Files.readString(tmp.resolve("script.out")));
    assertEquals(24, Files.readAllLines(bin.resolve("java.log")).size());
    CliRun after = cli("status", "toy", "--out", out.toString());
    assertTrue(after.out().contains("  pending      24   (never started)\n"), after.out()); // the stand-in wrote nothing
    assertFalse(after.out().contains("jobs script"), after.out());
  }

  @Test
  void aJobsScriptKilledWithMinusNineNoLongerCounts() throws Exception {
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()).code());
    Process script = jobsScript();
    awaitFirstRun();
    script.destroyForcibly();
    assertTrue(script.waitFor(1, TimeUnit.MINUTES));
    release(); // the orphaned stand-in java ends too
    assertTrue(Files.exists(out.resolve("toy-jobs.running").resolve(Markers.hostName() + "-" + script.pid())),
        "kill -9 leaves the record behind");
    CliRun status = cli("status", "toy", "--out", out.toString());
    assertTrue(status.out().contains("  pending      24   (never started)\n"), status.out());
    assertFalse(status.out().contains("jobs script"), status.out());
  }

  @Test
  void theSlurmJobsScriptRecordsEachJobSoStatusAndSubmitSeeThemQueued() throws Exception {
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString(), "--slurm").code());
    Process script = jobsScript();
    assertTrue(script.waitFor(1, TimeUnit.MINUTES));
    String printed = Files.readString(tmp.resolve("script.out"));
    assertEquals(0, script.exitValue(), printed);
    assertTrue(printed.startsWith("Submitted batch job 501 (config/generated/toy/"), printed);
    List<String> jobs = Files.readAllLines(out.resolve("toy-slurm-jobs.tsv"));
    assertEquals(25, jobs.size(), jobs.toString());
    StringBuilder queue = new StringBuilder("501 RUNNING\n");
    for (int id = 502; id <= 524; id++) {
      queue.append(id).append(" PENDING\n");
    }
    Files.writeString(bin.resolve("queue"), queue);

    CliRun status = cli("status", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("  running       1\n"), status.out());
    assertTrue(status.out().contains("  queued       23   (in SLURM, not started)\n"), status.out());
    assertTrue(status.out().contains("SLURM: 24 jobs in toy-slurm-jobs.tsv (latest: job 524 from the jobs"
        + " script, config/generated/toy/"), status.out());
    String first = jobs.get(1).split("\t")[5];
    String label = first.split("/")[3] + "/" + first.split("/")[4];
    assertTrue(status.out().contains("  " + label + "  SLURM 501 RUNNING  (log model/generated/toy/" + label
        + "/slurm-501.out)\n"), status.out());
    CliRun submit = cli("submit", "toy", "--out", out.toString(), "--dry-run", "--max-array-size", "10", "--slurm-bin",
        bin.toString());
    assertEquals("submit toy: nothing to submit: 0 of 24 done; 24 running or queued now, skipped\n", submit.out());

    Files.writeString(bin.resolve("queue"), "");     // every job left the queue without a marker
    CliRun gone = cli("status", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertTrue(gone.out().contains("  failed       24\n"), gone.out());
    assertTrue(gone.out().contains("  " + label + "  SLURM 501 left the queue without DONE or FAILED\n"), gone.out());
  }
}
