package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.store.ReadOnly;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors name the path or element concerned, on one line; the machine's refusals exit 1, bad input 2. */
class CliErrorsTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("toy", TestParams.class, new TestParamsGrid(new double[] {0.1}, new String[] {"a"}))
          .template("jsonnet/test_model.jsonnet")
          .trainer(() -> (p, e) -> e.writeMetrics(Map.of("accuracy", 0.5, "note", p.note()))).build());

  private Path jar;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  private Path swept() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()).code());
    return out;
  }

  @Test
  void runningOutOfMemoryIsOneLineWithHowToGiveMoreAndExitOne() throws Exception {
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of(specs, spec -> {
      throw new OutOfMemoryError("Java heap space");    // where a command over a huge sweep would run out
    }, "sweep", "toy", "--out", out.toString());
    long max = Runtime.getRuntime().maxMemory();
    assertEquals("sweep: out of memory: the JVM's heap (at most " + (max >> 20) + " MiB) is too small for this"
        + " sweep; give it more with java -Xmx (for example java -Xmx" + ((2 * max + (1L << 30) - 1) >> 30)
        + "g -jar ...)\n", r.err());
    assertEquals(1, r.code());
    assertEquals("sweep: out of memory: the JVM's heap (at most 128 MiB) is too small for this sweep; give it more"
        + " with java -Xmx (for example java -Xmx1g -jar ...)", HyperCli.outOfMemory("sweep", 128L << 20));
    assertEquals(false, Files.exists(out));
  }

  @Test
  void aConfigThatIsADirectoryIsNamed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("conf.d"));
    CliRun r = cli("show", "toy", "--config", dir.toString());
    assertEquals(dir + ": is a directory, not a sweep file (give its .toml file)\n", r.err());
    assertEquals(2, r.code());
  }

  @Test
  void anOutThatIsAFileIsNamed() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
    CliRun r = cli("sweep", "toy", "--out", file.toString(), "--jar", jar.toString());
    assertEquals("cannot create output directory " + file + ": " + file + " exists and is not a directory\n",
        r.err());
    assertEquals(2, r.code());
  }

  @Test
  void aMetricThatIsNoNumberSaysSoAndNamesTheNumericKeys() throws Exception {
    Path out = swept();
    assertEquals(0, cli("run", ExperimentFiles.ofSweep(out, "toy").get(0).toString()).code());   // one DONE
    Path metrics;
    try (Stream<Path> files = Files.walk(out.resolve("model/generated/toy"))) {
      metrics = files.filter(f -> f.getFileName().toString().equals("metrics.json")).sorted().findFirst().orElseThrow();
    }
    CliRun r = cli("results", "toy", "--out", out.toString(), "--metric", "note");
    assertEquals("results: 'note' is no number in any metrics.json of sweep 'toy' (" + metrics + " has a string,"
        + " \"a\"); rank by a number: accuracy (choose one with --metric)\n", r.err());
    assertEquals(2, r.code());
  }

  @Test
  void aReportInADirectoryWithoutWritePermissionExitsOneNamingTheReport() throws Exception {
    Path out = swept();
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    boolean immutable = ReadOnly.make(locked);
    try {
      CliRun r = cli("results", "toy", "--out", out.toString(), "--csv", locked.resolve("r.csv").toString());
      assertEquals("failed: " + locked.resolve("r.csv") + ": " + refusal(immutable) + "\n", r.err());
      assertEquals(1, r.code());
    } finally {
      ReadOnly.undo(locked, immutable);
    }
  }

  @Test
  void anOutputDirectoryWithoutWritePermissionExitsOne() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    boolean immutable = ReadOnly.make(locked);
    try {
      CliRun r = cli("sweep", "toy", "--out", locked.resolve("out").toString(), "--jar", jar.toString());
      assertEquals("cannot create output directory " + locked.resolve("out") + ": " + refusal(immutable) + "\n",
          r.err());
      assertEquals(1, r.code());
    } finally {
      ReadOnly.undo(locked, immutable);
    }
  }

  @Test
  void verifyOfATreeWithAnUnreadableDirectoryNamesIt() throws Exception {
    Path tree = Path.of("/proc/1/task/1");      // as root, only the kernel refuses a read: fdinfo of pid 1
    Path refused = null;
    try (Stream<Path> files = Files.walk(tree)) {
      files.forEach(f -> { });
    } catch (UncheckedIOException e) {
      refused = e.getCause() instanceof AccessDeniedException a ? Path.of(a.getFile()) : null;
    }
    dev.hyper.runtime.Required.that(refused != null, "every directory under " + tree + " is readable here");
    CliRun r = cli("verify", tree.toString());
    assertEquals("failed: " + refused + ": permission denied (looking for experiment TOML files under " + tree
        + ")\n", r.err());
    assertEquals(1, r.code());
  }

  /** A real full disk: a tiny tmpfs, filled, in a mount namespace of its own (needs root and unshare). */
  @Test
  void aReportOnAFullDiskExitsOneNamingTheReport() throws Exception {
    Path modelJar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = tmp.resolve("out");
    Process sweep = new ProcessBuilder(java, "-jar", modelJar.toString(), "sweep", "toy", "--out", out.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertEquals(0, sweep.waitFor());
    Path full = Files.createDirectories(tmp.resolve("full"));
    String script = "mount -t tmpfs -o size=8k tmpfs \"$1\" || exit 99; dd if=/dev/zero of=\"$1/fill\" bs=1k"
        + " 2>/dev/null; shift; exec \"$@\"";
    String unshare = dev.hyper.runtime.Required.tool("unshare").toString();
    Process p = new ProcessBuilder(unshare, "--mount", "sh", "-c", script, "sh", full.toString(), java, "-jar",
        modelJar.toString(), "results", "toy", "--out", out.toString(), "--csv", full.resolve("r.csv").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    dev.hyper.runtime.Required.that(code != 99 && !err.startsWith("unshare:"), "cannot mount a tmpfs here: " + err);
    assertEquals("failed: " + full.resolve("r.csv") + ": No space left on device\n", err);
    assertEquals(1, code);
  }

  @Test
  void aFullDiskOrARefusedPermissionExitsOneWithThePathBadInputTwo() {
    assertEquals(List.of(1, "failed: /o/r.csv: No space left on device\n"),
        handled(new FileSystemException("/o/r.csv", null, "No space left on device")));
    assertEquals(List.of(1, "failed: /o/r.csv: permission denied\n"), handled(new AccessDeniedException("/o/r.csv")));
    assertEquals(List.of(1, "sweep 'toy': cannot write under /o: No space left on device\n"),
        handled(new HyperException("sweep 'toy': cannot write under /o: No space left on device",
            new IOException("No space left on device"))));
    assertEquals(List.of(1, "cannot create output directory /o: Read-only file system\n"),
        handled(new HyperException("cannot create output directory /o: Read-only file system",
            new FileSystemException("/o", null, "Read-only file system"))));
    assertEquals(List.of(2, "cannot create output directory /o: /o exists and is not a directory\n"),
        handled(new HyperException("cannot create output directory /o: /o exists and is not a directory",
            new java.nio.file.FileAlreadyExistsException("/o"))));
    assertEquals(List.of(2, "permission denied in a message is no refusal\n"),
        handled(new HyperException("permission denied in a message is no refusal")));
  }

  @Test
  void aWriteThatFailsWithoutAPathIsNamedByTheFileWritten() {
    IOException full = dev.hyper.runtime.io.IoProblems.withPath(new IOException("No space left on device"),
        Path.of("/o/r.csv"));
    assertEquals(List.of(1, "failed: /o/r.csv: No space left on device\n"), handled(full));
    IOException temp = dev.hyper.runtime.io.IoProblems.withPath(new AccessDeniedException("/o/.r.csv.x1.tmp"),
        Path.of("/o/r.csv"));
    assertEquals(List.of(1, "failed: /o/r.csv: permission denied\n"), handled(temp));
  }

  /** What the system says: mode bits refuse with EACCES, the immutable attribute (needed as root) with EPERM. */
  private static String refusal(boolean immutable) {
    return immutable ? "Operation not permitted" : "permission denied";
  }

  private static List<Object> handled(Exception e) {
    StringWriter err = new StringWriter();
    PrintWriter w = new PrintWriter(err);
    int code = HyperCli.handle(e, w);
    w.flush();
    return List.of(code, err.toString());
  }

  @Test
  void readingASweepWithNoExperimentsSaysHowToWriteThem() throws Exception {
    Path nowhere = tmp.resolve("nowhere");
    for (String command : List.of("status", "exec", "verify", "results")) {
      CliRun r = cli(command, "toy", "--out", nowhere.toString());
      assertEquals(2, r.code(), command);
      assertEquals("no experiments of sweep 'toy' under " + nowhere + ": write them first with 'java -jar model.jar"
          + " sweep toy --out " + nowhere + "'\n", r.err(), command);
      assertEquals(List.of(), r.out().lines().toList(), command);
    }
  }
}
