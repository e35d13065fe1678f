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
import dev.hyper.runtime.status.Markers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit under the site's job limits, against stand-in scontrol, sacctmgr, squeue and sbatch (the real SLURM is
 * in example-model's SlurmLimitsIT): what is read, what fits, and the line that says what was left and how to
 * submit it. The sweep has 24 experiments, the @Slurm QOS gpu and maxParallel 3.
 */
class SubmitLimitsTest {
  private static final String USER = System.getProperty("user.name");

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

  private CliRun submit(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("submit", "toy", "--out", out.toString(), "--slurm-bin",
        bin.toString()));
    args.addAll(List.of(extra));
    return cli(args.toArray(String[]::new));
  }

  @BeforeEach
  void sweepAndFakeSlurm() throws Exception {
    out = tmp.resolve("out");
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    CliRun sweep = cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString());
    assertEquals(0, sweep.code(), sweep.err());
    bin = Files.createDirectories(tmp.resolve("bin"));
    script("sbatch", "echo \"$*\" >>\"$(dirname \"$0\")/sbatch.log\"\n"
        + "echo $(( 100 + $(wc -l <\"$(dirname \"$0\")/sbatch.log\") ))\n");
    script("scontrol", "if [ \"$1 $2\" = 'show config' ]; then cat \"$(dirname \"$0\")/config\"; exit 0; fi\n"
        + "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1\n");
    // -j: the sweep's jobs; -u USER: the user's; -t all: every job slurmctld holds
    script("squeue", "d=$(dirname \"$0\"); echo \"$*\" >>\"$d/squeue.log\"\n"
        + "case \" $* \" in *' -j '*) cat \"$d/queue\" ;; *' -u '*) cat \"$d/mine\" ;; *' -t all '*) cat \"$d/all\" ;; esac\n"
        + "exit 0\n");
    script("sacctmgr", "d=$(dirname \"$0\"); echo \"$*\" >>\"$d/sacctmgr.log\"\n"
        + "if [ -e \"$d/sacctmgr.fail\" ]; then echo 'sacctmgr: error: Problem talking to the database' >&2; exit 1; fi\n"
        + "cat \"$d/$4.rows\" 2>/dev/null; exit 0\n");
    for (String f : List.of("queue", "mine", "all")) {
      Files.writeString(bin.resolve(f), "");
    }
  }

  private void script(String name, String body) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/bash\n" + body);
    assertTrue(f.toFile().setExecutable(true));
  }

  private void config(String... lines) throws Exception {
    Files.writeString(bin.resolve("config"), "Configuration data as of 2026-01-01T00:00:00\n"
        + String.join("\n", lines) + "\n");
  }

  private static String lines(int n, String line) {
    return (line + "\n").repeat(n);
  }

  private List<String> log(String name) throws Exception {
    Path log = bin.resolve(name);
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private String sbatch(String array, long offset, String perTask) {
    return "--parsable --chdir=" + out + " --array=" + array + " --export=ALL,HYPER_TASK_OFFSET=" + offset + perTask
        + " " + out.resolve("toy.sbatch");
  }

  @Test
  void maxSubmitJobsLessTheUsersJobsUnderTheAccountIsWhatIsSubmittedAndTheSameCommandSubmitsTheRest()
      throws Exception {
    config("AccountingStorageType   = accounting_storage/slurmdbd", "ClusterName             = local",
        "MaxArraySize            = 10", "MaxJobCount             = 10000");
    Files.writeString(bin.resolve("user.rows"), "physics\n");
    Files.writeString(bin.resolve("assoc.rows"), "15|normal|normal,gpu\n");
    Files.writeString(bin.resolve("qos.rows"), "\n");   // gpu has no MaxSubmitJobsPerUser
    Files.writeString(bin.resolve("mine"), lines(3, "physics|normal") + "chemistry|normal\n");
    Files.writeString(bin.resolve("all"), lines(50, "1"));

    CliRun r = submit();
    assertEquals(0, r.code(), r.err());
    String again = "java -jar model.jar submit toy --out " + out;
    assertEquals("submit toy: 12 of 24 experiments in 2 array jobs (MaxArraySize 10)\n"
        + "submitted job 101: --array=0-9%3 offset 0 (10 experiments)\n"
        + "submitted job 102: --array=0-1%3 offset 10 (2 experiments)\n"
        + "job ids: 101 102 (in toy-slurm-jobs.tsv); follow with: java -jar model.jar status toy --out " + out + "\n"
        + "not submitted: 12 experiments (12 array tasks) over MaxSubmitJobs 15 (user " + USER + ", account physics;"
        + " 3 jobs in the queue); submit them later with: " + again + "\n", r.out());
    assertEquals("", r.err());
    assertEquals(List.of(sbatch("0-9%3", 0, ""), sbatch("0-1%3", 10, "")), log("sbatch.log"));
    assertEquals(List.of("-n -P show user where name=" + USER + " format=defaultaccount",
        "-n -P show assoc where user=" + USER + " account=physics cluster=local format=maxsubmit,defaultqos,qos",
        "-n -P show qos where name=gpu format=maxsubmitpu"), log("sacctmgr.log"), "the sweep's QOS, gpu");
    assertTrue(log("squeue.log").contains("-h -r -u " + USER + " -o %a|%q"), log("squeue.log").toString());
    assertTrue(log("squeue.log").contains("-h -r -t all -o %i"), log("squeue.log").toString());

    // later, with the twelve still queued, nothing fits
    StringBuilder queue = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      queue.append("101_").append(i).append(" PENDING\n");
    }
    queue.append("102_0 PENDING\n102_1 PENDING\n");
    Files.writeString(bin.resolve("queue"), queue.toString());
    Files.writeString(bin.resolve("mine"), lines(15, "physics|gpu"));
    CliRun full = submit();
    assertEquals(0, full.code(), full.err());
    assertEquals("submit toy: nothing submitted: 12 experiments (12 array tasks) over MaxSubmitJobs 15 (user " + USER
        + ", account physics; 15 jobs in the queue); submit them later with: " + again + "\n", full.out());
    assertEquals(2, log("sbatch.log").size());

    // once they ran, the same command submits the rest
    Files.writeString(bin.resolve("queue"), "");
    Files.writeString(bin.resolve("mine"), "");
    List<Task> tasks = SlurmFiles.readTasks(out, "toy");
    for (int i = 0; i < 12; i++) {
      Markers.writeDone(out.resolve(tasks.get(i).serializationDir()), new Done(Provenance.now(), "t0", 1, null,
          List.of()));
    }
    CliRun rest = submit();
    assertEquals(0, rest.code(), rest.err());
    assertTrue(rest.out().startsWith("submit toy: 12 of 24 experiments in 2 array jobs (MaxArraySize 10)\n"),
        rest.out());
    assertFalse(rest.out().contains("not submitted"), rest.out());
    assertEquals(List.of(sbatch("2-9%3", 10, ""), sbatch("0-3%3", 20, "")), log("sbatch.log").subList(2, 4));
  }

  @Test
  void theQosPerUserLimitCountsPackedArrayTasksAndStatusMapsEachTaskToItsLines() throws Exception {
    config("AccountingStorageType = accounting_storage/slurmdbd", "MaxArraySize = 10");
    Files.writeString(bin.resolve("user.rows"), "physics\n");
    Files.writeString(bin.resolve("assoc.rows"), "|normal|normal,gpu\n");
    Files.writeString(bin.resolve("qos.rows"), "4\n");
    Files.writeString(bin.resolve("mine"), "physics|gpu\nphysics|normal\n");
    List<Task> tasks = SlurmFiles.readTasks(out, "toy");
    for (int line : List.of(0, 1, 2, 3, 5)) {   // task 0 is done, task 1 has three to run
      Markers.writeDone(out.resolve(tasks.get(line).serializationDir()), new Done(Provenance.now(), "t0", 1, null,
          List.of()));
    }

    CliRun r = submit("--per-task", "4");
    assertEquals(0, r.code(), r.err());
    assertEquals("submit toy: 11 of 24 experiments in 1 array job of 3 tasks, 4 per task (MaxArraySize 10)\n"
        + "submitted job 101: --array=1-3%3 offset 0 (3 tasks, 11 experiments)\n"
        + "job ids: 101 (in toy-slurm-jobs.tsv); follow with: java -jar model.jar status toy --out " + out + "\n"
        + "not submitted: 8 experiments (2 array tasks) over MaxSubmitJobsPerUser 4 (user " + USER + ", QOS gpu;"
        + " 1 job in the queue); submit them later with: java -jar model.jar submit toy --out " + out
        + " --per-task 4\n", r.out());
    assertEquals(List.of(sbatch("1-3%3", 0, ",HYPER_PER_TASK=4")), log("sbatch.log"));
    List<String> jobs = Files.readAllLines(out.resolve("toy-slurm-jobs.tsv"));
    assertTrue(jobs.get(1).startsWith("101\t0\t1-3%3\t3\t") && jobs.get(1).endsWith("\t4"), jobs.get(1));

    // array task 2 runs lines 8 to 11; 1 and 3 left the queue without running lines 4, 6, 7 and 12 to 15
    Files.writeString(bin.resolve("queue"), "101_2 RUNNING\n");
    CliRun status = cli("status", "toy", "--out", out.toString(), "--slurm-bin", bin.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("  done          5\n"), status.out());
    assertTrue(status.out().contains("  running       4\n"), status.out());
    assertTrue(status.out().contains("  failed        7\n"), status.out());
    assertTrue(status.out().contains("  pending       8   (never started)\n"), status.out());
    assertTrue(status.out().contains("  " + tasks.get(4).label() + "  SLURM 101_1 left the queue without DONE or"
        + " FAILED"), status.out());
  }

  @Test
  void withoutAccountingOnlyMaxJobCountCountsAndADryRunSaysWhatWouldBeLeft() throws Exception {
    config("AccountingStorageType = accounting_storage/none", "MaxArraySize = 10", "MaxJobCount = 30");
    Files.writeString(bin.resolve("all"), lines(25, "7"));
    CliRun r = submit("--dry-run", "--per-task", "2", "--max-parallel", "0");
    assertEquals(0, r.code(), r.err());
    assertEquals("submit toy: 10 of 24 experiments in 1 array job of 5 tasks, 2 per task (MaxArraySize 10)\n"
        + "'sbatch' '--parsable' '--chdir=" + out + "' '--array=0-4' '--export=ALL,HYPER_TASK_OFFSET=0,HYPER_PER_TASK=2'"
        + " '" + out.resolve("toy.sbatch") + "'\n"
        + "not submitted: 14 experiments (7 array tasks) over MaxJobCount 30 (the cluster's, all users; 25 jobs in the"
        + " queue); submit them later with: java -jar model.jar submit toy --out " + out + " --per-task 2"
        + " --max-parallel 0\n"
        + "dry run: nothing submitted\n", r.out());
    assertEquals(List.of(), log("sacctmgr.log"), "no accounting: sacctmgr is not asked");
    assertEquals(List.of(), log("sbatch.log"));
  }

  @Test
  void aPackedTaskIsHeldBackWhileAnotherOfItsExperimentsRunsInAnEarlierJob() throws Exception {
    config("MaxArraySize = 10");
    dev.hyper.runtime.slurm.SlurmJobs.append(out, "toy", new dev.hyper.runtime.slurm.SlurmJobs.Submission("90", 0,
        "0-9", 10, "2026-01-01T00:00:00Z"));
    Files.writeString(bin.resolve("queue"), "90_5 RUNNING\n");   // line 5, in task 1 of four lines
    CliRun r = submit("--per-task", "4", "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("submit toy: 20 of 24 experiments in 1 array job of 5 tasks, 4 per task"
        + " (MaxArraySize 10); 1 running or queued now, skipped; 3 held back: another experiment of their array task"
        + " runs or is queued now\n'sbatch' '--parsable' '--chdir=" + out + "' '--array=0,2-5%3'"), r.out());
  }

  @Test
  void aFailingSacctmgrIsSaidAndEverythingIsSubmitted() throws Exception {
    config("AccountingStorageType = accounting_storage/slurmdbd", "MaxArraySize = 100");
    Files.writeString(bin.resolve("sacctmgr.fail"), "");
    CliRun r = submit();
    assertEquals(0, r.code(), r.err());
    assertEquals("submit: cannot read the job limits, submitting without them: sacctmgr -n -P show user where name="
        + USER + " format=defaultaccount failed (exit 1): sacctmgr: error: Problem talking to the database\n", r.err());
    assertTrue(r.out().startsWith("submit toy: 24 of 24 experiments in 1 array job (MaxArraySize 100)\n"), r.out());
    assertEquals(List.of(sbatch("0-23%3", 0, "")), log("sbatch.log"));
  }

  @Test
  void whereScontrolFailsAGivenMaxArraySizeStillSubmitsAndSaysTheLimitsAreUnknown() throws Exception {
    script("scontrol", "echo 'slurm_load_ctl_conf error: Unable to contact slurm controller' >&2; exit 1\n");
    CliRun r = submit("--max-array-size", "100");
    assertEquals(0, r.code(), r.err());
    assertEquals("submit: cannot read the job limits, submitting without them: scontrol show config failed (exit 1):"
        + " slurm_load_ctl_conf error: Unable to contact slurm controller\n", r.err());
    assertEquals(List.of(sbatch("0-23%3", 0, "")), log("sbatch.log"));
    CliRun without = submit("--failed-only");
    assertEquals(2, without.code(), without.out());
    assertEquals("submit: scontrol show config failed (exit 1): slurm_load_ctl_conf error: Unable to contact slurm"
        + " controller (--max-array-size N submits without it)\n", without.err());
  }

  @Test
  void aPerTaskBelowOneIsAOneLineError() {
    CliRun r = submit("--per-task", "0");
    assertEquals(2, r.code());
    assertEquals("submit: --per-task must be at least 1, was 0\n", r.err());
    assertEquals("", r.out());
  }
}
