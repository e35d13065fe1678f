package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.status.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest is the one record of a sweep directory's experiments: results, status, exec, verify and submit
 * read it, never the grid the jar declares; a later sweep into the directory adds experiments and moves none.
 */
class ExtendSweepTest {
  @TempDir Path tmp;

  /** 3 x 2 x 2 = 12 points as declared. */
  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("toy", TestParams.class, new TestParamsGrid(new double[] {0.1, 0.2, 0.3},
              new String[] {"a", "b"}))
          .template("jsonnet/test_model.jsonnet")
          .trainer(() -> (p, e) -> e.writeMetrics(Map.of("accuracy", p.lr()))).build());

  private Path jar;
  private Path out;
  private Path bin;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  private CliRun sweep(String... sets) {
    List<String> args = new ArrayList<>(List.of("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    CliRun r = cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return r;
  }

  @BeforeEach
  void setUp() throws Exception {
    jar = dev.hyper.runtime.TestJars.modelJar(tmp.resolve("build/model.jar"));
    out = tmp.resolve("out");
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String[] s : new String[][] {{"sbatch", "exit 1\n"}, {"squeue", "exit 0\n"},
        {"scontrol", "echo 'MaxArraySize            = 1001'\n"}}) {
      Path f = bin.resolve(s[0]);
      Files.writeString(f, "#!/bin/bash\n" + s[1]);
      assertTrue(f.toFile().setExecutable(true));
    }
  }

  private List<String> rows() throws Exception {
    return Files.readAllLines(out.resolve("toy-manifest.tsv")).stream().filter(l -> l.matches("[0-9]+\t.*")).toList();
  }

  private List<String> lines(String file) throws Exception {
    return Files.readAllLines(out.resolve(file));
  }

  @Test
  void aNarrowedSweepShowsOnlyWhatWasMaterialized() throws Exception {
    sweep("lr=0.1", "note=a");
    CliRun exec = cli("exec", "toy", "--out", out.toString());
    assertEquals(0, exec.code(), exec.err());
    CliRun results = cli("results", "toy", "--out", out.toString(), "--metric", "seed");
    assertEquals(0, results.code(), results.err());
    assertTrue(results.out().startsWith("sweep toy: 2 experiments, 2 DONE;"), results.out());
    assertTrue(!results.out().contains("MISSING"), results.out());
    CliRun status = cli("status", "toy", "--out", out.toString());
    assertTrue(status.out().startsWith("sweep toy in " + out + ": 2 experiments\n"), status.out());
  }

  @Test
  void extendingAddsRowsAndMovesNoneAndEveryCommandSeesTheUnion() throws Exception {
    sweep("lr=0.1", "note=a");                          // 2 experiments (mode x 2)
    assertEquals(0, cli("exec", "toy", "--out", out.toString()).code());
    List<String> first = rows();
    List<String> firstTasks = lines("toy-slurm-tasks.tsv");
    List<String> firstJobs = lines("toy-jobs.sh");
    assertEquals(2, first.size());
    assertEquals(2, firstTasks.size());

    CliRun second = sweep("lr=0.1,0.2", "note=a");      // 4 planned, 2 of them new
    assertTrue(second.out().startsWith("sweep toy: 4 experiments, 2 written, 2 already there, under "), second.out());
    assertTrue(second.out().contains("the manifest lists 4 experiments: 2 from earlier sweeps, 2 new\n"),
        second.out());
    CliRun third = sweep("lr=0.1,0.2", "note=a", "n_trials=2");   // 8 planned, the 4 second trials new
    assertTrue(third.out().contains("the manifest lists 8 experiments: 4 from earlier sweeps, 4 new\n"), third.out());
    CliRun narrow = sweep("lr=0.2", "note=a");           // nothing new, nothing deleted
    assertTrue(narrow.out().startsWith("sweep toy: 2 experiments, 0 written, 2 already there, under "), narrow.out());

    List<String> rows = rows();
    assertEquals(8, rows.size());
    assertEquals(first, rows.subList(0, 2), "the first sweep's rows are where they were");
    for (int i = 0; i < 8; i++) {
      assertTrue(rows.get(i).startsWith(i + "\t"), rows.get(i));
    }
    List<String> tasks = lines("toy-slurm-tasks.tsv");
    assertEquals(8, tasks.size());
    assertEquals(firstTasks, tasks.subList(0, 2), "an old experiment's SLURM task keeps its line");
    for (int i = 0; i < 8; i++) {
      String config = rows.get(i).substring(rows.get(i).lastIndexOf('\t') + 1);
      assertEquals(config, tasks.get(i).split("\t")[1], "task " + i + " is row " + i);
    }
    List<String> jobs = lines("toy-jobs.sh");
    assertEquals(firstJobs.subList(firstJobs.size() - 2, firstJobs.size()), jobs.subList(jobs.size() - 8,
        jobs.size() - 6), "the old jobs lines stay first");
    List<String> header = Files.readAllLines(out.resolve("toy-manifest.tsv")).stream()
        .filter(l -> l.startsWith("# invocation: ") || l.startsWith("# override: ") || l.startsWith("# trials: "))
        .map(l -> l.replaceAll(" at \\S+:", ":")).toList();
    assertEquals(List.of(
        "# invocation: 1: 2 experiments, 2 new (rows 0-1)", "# trials: 1", "# override: set lr=0.1",
        "# override: set note=a",
        "# invocation: 2: 4 experiments, 2 new (rows 2-3)", "# trials: 1", "# override: set lr=0.1,0.2",
        "# override: set note=a",
        "# invocation: 3: 8 experiments, 4 new (rows 4-7)", "# trials: 2", "# override: set lr=0.1,0.2",
        "# override: set note=a", "# override: set n_trials=2"), header, "one block per sweep that changed it");

    CliRun results = cli("results", "toy", "--out", out.toString(), "--metric", "seed");
    assertEquals(0, results.code(), results.err());
    assertTrue(results.out().startsWith("sweep toy: 8 experiments, 2 DONE, 6 PENDING;"), results.out());
    CliRun status = cli("status", "toy", "--out", out.toString());
    assertTrue(status.out().startsWith("sweep toy in " + out + ": 8 experiments\n"), status.out());
    assertTrue(status.out().contains("  done          2\n"), status.out());
    CliRun verify = cli("verify", "toy", "--out", out.toString());
    assertTrue(verify.out().endsWith("verify: 8 experiments, 8 ok\n"), verify.out());
    CliRun dry = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString(), "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().contains("6 of 8 experiments"), dry.out());
    assertTrue(dry.out().contains("'--array=2-7"), dry.out());
    assertEquals(8, ExperimentFiles.ofSweep(out, "toy").size());
  }
}
