package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.TestParamsGrid;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing, in child JVMs: a model jar whose sweep is found by ServiceLoader, {@code sweep}
 * snapshots that jar (found from the record's code source), and the jobs script runs each experiment
 * from its snapshot with {@code java -jar}.
 */
class JarEndToEndTest {
  @TempDir Path tmp;

  @Test
  void sweepFromAJarThenRunTheJobsScript() throws Exception {
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    Path out = tmp.resolve("out with space");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    String sweep = exec(tmp, List.of(java, "-jar", jar.toString(), "sweep", "toy", "--out", out.toString()), 0);
    assertTrue(sweep.contains("sweep toy: 4 experiments, 4 written, 0 already there"), sweep);

    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("java"), Path.of(java));
    ProcessBuilder pb = new ProcessBuilder("bash", out.resolve("toy-jobs.sh").toString()).directory(tmp.toFile());
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    String jobs = run(pb, 0);
    assertEquals(4, jobs.lines().filter(l -> l.startsWith("done: experiment ")).count(), jobs);

    List<Path> metrics;
    try (Stream<Path> files = Files.walk(out.resolve("model/generated/toy"))) {
      metrics = files.filter(f -> f.getFileName().toString().equals("metrics.json")).toList();
    }
    assertEquals(4, metrics.size());
    List<String> notes = new ArrayList<>();
    for (Path m : metrics) {
      JsonConfig c = JsonConfig.read(m);
      assertEquals(4, c.getInt("epochs"));
      notes.add(c.getString("note"));
    }
    assertEquals(2, notes.stream().filter(TestParamsGrid.TRICKY::equals).count());
  }

  private static String exec(Path dir, List<String> command, int expectedCode) throws Exception {
    return run(new ProcessBuilder(command).directory(dir.toFile()), expectedCode);
  }

  private static String run(ProcessBuilder pb, int expectedCode) throws Exception {
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expectedCode, p.waitFor(), out);
    return out;
  }
}
