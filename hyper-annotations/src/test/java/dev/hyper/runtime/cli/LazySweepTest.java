package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.TestProvider;
import dev.hyper.runtime.manifest.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --lazy} on the real jar, in child JVMs as a user runs it: the sweep writes the listings and one
 * prototype, nothing per experiment; each task makes its experiment, byte for byte what an eager sweep
 * writes (provenance aside); status, verify, exec and results treat the ones not made yet as pending; a task
 * killed while it makes its experiment leaves it whole or absent, and running it again completes it.
 */
class LazySweepTest {
  @TempDir Path tmp;

  private Path jar;
  private final String java = ChildRun.JAVA;

  @BeforeEach
  void jar() throws Exception {
    jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
  }

  private ChildRun hyper(Path dir, String... args) throws Exception {
    return ChildRun.jar(dir, jar, List.of(), args);
  }

  /** The config paths the manifest lists, in row order. */
  private static List<String> rows(Path out) throws Exception {
    List<String> rows = new ArrayList<>();
    ManifestFile.read(out, new TestProvider().spec()).orElseThrow().forEachRow(r -> rows.add(r.config()));
    return rows;
  }

  /** Every file under {@code dir}, relative, sorted. */
  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }

  @Test
  void eachTaskMakesWhatAnEagerSweepWritesAndTheCommandsCountTheRestAsPending() throws Exception {
    Path lazy = tmp.resolve("lazy");
    Path eager = tmp.resolve("eager");
    ChildRun sweep = hyper(tmp, "sweep", "toy", "--out", lazy.toString(), "--lazy");
    assertEquals(0, sweep.code(), sweep.out());
    assertTrue(sweep.out().startsWith("sweep toy: 4 experiments, 4 listed for their tasks to make (lazy, from "
        + lazy.resolve("config/generated/toy/.lazy/1") + "), 0 already listed, under " + lazy + "\n"), sweep.out());
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", eager.toString()).code());
    // nothing per experiment: the prototype and its jar
    assertEquals(List.of(Path.of(".lazy/1/model.jar"), Path.of(".lazy/1/prototype.toml")),
        files(lazy.resolve("config/generated/toy")));
    assertTrue(Files.readString(lazy.resolve("toy-manifest.tsv")).contains("\n# lazy: config/generated/toy/.lazy/1\n"));
    List<String> rows = rows(lazy);
    assertEquals(rows(eager), rows, "the same experiments, in the same rows");

    ChildRun status = hyper(tmp, "status", "toy", "--out", lazy.toString());
    assertTrue(status.out().contains("  pending       4   (never started)\n         4 of them not made yet (lazy sweep:"
        + " each task makes its experiment when it starts)\n"), status.out());
    ChildRun verify = hyper(tmp, "verify", "toy", "--out", lazy.toString());
    assertEquals("verify: 4 experiments, 0 ok, 4 not made yet (lazy: each is made by its task)\n", verify.out());
    assertEquals(0, verify.code());

    // one task, as the array script and exec start it
    ChildRun first = ChildRun.of(lazy, List.of(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run", rows.get(0),
        "--row", "0"));
    assertEquals(0, first.code(), first.out());
    ChildRun results = hyper(tmp, "results", "toy", "--out", lazy.toString(), "--metric", "epochs");
    assertTrue(results.out().startsWith("sweep toy: 4 experiments, 1 DONE, 3 PENDING;"), results.out());

    ChildRun two = hyper(tmp, "exec", "toy", "--out", lazy.toString(), "--jobs", "2", "--limit", "2");
    assertEquals(0, two.code(), two.out());
    assertTrue(two.out().startsWith("exec toy: running 2 of 4 experiments, 2 at a time, under " + lazy
        + "; the first 2 of 3 to run (--limit)\n"), two.out());
    assertTrue(two.out().contains("exec: 2 done, 0 failed, 0 not run"), two.out());
    ChildRun exec = hyper(tmp, "exec", "toy", "--out", lazy.toString(), "--jobs", "2");
    assertEquals(0, exec.code(), exec.out());
    assertTrue(exec.out().contains("exec: 1 done, 0 failed, 0 not run"), exec.out());
    ChildRun bad = hyper(tmp, "exec", "toy", "--out", lazy.toString(), "--limit", "-1");
    assertEquals("exec: --limit must be at least 0 (0: no limit), was -1\n", bad.out());
    assertEquals(2, bad.code());
    assertEquals("verify: 4 experiments, 4 ok\n", hyper(tmp, "verify", "toy", "--out", lazy.toString()).out());

    // byte for byte what the eager sweep wrote, provenance aside; the jar a link into the same store
    for (String config : rows) {
      Path made = lazy.resolve(config).getParent();
      Path written = eager.resolve(config).getParent();
      assertEquals(files(written), files(made), config);
      for (Path f : files(written)) {
        byte[] a = Files.readAllBytes(written.resolve(f));
        byte[] b = Files.readAllBytes(made.resolve(f));
        if (f.toString().endsWith(".toml")) {
          String aText = new String(a, StandardCharsets.UTF_8);
          String bText = new String(b, StandardCharsets.UTF_8);
          assertTrue(ExperimentConfig.sameExceptProvenance(aText, bText), config + "\n" + aText + "\n" + bText);
          assertFalse(aText.equals(bText), "the provenance differs: another sweep, at another time");
        } else {
          assertArrayEquals(a, b, config + ": " + f);
        }
      }
      assertTrue(Files.isSameFile(made.resolve("model.jar"), lazy.resolve("config/generated/toy/.lazy/1/model.jar")));
    }
  }

  @Test
  void aTaskKilledWhileItMakesItsExperimentLeavesItWholeOrAbsentAndItsRerunCompletes() throws Exception {
    Path lazy = tmp.resolve("lazy");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", lazy.toString(), "--lazy").code());
    Path reference = tmp.resolve("eager");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", reference.toString()).code());
    String config = rows(lazy).get(1);
    Path dir = lazy.resolve(config).getParent();
    // what a make killed before its rename leaves: a temporary directory beside the experiment's
    Path leftover = Files.createDirectories(dir.resolveSibling("." + dir.getFileName() + ".tmp"));
    Files.writeString(leftover.resolve(dir.getParent().getFileName() + ".toml"), "half");
    Random random = new Random(7);
    for (int i = 0; i < 8 && !Files.exists(dir); i++) {
      // --row 3 names another experiment's row: run then reads the manifest for this one
      Process p = new ProcessBuilder(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run", config, "--row", "3")
          .directory(lazy.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("run-" + i + ".log").toFile())
          .start();
      if (!p.waitFor(200 + random.nextInt(1000), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor();
      }
      if (Files.exists(dir)) {                          // whole, never part of it
        assertEquals(files(reference.resolve(config).getParent()), files(dir), "whole: " + dir);
        assertTrue(ExperimentConfig.sameExceptProvenance(Files.readString(reference.resolve(config)),
            Files.readString(lazy.resolve(config))));
      }
    }
    ChildRun rerun = ChildRun.of(lazy, List.of(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run", config));
    assertEquals(0, rerun.code(), rerun.out());
    assertEquals(files(reference.resolve(config).getParent()), files(dir));
    assertFalse(Files.exists(leftover), "the next make clears what a killed one left");
    String id = dir.getParent().getFileName().toString();
    assertTrue(Files.isRegularFile(lazy.resolve("model/generated/toy").resolve(id).resolve("0").resolve("DONE")));
    assertEquals(0, hyper(tmp, "verify", lazy.resolve(config).toString()).code());
  }

  @Test
  void aSweepThatSubmitsWithSbatchListsTheRowsNotMadeYetWithTheirCommands() throws Exception {
    Path lazy = tmp.resolve("lazy");
    assertEquals(0, ChildRun.jar(tmp, jar, List.of("-Dhyper.draw=false"), "sweep", "toy", "--out", lazy.toString(),
        "--lazy").code());
    List<String> before = rows(lazy);
    ChildRun more = hyper(tmp, "sweep", "toy", "--out", lazy.toString(), "--lazy", "--slurm", "--set", "n_trials=2");
    assertEquals(0, more.code(), more.out());
    List<String> script = Files.readAllLines(lazy.resolve("toy-jobs.sh"));
    assertEquals(List.of(), script.stream().filter(l -> l.contains(" is gone")).toList());
    List<String> submits = script.stream().filter(l -> l.contains("hyper_sbatch '")).toList();
    assertEquals(8, submits.size(), String.join("\n", script));
    assertTrue(submits.get(1).contains(" run '\\''" + before.get(1) + "'\\'' --row 1"), submits.get(1));
  }

  @Test
  void aTaskOfARowTheManifestDoesNotListIsNoSuchExperiment() throws Exception {
    Path lazy = tmp.resolve("lazy");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", lazy.toString(), "--lazy").code());
    String other = "config/generated/toy/000000000000/0/000000000000.toml";
    ChildRun r = ChildRun.of(lazy, List.of(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run", other));
    assertEquals("no such experiment file: " + other + "\n", r.out());
    assertEquals(2, r.code());
    ChildRun both = hyper(tmp, "sweep", "toy", "--out", tmp.resolve("x").toString(), "--lazy", "--eager");
    assertEquals("sweep: --lazy and --eager exclude each other\n", both.out());
    assertEquals(2, both.code());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void anExperimentItsTaskMadeAndRanWhoseConfigIsDeletedIsMissingNotUnmade() throws Exception {
    Path lazy = tmp.resolve("lazy");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", lazy.toString(), "--lazy").code());
    String config = rows(lazy).get(1);
    ChildRun task = ChildRun.of(lazy, List.of(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run", config,
        "--row", "1"));
    assertEquals(0, task.code(), task.out());
    Path point = lazy.resolve(config).getParent().getParent();
    String id = point.getFileName().toString();
    try (Stream<Path> s = Files.walk(point)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    String gone = id + ".toml is gone, though its task made it and ran it (model/generated/toy/" + id + "/0)";
    ChildRun verify = hyper(tmp, "verify", "toy", "--out", lazy.toString());
    assertEquals("MISSING  " + lazy.resolve(config) + ": " + gone + "\n"
        + "verify: 4 experiments, 0 ok, 1 missing, 3 not made yet (lazy: each is made by its task)\n", verify.out());
    assertEquals(1, verify.code());
    ChildRun status = hyper(tmp, "status", "toy", "--out", lazy.toString());
    assertTrue(status.out().contains("  done          0\n"), status.out());
    assertTrue(status.out().contains("  pending       3   (never started)\n         3 of them not made yet"), status.out());
    assertTrue(status.out().contains("MISSING:\n  " + id + "/0  " + gone + "\n"), status.out());
  }
}
