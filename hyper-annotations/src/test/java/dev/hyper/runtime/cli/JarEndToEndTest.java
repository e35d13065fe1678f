package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
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
    Path jar = modelJar(tmp.resolve("build/model.jar"));
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

  /** A jar like a model build would make: the test sweep, its template, the service file, and a manifest. */
  private static Path modelJar(Path jar) throws IOException {
    Path testClasses = Path.of(TestParams.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    List<String> classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).filter(p -> !p.toAbsolutePath().equals(testClasses.toAbsolutePath()))
        .map(p -> p.toAbsolutePath().toUri().toString()).collect(Collectors.toList());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.hyper.runtime.Launcher");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    Files.createDirectories(jar.getParent());
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
      try (Stream<Path> files = Files.walk(testClasses)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = testClasses.relativize(f).toString().replace(File.separatorChar, '/');
          boolean wanted = name.startsWith("jsonnet/") || name.matches("dev/hyper/runtime/Test[A-Za-z$]*\\.class");
          if (wanted) {
            j.putNextEntry(new JarEntry(name));
            j.write(Files.readAllBytes(f));
            j.closeEntry();
          }
        }
      }
      j.putNextEntry(new JarEntry("META-INF/services/" + SweepSpec.Provider.class.getName()));
      j.write("dev.hyper.runtime.TestProvider\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
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
