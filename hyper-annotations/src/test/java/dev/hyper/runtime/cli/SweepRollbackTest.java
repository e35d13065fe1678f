package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep that fails late leaves the output directory as it was: on a real full disk it still removes the
 * experiments it wrote, and a jobs script or manifest it cannot replace leaves both old files in place and
 * no temporary file behind.
 */
class SweepRollbackTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("toy", TestParams.class, new TestParamsGrid(new double[] {0.1}, new String[] {"a"}))
          .template("jsonnet/test_model.jsonnet").build());

  private Path jar;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  /**
   * Sweep {@code big} (2,000 experiments) into a tmpfs with room for its snapshot store and a few dozen
   * experiments, in a mount namespace of its own. Needs root (CI runs as root), where it must not skip.
   */
  @Test
  void aSweepStoppedByAFullDiskRemovesEveryExperimentItWroteAndLeavesTheDiskEmpty() throws Exception {
    Path modelJar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path reference = tmp.resolve("reference");
    Process whole = new ProcessBuilder(java, "-jar", modelJar.toString(), "sweep", "big", "--out",
        reference.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertEquals(0, whole.waitFor());
    long storeKb = kilobytes(reference.resolve("config/generated/.snapshots"));
    dev.hyper.runtime.Required.that(isRoot(), "mounting a tmpfs needs root");
    String unshare = dev.hyper.runtime.Required.tool("unshare").toString();

    Path mount = Files.createDirectories(tmp.resolve("full"));
    String script = "mount -t tmpfs -o size=" + (storeKb + 400) + "k tmpfs \"$1\" || exit 99; m=$1; shift;"
        + " \"$@\"; echo \"exit $?\" >&2; find \"$m\" -mindepth 1 | sort >&2";
    Process p = new ProcessBuilder(unshare, "--mount", "sh", "-c", script, "sh", mount.toString(), java, "-jar",
        modelJar.toString(), "sweep", "big", "--out", mount.resolve("out").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "unshare and mount, as root: " + err);
    String[] lines = err.split("\n");
    assertEquals(2, lines.length, "the sweep's error, its exit code, and nothing left on the disk: " + err);
    assertTrue(lines[0].matches("sweep 'big', point [0-9]+ \\(id [0-9a-f]+, trial 0: .*\\): cannot write "
        + Pattern.quote(mount.resolve("out/config/generated/big").toString())
        + "/[0-9a-f]+/0: No space left on device \\(the [0-9]+ experiments this run wrote were removed again\\)"),
        lines[0]);
    assertEquals("exit 1", lines[1]);
  }

  @Test
  void aManifestThatCannotBeReplacedLeavesTheOldJobsScriptAndNoTemporaryFiles() throws Exception {
    jar = dev.hyper.runtime.TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()).code());
    Path script = out.resolve("toy-jobs.sh");
    Path manifest = out.resolve("toy-manifest.tsv");
    String oldScript = Files.readString(script);
    List<Path> oldExperiments = ExperimentFiles.ofSweep(out, "toy");
    Files.delete(manifest);                          // in its place, a directory that no rename replaces
    Files.writeString(Files.createDirectories(manifest).resolve("notes.txt"), "mine");
    List<String> before = names(out);

    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString(), "--set", "lr=0.5");
    assertEquals("sweep 'toy': cannot replace " + manifest + ": Is a directory; toy-jobs.sh,"
        + " toy-slurm-tasks.tsv and toy-manifest.tsv are as they were (the 2 experiments this run wrote were removed again)\n", r.err());
    assertEquals(2, r.code());
    assertEquals(oldScript, Files.readString(script));
    assertEquals("mine", Files.readString(manifest.resolve("notes.txt")));
    assertEquals(oldExperiments, ExperimentFiles.ofSweep(out, "toy"));
    assertEquals(before, names(out), "no temporary or backup file is left");
  }

  /** The names directly in {@code dir}, sorted. */
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static long kilobytes(Path dir) throws IOException {
    long kb = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        kb += (Files.size(f) + 4095) / 4096 * 4;
      }
    }
    return kb;
  }

  static boolean isRoot() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    return id.waitFor() == 0 && uid.equals("0");
  }
}
