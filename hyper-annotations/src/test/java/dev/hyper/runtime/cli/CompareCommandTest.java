package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.snapshot.Program;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare names exactly what differs: the params of two points of a sweep; the class that changed in a dependency. */
class CompareCommandTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("toy")
      .trainer(() -> (p, e) -> e.writeMetrics(Map.of("loss", p.lr(), "note", p.note()))).build());

  private Program program;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> program, args);
  }

  /** A jar with {@code entries} (name -> content), fixed times; a manifest with {@code classPath} if not null. */
  private static Path jar(Path file, String classPath, Map<String, String> entries) throws Exception {
    Files.createDirectories(file.getParent());
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.hyper.runtime.cli.Launcher");
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream o = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(o)) {
      JarEntry me = new JarEntry(JarFile.MANIFEST_NAME);
      me.setTime(0);
      j.putNextEntry(me);
      m.write(j);
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        JarEntry je = new JarEntry(e.getKey());
        je.setTime(0);
        j.putNextEntry(je);
        j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  /** app.jar with the template, and lib/dep.jar whose x/B.class holds {@code b}. */
  private Program app(String dir, String b) throws Exception {
    Map<String, String> resources = new java.util.TreeMap<>();
    for (String r : List.of("jsonnet/test_model.jsonnet", "jsonnet/lib/base.libsonnet")) {
      try (var in = getClass().getClassLoader().getResourceAsStream(r)) {
        resources.put(r, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    jar(tmp.resolve(dir).resolve("lib/dep.jar"), null, Map.of("x/A.class", "a", "x/B.class", b));
    return Program.ofJar(jar(tmp.resolve(dir).resolve("app.jar"), "lib/dep.jar", resources));
  }

  private static List<Path> tomls(Path out) throws Exception {
    try (Stream<Path> files = Files.walk(out.resolve("config/generated/toy"))) {
      return files.filter(f -> f.toString().endsWith(".toml")).sorted().toList();
    }
  }

  @Test
  void twoPointsOfOneSweepDifferInExactlyTheirDifferingParams() throws Exception {
    program = app("v1", "b");
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString()).code());
    TestParams want0 = new TestParams(0.001, "plain", TestParams.Mode.FAST);
    TestParams want1 = new TestParams(0.0001, "plain", TestParams.Mode.FAST);
    Path a = null;
    Path b = null;
    for (Path t : tomls(out)) {
      TestParams p = ExperimentConfig.load(t, TestSweeps.builder("toy").build()).params();
      a = p.equals(want0) ? t : a;
      b = p.equals(want1) ? t : b;
    }
    assertEquals(0, cli("run", a.toString()).code());
    CliRun r = cli("compare", a.toString(), b.getParent().toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(List.of("params:", "  lr: 0.001 -> 1.0E-4"), lines.subList(1, 3));
    assertTrue(lines.contains("  optimizer.lr: 0.001 -> 1.0E-4"), r.out());
    assertTrue(lines.contains("java runtime: the same"), r.out());
    assertTrue(lines.contains("code: the same"), r.out());
    assertTrue(lines.contains("  loss  0.001 | -"), r.out());
    assertTrue(lines.contains("  note  plain | -"), r.out());
  }

  @Test
  void twoSnapshotsNameTheChangedClassInsideTheChangedJar() throws Exception {
    program = app("v1", "b");
    Path out1 = tmp.resolve("out1");
    assertEquals(0, cli("sweep", "toy", "--out", out1.toString()).code());
    program = app("v2", "b, changed");
    Path out2 = tmp.resolve("out2");
    assertEquals(0, cli("sweep", "toy", "--out", out2.toString()).code());
    Path a = tomls(out1).get(0);
    Path b = out2.resolve(out1.relativize(a));
    CliRun r = cli("compare", a.toString(), b.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.contains("params: the same"), r.out());
    int code = lines.indexOf("code:");
    assertTrue(code > 0, r.out());
    assertEquals(List.of("  dep.jar: changed (1 entries)", "    x/B.class changed"), lines.subList(code + 1, code + 3));
    assertEquals(new CliRun(2, "", "compare: 'nope' is neither an experiment's TOML nor an ID or ID/TRIAL\n"),
        cli("compare", "nope", b.toString()));
  }
}
