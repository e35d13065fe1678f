package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.TestJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read a sweep back hold a few bytes per experiment, not an entry each: over a lazy sweep of
 * 200,000 experiments (sweep {@code big}, 2,000 points, 100 trials each), {@code status}, {@code exec --limit},
 * {@code results --top}, {@code submit --dry-run} and {@code verify} run in a 32 MB heap, in child JVMs on the real jar as a user starts
 * them. Holding an entry per experiment, as status and exec did, takes about 300 bytes each (status over a lazy
 * million needed more than 256 MB): exec then runs out of this heap.
 */
class ScaleMemoryTest {
  @TempDir Path tmp;

  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private record Result(int code, String out) {}

  private Result hyper(Path jar, List<String> jvm, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), text);
  }

  @Test
  void statusExecResultsSubmitAndVerifyOfTwoHundredThousandExperimentsRunInASmallHeap() throws Exception {
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    Path out = tmp.resolve("runs");
    List<String> small = List.of("-Xmx32m", "-XX:+UseSerialGC", "-Dhyper.fork=false");
    Result sweep = hyper(jar, List.of(), "sweep", "big", "--out", out.toString(), "--lazy", "--set", "n_trials=100");
    assertEquals(0, sweep.code(), sweep.out());
    assertTrue(sweep.out().startsWith("sweep big: 200000 experiments, 200000 listed for their tasks to make"),
        sweep.out());

    Result exec = hyper(jar, small, "exec", "big", "--out", out.toString(), "--limit", "3");
    assertEquals(0, exec.code(), exec.out());
    assertTrue(exec.out().startsWith("exec big: running 3 of 200000 experiments, "), exec.out());
    assertTrue(exec.out().contains("; the first 3 of 200000 to run (--limit)"), exec.out());

    Result status = hyper(jar, small, "status", "big", "--out", out.toString());
    assertEquals(0, status.code(), status.out());
    assertTrue(status.out().contains("\n  done          3\n"), status.out());
    assertTrue(status.out().contains("\n  pending  199997   (never started)\n    199997 of them not made yet"),
        status.out());

    Result results = hyper(jar, small, "results", "big", "--out", out.toString(), "--top", "2", "--metric", "seed",
        "--goal", "max");
    assertEquals(0, results.code(), results.out());
    assertTrue(results.out().startsWith("sweep big: 200000 experiments, 3 DONE, 199997 PENDING; "), results.out());

    Path noSlurm = Files.createDirectories(tmp.resolve("no-slurm"));   // no scontrol, squeue or sacctmgr
    Result submit = hyper(jar, small, "submit", "big", "--out", out.toString(), "--dry-run", "--max-array-size",
        "1000", "--slurm-bin", noSlurm.toString());
    assertEquals(0, submit.code(), submit.out());
    assertTrue(submit.out().contains("submit big: 199997 of 200000 experiments in 200 array jobs (MaxArraySize 1000)"),
        submit.out());
    assertTrue(submit.out().endsWith("dry run: nothing submitted\n"), submit.out());

    Result verify = hyper(jar, small, "verify", "big", "--out", out.toString());
    assertEquals(0, verify.code(), verify.out());
    assertTrue(verify.out().contains("199997 not made yet"), verify.out());
  }
}
