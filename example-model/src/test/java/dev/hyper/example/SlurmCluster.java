package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real local SLURM of the lifecycle tests (time limits, preemption, cancel), with accounting and the
 * partitions {@code low} (default) and {@code high} ({@code .ci/run} starts it so). In CI a missing SLURM,
 * sacct or {@code high} partition fails the tests; elsewhere it skips them ({@link Required}).
 */
final class SlurmCluster {
  private SlurmCluster() {}

  /** Fails (CI) or skips the tests unless SLURM answers, sacct works and there is a partition {@code high}. */
  static void require() throws Exception {
    String why = null;
    if (call("sinfo", "-h").isBlank()) {
      why = "no SLURM here (sinfo)";
    } else if (call("sacct", "-n", "-X", "-S", "now") == null) {
      why = "no SLURM accounting (sacct); start the cluster with SLURM_LOCAL_ACCOUNTING=1";
    } else if (call("sinfo", "-h", "-p", "high", "-o", "%P").isBlank()) {
      why = "no partition high; start the cluster with SLURM_LOCAL_PREEMPT=1 SLURM_LOCAL_PARTITIONS=\"low high\"";
    }
    Required.that(why == null, why + "; see ../shared/slurm/start-local-slurm.sh");
  }

  /** The output of a command that succeeded, "" if it could not run, null if it failed. */
  static String call(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return "";
    }
  }

  /** When each requeued array task was first seen waiting for its BeginTime (job id to nanoTime). */
  private static final Map<String, Long> REQUEUED = new ConcurrentHashMap<>();

  /**
   * A requeued job pends about two minutes (BeginTime) before it may start again: start the array tasks of
   * {@code job} that wait for that now, so the tests need not wait. What is tested (the requeue, the resume)
   * is unchanged. A task is released only 5 s after it was first seen waiting: slurmd refuses a launch whose
   * credential is from the second its previous run's was revoked in ("Job credential revoked"), which failed
   * a run released at once.
   */
  static void release(String job) throws InterruptedException {
    String out = call("squeue", "-h", "-r", "-j", job, "-o", "%i %T %r");
    long now = System.nanoTime();
    for (String line : out == null ? List.<String>of() : out.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[1].equals("PENDING") && f[2].equals("BeginTime")) {
        long seen = REQUEUED.computeIfAbsent(f[0], k -> now);
        if (now - seen >= TimeUnit.SECONDS.toNanos(5)) {
          call("scontrol", "update", "JobId=" + f[0], "StartTime=now");
          REQUEUED.remove(f[0]);
        }
      }
    }
  }

  /** Polls {@code done} every second, releasing requeued tasks of {@code jobs}, for at most {@code minutes}. */
  static void await(String what, List<String> jobs, int minutes, BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " within " + minutes + " minutes; queue: "
          + call("squeue", "-h", "-r", "-o", "%i %P %T %r"));
      for (String job : jobs) {
        release(job);
      }
      Thread.sleep(1000);
    }
  }

  /**
   * Whether SLURM's accounting has the end of {@code tasks} array tasks of {@code job}. A sacct that does not
   * answer (it failed or timed out) has not recorded it yet: every test here runs with accounting
   * ({@link #require}), and a busy slurmdbd refuses a query now and then.
   */
  static boolean accounted(String job, int tasks) {
    try {
      String out = call("sacct", "-n", "-P", "-X", "-j", job, "-o", "JobID,State");
      if (out == null) {
        return false;
      }
      long ended = out.lines().filter(l -> l.contains("|") && !l.endsWith("|PENDING") && !l.endsWith("|RUNNING")
          && !l.endsWith("|REQUEUED")).count();
      return ended >= tasks;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether no array task of {@code jobs} is in the queue. */
  static boolean gone(List<String> jobs) {
    try {
      String out = call("squeue", "-h", "-j", String.join(",", jobs), "-o", "%i");
      return out != null && out.isBlank();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The job ids a submit printed ({@code job ids: 12 13 (in ...)}). */
  static List<String> jobIds(ModelJar.Result submit) {
    for (String line : submit.stdout().lines().toList()) {
      if (line.startsWith("job ids: ")) {
        return List.of(line.substring("job ids: ".length(), line.indexOf(" (in ")).split(" "));
      }
    }
    throw new AssertionError("no job ids printed: " + submit);
  }

  /** {@code sweep rnn} of the fast point (100 hidden units, one layer, dropout 0.2) at {@code lrs}, with {@code extra}. */
  static List<Experiments.Exp> sweep(Path dir, String lrs, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("sweep", "rnn"));
    args.addAll(SmallSweep.SET);
    args.addAll(List.of("--set", "lr=" + lrs));
    args.addAll(List.of(extra));
    ModelJar.Result r = ModelJar.run(dir, args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    List<Experiments.Exp> out = new ArrayList<>();
    for (String lr : lrs.split(",")) {
      out.add(Experiments.find(dir, Experiments.fast(Double.parseDouble(lr))));
    }
    return out;
  }

  /** {@code submit rnn}, which must succeed; the job ids. */
  static List<String> submit(Path dir) throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "submit", "rnn");
    assertEquals(0, r.exitCode(), r.toString());
    return jobIds(r);
  }

  /** {@code status rnn}, which must succeed. */
  static String status(Path dir) {
    return statusOf(dir, "rnn");
  }

  /** {@code status SWEEP}, which must succeed. */
  static String statusOf(Path dir, String sweep) {
    try {
      ModelJar.Result r = ModelJar.run(dir, "status", sweep);
      assertEquals(0, r.exitCode(), r.toString());
      return r.stdout();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether {@code e} has logged at least one step. */
  static boolean logged(Experiments.Exp e) {
    return Files.exists(e.serializationDir().resolve("metrics.jsonl"));
  }

  /** metrics.json without timings and model.bin of the fast point at lr 0.001 trained without any limit. */
  static String[] unlimited(Path dir) throws Exception {
    Experiments.Exp e = sweep(dir, "0.001").get(0);
    ModelJar.Result r = e.run();
    assertEquals(0, r.exitCode(), r.toString());
    return result(e);
  }

  /** metrics.json without timings and the hex of model.bin. */
  static String[] result(Experiments.Exp e) throws IOException {
    return new String[] {Experiments.metricsWithoutTimings(e.serializationDir().resolve("metrics.json")),
        Experiments.sha256(e.serializationDir().resolve("model.bin"))};
  }
}
