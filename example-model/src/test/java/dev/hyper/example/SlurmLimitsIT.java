package dev.hyper.example;

import static dev.hyper.example.SlurmCluster.await;
import static dev.hyper.example.SlurmCluster.call;
import static dev.hyper.example.SlurmCluster.gone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit's job limits and packed array tasks on the real local SLURM (with accounting): a lowered MaxSubmitJobs
 * on an association of its own (a fresh account, so no one else's limit changes; removed afterwards) splits a
 * sweep into what fits now and the command that submits the rest, which then does; and {@code --per-task 4}
 * runs four experiments per array task, one failing among them failing only itself.
 */
class SlurmLimitsIT {
  private static final String USER = System.getProperty("user.name");

  @TempDir Path dir;

  @BeforeAll
  static void cluster() throws Exception {
    SlurmCluster.require();
  }

  /** The learning rates of {@code n} fast points. */
  private static String lrs(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append(sb.length() == 0 ? "" : ",").append("0.00").append(i);
    }
    return sb.toString();
  }

  private static void sacctmgr(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sacctmgr", "-i"));
    command.addAll(List.of(args));
    assertNotNull(call(command.toArray(String[]::new)), "sacctmgr " + String.join(" ", args));
  }

  /** The array tasks of a job as {@code JOB_INDEX -> STATE exit CODE}, from sacct. */
  private static String sacct(String job) throws Exception {
    String out = call("sacct", "-n", "-P", "-X", "-j", job, "-o", "JobID,State,ExitCode");
    return out == null ? "(sacct failed)" : out.strip();
  }

  @Test
  void aLoweredMaxSubmitJobsSplitsTheSweepAndThePrintedCommandSubmitsTheRestLater() throws Exception {
    List<Experiments.Exp> exps = SlurmCluster.sweep(dir, lrs(5));
    String account = "hyperit" + ProcessHandle.current().pid();
    sacctmgr("add", "account", account);
    try {
      sacctmgr("add", "user", USER, "account=" + account, "maxsubmitjobs=3");
      Map<String, String> env = Map.of("SBATCH_ACCOUNT", account);
      String held = call("sbatch", "--parsable", "--hold", "--account=" + account, "-o", "/dev/null", "--wrap", "true");
      assertNotNull(held, "a held job under the account");
      held = held.strip();

      ModelJar.Result first = SmallSweep.runWithEnv(dir, env, "submit", "rnn");
      assertEquals(0, first.exitCode(), first.toString());
      String out = first.stdout();
      assertTrue(out.startsWith("submit rnn: 2 of 5 experiments in 1 array job (MaxArraySize "), out);
      Matcher left = Pattern.compile("(?m)^not submitted: 3 experiments \\(3 array tasks\\) over MaxSubmitJobs 3 \\(user "
          + Pattern.quote(USER) + ", account " + account + "; 1 job in the queue\\); submit them later with: (.*)$")
          .matcher(out);
      assertTrue(left.find(), out);
      List<String> jobs = new ArrayList<>(SlurmCluster.jobIds(first));
      assertEquals(1, jobs.size(), out);
      assertTrue(out.contains("submitted job " + jobs.get(0) + ": --array=0-1 offset 0 (2 experiments)"), out);

      call("scancel", held);
      await("the first two done", jobs, 4, () -> gone(jobs));
      String again = left.group(1);
      assertTrue(again.matches("java -jar \\S+ submit rnn"), again);
      String[] words = again.split(" ");
      ModelJar.Result rest = SmallSweep.runWithEnv(dir, env, Arrays.copyOfRange(words, 3, words.length));
      assertEquals(0, rest.exitCode(), rest.toString());
      assertTrue(rest.stdout().startsWith("submit rnn: 3 of 5 experiments in 1 array job (MaxArraySize "),
          rest.toString());
      assertTrue(!rest.stdout().contains("not submitted"), rest.toString());
      jobs.addAll(SlurmCluster.jobIds(rest));
      assertTrue(rest.stdout().contains("submitted job " + jobs.get(1) + ": --array=2-4 offset 0 (3 experiments)"),
          rest.toString());
      await("the other three done", jobs, 4, () -> gone(jobs));
      for (Experiments.Exp e : exps) {
        assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
      }
      assertEquals(5, SmallSweep.count(SlurmCluster.status(dir), "done"));
    } finally {
      call("scancel", "--account=" + account);
      await("the account's jobs gone", List.of(), 2, () -> {
        try {
          String q = call("squeue", "-h", "-A", account, "-o", "%i");
          return q != null && q.isBlank();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      sacctmgr("delete", "user", "name=" + USER, "account=" + account);
      sacctmgr("delete", "account", account);
    }
  }

  @Test
  void fourExperimentsPerArrayTaskAndOneFailingAmongThemFailsOnlyItself() throws Exception {
    List<Experiments.Exp> exps = SlurmCluster.sweep(dir, lrs(8));
    List<String> lines = Files.readAllLines(dir.resolve("rnn-slurm-tasks.tsv"));
    assertEquals(8, lines.size(), lines.toString());
    List<Experiments.Exp> byLine = new ArrayList<>();
    for (String line : lines) {
      byLine.add(exps.stream().filter(e -> line.contains("/" + e.id() + "/")).findFirst().orElseThrow());
    }
    Experiments.Exp broken = byLine.get(1);
    SmallSweep.breakTraining(broken);

    ModelJar.Result submit = ModelJar.run(dir, "submit", "rnn", "--per-task", "4");
    assertEquals(0, submit.exitCode(), submit.toString());
    assertTrue(submit.stdout().startsWith("submit rnn: 8 of 8 experiments in 1 array job of 2 tasks, 4 per task"
        + " (MaxArraySize "), submit.toString());
    List<String> jobs = new ArrayList<>(SlurmCluster.jobIds(submit));
    String job = jobs.get(0);
    assertTrue(submit.stdout().contains("submitted job " + job + ": --array=0-1 offset 0 (2 tasks, 8 experiments)"),
        submit.toString());
    await("both array tasks ended", jobs, 5, () -> gone(jobs));

    for (int i = 0; i < 8; i++) {
      Experiments.Exp e = byLine.get(i);
      String log = Files.readString(e.serializationDir().resolve("slurm-" + job + "_" + i / 4 + ".out"));
      assertEquals(e == broken ? List.of("STARTED", "FAILED") : List.of("STARTED", "DONE"), SmallSweep.markers(e),
          "line " + i + ": " + log);
    }
    assertTrue(Files.readString(broken.serializationDir().resolve("slurm-" + job + "_0.out"))
        .contains("hyper: failed in this array task (exit 1)"));
    String accounting = sacct(job);
    assertTrue(accounting.contains(job + "_0|FAILED|1:0") && accounting.contains(job + "_1|COMPLETED|0:0"),
        accounting);
    String status = SlurmCluster.status(dir);
    assertEquals(7, SmallSweep.count(status, "done"), status);
    assertEquals(1, SmallSweep.count(status, "failed"), status);
    assertTrue(status.contains("  " + broken.id() + "/0  "), status);

    SmallSweep.fixTraining(broken);
    ModelJar.Result again = ModelJar.run(dir, "submit", "rnn", "--per-task", "4");
    assertEquals(0, again.exitCode(), again.toString());
    List<String> second = SlurmCluster.jobIds(again);
    assertTrue(again.stdout().contains("submitted job " + second.get(0) + ": --array=0 offset 0 (1 task, 1 experiment)"),
        again.toString());
    await("the failed one again", second, 4, () -> gone(second));
    for (Experiments.Exp e : exps) {
      assertEquals(List.of("STARTED", "DONE"), SmallSweep.markers(e), e.id());
    }
    assertTrue(Files.readString(byLine.get(0).serializationDir().resolve("slurm-" + second.get(0) + "_0.out"))
        .contains("is DONE, skipped"));
  }
}
