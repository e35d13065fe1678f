package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.TestProvider;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.SweepManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lazy sweep into a new directory draws its rows from a plan in the manifest's header rather than listing them
 * ({@code DrawnRows}), on the real jar in child JVMs: every reader sees the rows a listed sweep
 * ({@code -Dhyper.draw=false}) lists; the jobs script loops over them; the array script's {@code task-lines} gives
 * the task list's lines; a sweep that extends the directory lists the drawn rows where they were; a program that
 * draws other rows is told which one to run.
 */
class DrawnSweepTest {
  @TempDir Path tmp;

  private Path jar;
  private final String java = ChildRun.JAVA;
  private final SweepSpec<?> toy = new TestProvider().spec();

  @BeforeEach
  void jar() throws Exception {
    jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
  }

  private ChildRun hyper(Path dir, String... args) throws Exception {
    return ChildRun.jar(dir, jar, List.of(), args);
  }

  /** The manifest's rows as this version writes them, drawn or listed. */
  private String rows(Path out) throws Exception {
    StringBuilder sb = new StringBuilder();
    ManifestFile.read(out, toy).orElseThrow().forEachRow(r -> sb.append(SweepManifest.row(r)));
    return sb.toString();
  }

  /** The lines of {@code file} that are not comments, from the first that runs something. */
  private static List<String> commands(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> l.startsWith("\"$hyper_java\"") || l.startsWith("for ")
        || l.startsWith("  \"$hyper_java\"") || l.equals("done")).toList();
  }

  @Test
  void theRowsAreDrawnAsAListedSweepListsThemAndTheJobsScriptRunsEachOnce() throws Exception {
    Path drawn = tmp.resolve("drawn");
    Path listed = tmp.resolve("listed");
    ChildRun sweep = hyper(tmp, "sweep", "toy", "--out", drawn.toString(), "--lazy");
    assertEquals(0, sweep.code(), sweep.out());
    assertEquals(0, ChildRun.jar(tmp, jar, List.of("-Dhyper.draw=false"), "sweep", "toy", "--out", listed.toString(),
        "--lazy").code());

    String manifest = Files.readString(drawn.resolve("toy-manifest.tsv"));
    assertTrue(manifest.contains("\n# drawn: 4 rows, 1 trial per point, grid, fingerprint "), manifest);
    assertTrue(manifest.contains("\n# drawn values: lr\t0.001\n"), manifest);
    assertTrue(manifest.endsWith("\nrow\tid\ttrial\tlr\tnote\tmode\tconfig\n"), "no row is listed: " + manifest);
    assertFalse(Files.readString(listed.resolve("toy-manifest.tsv")).contains("# drawn"));
    assertEquals(4, rows(listed).lines().count());
    assertEquals(rows(listed), rows(drawn), "the rows drawn are the rows listed");

    // the array script's lines: none in the task list, the same from the sweep's program
    assertEquals("", Files.readString(drawn.resolve("toy-slurm-tasks.tsv")));
    ChildRun lines = hyper(drawn, "task-lines", "toy", "--from", "0", "--count", "9");
    assertEquals(0, lines.code(), lines.out());
    assertEquals(Files.readString(listed.resolve("toy-slurm-tasks.tsv")), lines.out());
    ChildRun two = hyper(drawn, "task-lines", "toy", "--from", "2", "--count", "2");
    assertEquals(Files.readAllLines(listed.resolve("toy-slurm-tasks.tsv")).subList(2, 4),
        two.out().lines().toList());
    ChildRun past = hyper(drawn, "task-lines", "toy", "--from", "4");
    assertEquals("task-lines: sweep 'toy' in " + drawn + " has no row 4\n", past.out());
    assertEquals(2, past.code());

    // the jobs script: one loop over the rows, each run making its experiment
    assertEquals(List.of("for ((row = 0; row < 4; row++)); do",
        "  \"$hyper_java\" -jar 'config/generated/toy/.lazy/1/model.jar' run 'config/generated/toy/.lazy/1' --row \"$row\"",
        "done"), commands(drawn.resolve("toy-jobs.sh")));
    Path shellcheck = dev.hyper.runtime.Required.tool("shellcheck");
    ChildRun checked = ChildRun.of(drawn, List.of(shellcheck.toString(), "toy-jobs.sh"));
    assertEquals(0, checked.code(), checked.out());
    ChildRun jobs = ChildRun.of(drawn, List.of("bash", "toy-jobs.sh"));
    assertEquals(0, jobs.code(), jobs.out());
    ChildRun status = hyper(tmp, "status", "toy", "--out", drawn.toString());
    assertTrue(status.out().contains("  done          4\n"), status.out());
    assertEquals("verify: 4 experiments, 4 ok\n", hyper(tmp, "verify", "toy", "--out", drawn.toString()).out());
    ChildRun again = ChildRun.of(drawn, List.of(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run",
        "config/generated/toy/.lazy/1", "--row", "3"));
    assertEquals(0, again.code(), again.out());
    assertTrue(again.out().startsWith("already done: "), again.out());
  }

  @Test
  void aSweepThatExtendsTheDirectoryListsTheDrawnRowsWhereTheyWere() throws Exception {
    Path drawn = tmp.resolve("drawn");
    Path listed = tmp.resolve("listed");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", drawn.toString(), "--lazy").code());
    assertEquals(0, ChildRun.jar(tmp, jar, List.of("-Dhyper.draw=false"), "sweep", "toy", "--out", listed.toString(),
        "--lazy").code());
    ChildRun first = ChildRun.of(drawn, List.of(java, "-jar", "config/generated/toy/.lazy/1/model.jar", "run",
        "config/generated/toy/.lazy/1", "--row", "1"));
    assertEquals(0, first.code(), first.out());
    String before = rows(drawn);

    for (Path out : List.of(drawn, listed)) {
      ChildRun more = hyper(tmp, "sweep", "toy", "--out", out.toString(), "--lazy", "--set", "n_trials=2");
      assertEquals(0, more.code(), more.out());
      assertTrue(more.out().contains("the manifest lists 8 experiments: 4 from earlier sweeps, 4 new"), more.out());
    }
    String manifest = Files.readString(drawn.resolve("toy-manifest.tsv"));
    assertFalse(manifest.contains("# drawn"), "listed from now on: " + manifest);
    assertEquals(rows(listed), rows(drawn));
    assertTrue(rows(drawn).startsWith(before), "the drawn rows kept their numbers");
    assertEquals(Files.readString(listed.resolve("toy-slurm-tasks.tsv")),
        Files.readString(drawn.resolve("toy-slurm-tasks.tsv")));
    assertEquals(commands(listed.resolve("toy-jobs.sh")), commands(drawn.resolve("toy-jobs.sh")));
    assertEquals(8, commands(drawn.resolve("toy-jobs.sh")).size());
    ChildRun status = hyper(tmp, "status", "toy", "--out", drawn.toString());
    assertTrue(status.out().contains("  done          1\n"), status.out());
    assertTrue(status.out().contains("  pending       7   (never started)\n"), status.out());
  }

  @Test
  void aProgramThatDrawsOtherRowsIsToldWhichProgramToRun() throws Exception {
    Path drawn = tmp.resolve("drawn");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", drawn.toString(), "--lazy").code());
    Path file = drawn.resolve("toy-manifest.tsv");
    String manifest = Files.readString(file);
    int at = manifest.indexOf(", fingerprint ") + ", fingerprint ".length();
    String fingerprint = manifest.substring(at, at + 16);
    Files.writeString(file, manifest.replace("fingerprint " + fingerprint, "fingerprint 0000000000000000"));
    ChildRun status = hyper(tmp, "status", "toy", "--out", drawn.toString());
    assertEquals(file + ": its 4 rows are drawn from the sweep's plan, and this program's sweep 'toy' draws other"
        + " experiments from it (fingerprint " + fingerprint + ", not 0000000000000000); if the manifest was not"
        + " edited, run the command with the program that swept them: java -jar config/generated/toy/.lazy/1/model.jar ...\n",
        status.out());
    assertEquals(2, status.code());

    Files.writeString(file, manifest.replace("# drawn: 4 rows", "# drawn: 5 rows"));
    ChildRun edited = hyper(tmp, "status", "toy", "--out", drawn.toString());
    assertEquals(file + ": its rows are drawn from a plan of 5 rows, but it records 4 experiments; was it edited?\n",
        edited.out());
    assertEquals(2, edited.code());
    Files.writeString(file, manifest.replace("# drawn: 4 rows, 1 trial", "# drawn: 4 rows, one trial"));
    ChildRun malformed = hyper(tmp, "status", "toy", "--out", drawn.toString());
    assertEquals(file + ": a '# drawn:' line Hyper cannot read: # drawn: 4 rows, one trial per point, grid,"
        + " fingerprint " + fingerprint + "\n", malformed.out());
    assertEquals(2, malformed.code());
  }

  @Test
  void anEditedPlanIsAnErrorNamingTheManifestNeverAnotherExperiment() throws Exception {
    Path drawn = tmp.resolve("drawn");
    assertEquals(0, hyper(tmp, "sweep", "big", "--out", drawn.toString(), "--lazy").code());
    Path file = drawn.resolve("big-manifest.tsv");
    String manifest = Files.readString(file);
    String values = "\n# drawn values: lr\t1.0E-5\t2.0E-5\t3.0000000000000004E-5\t";
    assertTrue(manifest.contains(values), manifest);

    // lr's second value, of rows 4 to 7 (none of them among the rows the fingerprint hashes), changed
    Files.writeString(file, manifest.replace(values, "\n# drawn values: lr\t1.0E-5\t2.5E-5\t3.0000000000000004E-5\t"));
    ChildRun status = hyper(tmp, "status", "big", "--out", drawn.toString());
    assertEquals(2, status.code(), status.out());
    assertTrue(status.out().startsWith(file + ": its 2000 rows are drawn from the sweep's plan, "), status.out());
    assertEquals(1, status.out().lines().count(), status.out());
    ChildRun run = ChildRun.of(drawn, List.of(java, "-jar", "config/generated/big/.lazy/1/model.jar", "run",
        "config/generated/big/.lazy/1", "--row", "4"));
    assertEquals(2, run.code(), run.out());
    assertTrue(run.out().startsWith(file + ": its 2000 rows are drawn from the sweep's plan, "), run.out());
    assertFalse(Files.exists(drawn.resolve("config/generated/big/d7db8f5911d2")), "lr 2.5E-5 was made as row 4");

    // a parameter's values left out: one line, not an internal error
    Files.writeString(file, manifest.replace("\n# drawn values: note\t\"a\"\t\"b\"\n", "\n# drawn values: note\n"));
    ChildRun none = hyper(tmp, "status", "big", "--out", drawn.toString());
    assertEquals(file + ": the plan's values cannot be drawn by sweep 'big': parameter 'note' has no values\n",
        none.out());
    assertEquals(2, none.code());
  }

  @Test
  void runOfAnInvocationDirectoryNeedsARowItAdded() throws Exception {
    Path drawn = tmp.resolve("drawn");
    assertEquals(0, hyper(tmp, "sweep", "toy", "--out", drawn.toString(), "--lazy").code());
    ChildRun noRow = ChildRun.of(drawn, List.of(java, "-jar", jar.toString(), "run", "config/generated/toy/.lazy/1"));
    assertEquals("run: config/generated/toy/.lazy/1 is a lazy sweep's invocation directory; name the row to run"
        + " with --row K\n", noRow.out());
    assertEquals(2, noRow.code());
    ChildRun past = ChildRun.of(drawn, List.of(java, "-jar", jar.toString(), "run", "config/generated/toy/.lazy/1", "--row", "4"));
    assertEquals("run: sweep 'toy' has no row 4 made from config/generated/toy/.lazy/1\n", past.out());
    assertEquals(2, past.code());
    ChildRun other = ChildRun.of(drawn, List.of(java, "-jar", jar.toString(), "run", "config", "--row", "0"));
    assertEquals("run: config is neither an experiment's TOML nor a lazy sweep's invocation directory"
        + " (config/generated/SWEEP/.lazy/N)\n", other.out());
    assertEquals(2, other.code());
    assertFalse(Files.exists(drawn.resolve("model/generated/toy")) && Files.list(drawn.resolve("model/generated/toy"))
        .anyMatch(p -> !p.getFileName().toString().startsWith(".")), "nothing was made");
  }
}
