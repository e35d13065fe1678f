package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --next N}: a model-based wave appended to a sweep directory like any extension, from what its
 * manifest lists and their metrics; the same directory gives the same points.
 */
class NextSweepTest {
  @TempDir Path tmp;

  private static final double[] LRS = new double[40];

  static {
    for (int i = 0; i < LRS.length; i++) {
      LRS[i] = 0.01 * (i + 1);
    }
  }

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("toy", TestParams.class, new TestParamsGrid(LRS, new String[] {"a", "b"}))
          .template("jsonnet/test_model.jsonnet").trainer(() -> (p, e) -> { }).build());

  private Path jar;
  private Path out;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  private CliRun sweep(Path dir, String... extra) {
    List<String> args = new ArrayList<>(List.of("sweep", "toy", "--out", dir.toString(), "--jar", jar.toString()));
    args.addAll(List.of(extra));
    return cli(args.toArray(String[]::new));
  }

  @BeforeEach
  void sweepTwelveAndRunThem() throws Exception {
    jar = dev.hyper.runtime.TestJars.modelJar(tmp.resolve("build/model.jar"));
    out = tmp.resolve("out");
    CliRun first = sweep(out, "--set", "lr=0.01,0.05,0.09,0.13,0.17,0.21", "--set", "note=a");
    assertEquals(0, first.code(), first.err());
    CliRun exec = cli("exec", "toy", "--out", out.toString());
    assertEquals(0, exec.code(), exec.err());
  }

  private List<String> rows(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve("toy-manifest.tsv")).stream().filter(l -> l.matches("[0-9]+\t.*"))
        .toList();
  }

  @Test
  void nextAppendsTheProposedPointsAndIsDeterministicForTheDirectory() throws Exception {
    Path copy = tmp.resolve("copy");
    try (Stream<Path> files = Files.walk(out)) {        // the same finished experiments, in another directory
      for (Path f : files.toList()) {
        Path to = copy.resolve(out.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else if (!f.getFileName().toString().equals(".hyper.lock")) {
          Files.copy(f, to);
        }
      }
    }
    List<String> before = rows(out);
    assertEquals(12, before.size());
    CliRun next = sweep(out, "--next", "5", "--metric", "seed", "--goal", "max");
    assertEquals(0, next.code(), next.err());
    assertTrue(next.out().startsWith("sweep toy: next 5: TPE over 12 finished of 12 experiments, seed max, seed 12:"
        + " 5 points\n"), next.out());
    assertTrue(next.out().contains("the manifest lists 17 experiments: 12 from earlier sweeps, 5 new\n"), next.out());
    List<String> rows = rows(out);
    assertEquals(before, rows.subList(0, 12));
    assertEquals(17, rows.size());
    assertTrue(Files.readAllLines(out.resolve("toy-manifest.tsv")).contains(
        "# override: next 5: TPE over 12 finished of 12 experiments, seed max, seed 12"));

    CliRun again = sweep(copy, "--next", "5", "--metric", "seed", "--goal", "max");
    assertEquals(0, again.code(), again.err());
    assertEquals(rows, rows(copy), "the same directory proposes the same points");

    CliRun wave2 = sweep(out, "--next", "3", "--metric", "seed", "--goal", "max");   // the 5 new ones are taken
    assertTrue(wave2.out().startsWith("sweep toy: next 3: TPE over 12 finished of 17 experiments, seed max, seed 17:"
        + " 3 points\n"), wave2.out());
    assertEquals(20, rows(out).size());
  }

  @Test
  void nextReadsALazySweepsDrawnRowsWithTheDeclaredSweep() throws Exception {
    Path lazy = tmp.resolve("lazy");
    CliRun first = sweep(lazy, "--lazy", "--set", "lr=0.01,0.05,0.09", "--set", "note=a");
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.readString(lazy.resolve("toy-manifest.tsv")).contains("\n# drawn: 6 rows,"));
    CliRun exec = cli("exec", "toy", "--out", lazy.toString());
    assertEquals(0, exec.code(), exec.err());
    CliRun next = sweep(lazy, "--lazy", "--next", "2", "--metric", "seed", "--goal", "max", "--set", "note=b");
    assertEquals(0, next.code(), next.err());
    assertTrue(next.out().startsWith("sweep toy: next 2: TPE over 6 finished of 6 experiments, seed max, seed 6:"
        + " 2 points\n"), next.out());
    assertTrue(next.out().contains("the manifest lists 8 experiments: 6 from earlier sweeps, 2 new\n"), next.out());
  }

  @Test
  void execRunsWavesWithNoOtherProcess() throws Exception {
    CliRun waves = cli("exec", "toy", "--out", out.toString(), "--waves", "3", "--next", "2", "--metric", "seed");
    assertEquals(0, waves.code(), waves.err());
    assertTrue(waves.out().contains("exec toy: wave 3 of 3\n"), waves.out());
    assertEquals(16, rows(out).size(), "12, then 2 and 2 proposed");
    CliRun status = cli("status", "toy", "--out", out.toString());
    assertTrue(status.out().contains("  done         16\n"), status.out());
    CliRun bad = cli("exec", "toy", "--out", out.toString(), "--waves", "2");
    assertEquals("exec: --waves and --next go together (--waves W --next N)\n", bad.err());
    assertEquals(2, bad.code());
  }

  @Test
  void submitWithWavesSubmitsTheChainJobAfterTheArray() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String[] s : new String[][] {{"squeue", "exit 0\n"}, {"scontrol", "echo 'MaxArraySize            = 1001'\n"},
        {"sbatch", "d=\"$(dirname \"$0\")\"; printf '%s\\0' \"$*\" >>\"$d/sbatch.log\"; n=$(( $(cat \"$d/n\" 2>/dev/null"
            + " || echo 0) + 1 )); echo $n >\"$d/n\"; echo $(( 40 + n ))\n"}}) {
      Path f = bin.resolve(s[0]);
      Files.writeString(f, "#!/bin/bash\n" + s[1]);
      assertTrue(f.toFile().setExecutable(true));
    }
    CliRun more = sweep(out, "--set", "lr=0.25,0.29", "--set", "note=a");   // 4 pending
    assertEquals(0, more.code(), more.err());
    CliRun r = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString(), "--waves", "3", "--next",
        "2", "--metric", "seed", "--goal", "max");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("next wave: job 42 starts after jobs 41 end: it adds 2 points (sweep --next 2) and"
        + " submits the first of the 2 waves left; its output goes to toy-waves.log\n"), r.out());
    List<String> calls = List.of(Files.readString(bin.resolve("sbatch.log")).split("\0"));
    assertEquals(2, calls.size(), calls.toString());
    String chain = calls.get(1);
    assertTrue(chain.startsWith("--parsable --chdir=" + out + " --job-name=toy-waves --output=toy-waves.log"
        + " --open-mode=append --ntasks=1 --dependency=afterany:41 --wrap="), chain);
    assertTrue(chain.contains(" sweep toy --out '" + out + "' --next 2 --metric seed --goal max && "), chain);
    assertTrue(chain.contains(" submit toy --out '" + out + "' --waves 2 --next 2 --metric seed --goal max --slurm-bin '"
        + bin + "'"), chain);
    CliRun bad = cli("submit", "toy", "--out", out.toString(), "--slurm-bin", bin.toString(), "--next", "2");
    assertEquals("submit: --waves and --next go together (--waves W --next N)\n", bad.err());
    assertEquals(2, bad.code());
    CliRun zero = cli("exec", "toy", "--out", out.toString(), "--waves", "0", "--next", "2");
    assertEquals("exec: --waves must be 1 to 1000, was 0\n", zero.err());
  }

  @Test
  void badNextOptionsAreOneLineAndWriteNothing() throws Exception {
    List<String> before = rows(out);
    CliRun zero = sweep(out, "--next", "0");
    assertEquals("sweep: --next must be 1 to 100000, was 0\n", zero.err());
    assertEquals(2, zero.code());
    CliRun goal = sweep(out, "--next", "2", "--goal", "up");
    assertEquals("sweep: --goal must be min or max, found 'up'\n", goal.err());
    assertEquals(2, goal.code());
    assertEquals(before, rows(out));
  }
}
