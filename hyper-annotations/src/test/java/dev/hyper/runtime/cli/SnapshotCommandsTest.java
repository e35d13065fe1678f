package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.snapshot.SnapshotFilesTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole program as snapshot, in-process: JVM options, a run from another class path, a TOML of the
 * layout before main class and runtime were recorded, export, and every refusal with its message.
 */
class SnapshotCommandsTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("toy").jvmArgs("-Xss2m")
      .trainer(() -> (p, e) -> e.writeMetrics(Map.of("loss", 1.0))).build());

  private Program program;

  private CliRun cli(String... args) {
    SnapshotLocator locator = spec -> program;
    return CliRun.of(specs, locator, args);
  }

  /**
   * A thin program: app.jar (with the sweep's template, made once) and its Class-Path lib/dep.jar (made
   * anew with {@code depContent}).
   */
  private Path thinApp(String depContent) throws Exception {
    Path lib = tmp.resolve("app/lib/dep.jar");
    Files.deleteIfExists(lib);
    SnapshotFilesTest.jar(lib, null, null, depContent);
    Path app = tmp.resolve("app/app.jar");
    if (!Files.exists(app)) {
      java.util.jar.Manifest m = new java.util.jar.Manifest();
      m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
      m.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "dev.hyper.runtime.cli.Launcher");
      m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, "lib/dep.jar");
      try (var o = Files.newOutputStream(app); var j = new java.util.jar.JarOutputStream(o, m)) {
        for (String resource : List.of("jsonnet/test_model.jsonnet", "jsonnet/lib/base.libsonnet")) {
          j.putNextEntry(new java.util.jar.JarEntry(resource));
          try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
            in.transferTo(j);
          }
          j.closeEntry();
        }
      }
    }
    return app;
  }

  private Path firstToml(Path out) throws Exception {
    try (Stream<Path> files = Files.walk(out.resolve("config/generated/toy"))) {
      return files.filter(f -> f.toString().endsWith(".toml")).sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void jvmOptionsFromTheRecordSweepFilesAndTheCommandLineAreRecordedInOrder() throws Exception {
    program = Program.ofJar(thinApp("v1"));
    Path file = Files.writeString(tmp.resolve("s.toml"), "[jvm]\nargs = [\"-Xmx300m\"]\n");
    Path out = tmp.resolve("out");
    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--config", file.toString(), "--jvm-arg=-Dk=v w");
    assertEquals(0, r.code(), r.err());
    String toml = Files.readString(firstToml(out));
    assertTrue(toml.contains("\n[jvm]\nargs = [\"-Xss2m\", \"-Xmx300m\", \"-Dk=v w\"]\n"), toml);
    assertTrue(toml.contains("\"jvm-arg -Dk=v w\""), toml);
    assertTrue(Files.readString(out.resolve("toy-jobs.sh"))
        .contains("\"$hyper_java\" '-Xss2m' '-Xmx300m' '-Dk=v w' -jar 'config/generated/toy/"));
  }

  @Test
  void badJvmOptionsAreRefusedBeforeAnythingIsWritten() throws Exception {
    program = Program.ofJar(thinApp("v1"));
    Path out = tmp.resolve("out");
    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--jvm-arg=-Da=b\tc");
    assertEquals(2, r.code());
    assertEquals("--jvm-arg '-Da=b\\tc' is empty or holds a tab, line break or control character\n", r.err());
    for (String[] bad : new String[][] {
        {"zz.Evil", "JVM option 'zz.Evil' does not start with '-' (the java launcher would take it for the main class)"},
        {"@args.txt", "JVM option '@args.txt' does not start with '-' (the java launcher would take it for an argument"
            + " file, whose content the snapshot does not hold)"},
        {"-Xbootclasspath/a:patch.jar", "JVM option '-Xbootclasspath/a:patch.jar' would load code or data from outside"
            + " the snapshot; put what it names on the class path the sweep runs with, where it is snapshotted"},
        {"-javaagent:agent.jar", "JVM option '-javaagent:agent.jar' would load code or data from outside the"
            + " snapshot; put what it names on the class path the sweep runs with, where it is snapshotted"}}) {
      CliRun refused = cli("sweep", "toy", "--out", out.toString(), "--jvm-arg=" + bad[0]);
      assertEquals(new CliRun(2, "", bad[1] + "\n"), refused);
    }
    Path file = Files.writeString(tmp.resolve("s.toml"), "[jvm]\nargs = \"-Xmx1g\"\nopts = 1\n");
    CliRun f = cli("sweep", "toy", "--out", out.toString(), "--config", file.toString());
    assertEquals(2, f.code());
    assertEquals(file + ":2:1: 'jvm.args' must be a list of strings, e.g. args = [\"-Xmx8g\"]\n"
        + file + ":3:1: unknown key 'jvm.opts'. Valid: args.\n", f.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aRunFromAnotherClassPathIsComparedEntryByEntry() throws Exception {
    program = Program.ofJar(thinApp("v1"));
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString()).code());
    Path toml = firstToml(out);
    program = Program.ofJar(thinApp("v2"));                     // the dependency changed since the sweep
    CliRun changed = cli("run", toml.toString());
    assertEquals(2, changed.code());
    String dep = tmp.resolve("app/lib/dep.jar").toString();
    assertTrue(changed.err().startsWith("refusing to run " + toml + ": the running class path's entry 2, " + dep
        + " (SHA-256 "), changed.err());
    assertTrue(changed.err().contains("), is not the snapshot's dep.jar (SHA-256 "), changed.err());
    assertTrue(changed.err().endsWith(" (run it with its snapshot: java -jar " + toml.getParent().resolve("model.jar")
        + " run " + toml + "); use --force to run anyway\n"), changed.err());

    program = Program.ofJar(SnapshotFilesTest.jar(tmp.resolve("other/solo.jar"), "dev.hyper.runtime.cli.Launcher", null));
    CliRun fewer = cli("run", toml.toString());
    assertEquals(2, fewer.code());
    assertTrue(fewer.err().contains(": the running class path's entry 1, "), fewer.err());

    Path model = toml.getParent().resolve("model.jar");           // its own model.jar, and something more
    Path extra = SnapshotFilesTest.jar(tmp.resolve("other/extra.jar"), null, null, "zz/Evil.class");
    program = new Program("dev.hyper.runtime.cli.Launcher",
        dev.hyper.runtime.snapshot.ClassPath.expand(List.of(model, extra)), dev.hyper.runtime.JavaRuntime.current(), null);
    CliRun more = cli("run", toml.toString());
    assertEquals(2, more.code());
    assertTrue(more.err().startsWith("refusing to run " + toml + ": the running class path has " + extra
        + " after the snapshot's entries, which the snapshot does not have (run it as java -jar model.jar)"), more.err());

    program = Program.ofJar(thinApp("v1"));                     // the same bytes again: it runs
    CliRun same = cli("run", toml.toString());
    assertEquals(0, same.code(), same.err());
  }

  @Test
  void aTomlWithoutMainClassAndRuntimeStillRunsAndVerifies() throws Exception {
    program = Program.ofJar(thinApp("v1"));
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString()).code());
    Path toml = firstToml(out);
    String text = Files.readString(toml);
    int provenance = text.indexOf("[provenance]");
    String old = text.substring(0, provenance).replaceAll("(?m)^(main_class|java_version|java_vendor|java_home) = .*\n", "")
        .replaceAll("\n\\[jvm\\]\nargs = .*\n", "\n") + text.substring(provenance);
    assertFalse(old.contains("main_class"), old);
    Files.writeString(toml, old);
    ExperimentConfig<TestParams> config = ExperimentConfig.load(toml, TestSweeps.builder("toy").build());
    assertEquals(null, config.experiment().snapshot().java());
    CliRun verify = cli("verify", toml.toString());
    assertEquals(0, verify.code(), verify.out() + verify.err());
    CliRun run = cli("run", toml.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void aRunOnAnotherJavaFeatureReleaseWarnsAndRecordsIt() throws Exception {
    program = Program.ofJar(thinApp("v1"));
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString()).code());
    Path toml = firstToml(out);
    Files.writeString(toml, Files.readString(toml).replaceFirst("(?m)^java_version = .*$", "java_version = \"11.0.2\""));
    CliRun run = cli("run", toml.toString());
    assertEquals(0, run.code(), run.err());
    String warning = "runs on Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home")
        + "), the snapshot was made with Java 11.0.2 (" + System.getProperty("java.home") + ")";
    assertEquals("warning: " + toml + " " + warning + "\n", run.err());
    Path started = out.resolve(ExperimentConfig.load(toml, TestSweeps.builder("toy").build()).experiment()
        .serializationDir()).resolve("STARTED");
    assertEquals(List.of(warning), org.tomlj.Toml.parse(started).getArray("warnings").toList());
  }

  @Test
  void exportCopiesOneExperimentWithItsSnapshotAndRefusesWhatItCannot() throws Exception {
    program = Program.ofJar(thinApp("v1"));
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString()).code());
    Path toml = firstToml(out);
    String id = toml.getParent().getParent().getFileName().toString();
    Path dest = tmp.resolve("sent");
    CliRun ok = cli("export", id, dest.toString(), "--out", out.toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().startsWith("exported toy " + id + "/0 to " + dest + "\nrun it there with: bash "
        + dest.resolve("toy-jobs.sh")), ok.out());
    try (Stream<Path> files = Files.list(dest.resolve("config/generated/.snapshots"))) {
      assertEquals(3, files.count(), "app.jar, dep.jar and the launcher jar");
    }
    CliRun verified = cli("verify", dest.resolve(out.relativize(toml)).toString());
    assertEquals(0, verified.code(), verified.out() + verified.err());

    assertEquals(new CliRun(2, "", "export: " + dest + " exists already; name a new directory\n"),
        cli("export", toml.toString(), dest.toString()));
    assertEquals(new CliRun(2, "", "export: 'zz' is neither an experiment's TOML nor an ID or ID/TRIAL\n"),
        cli("export", "zz", tmp.resolve("d2").toString()));
    assertEquals(new CliRun(2, "", "export: no experiment 000000000000/0 under " + out + "\n"),
        cli("export", "000000000000/0", tmp.resolve("d2").toString(), "--out", out.toString()));
    assertEquals(new CliRun(2, "", "export: no such experiment file: nope.toml\n"),
        cli("export", "nope.toml", tmp.resolve("d2").toString()));
    Path stored = out.resolve("config/generated/.snapshots").resolve(
        dev.hyper.runtime.snapshot.ProgramSnapshot.describe(tmp.resolve("app/lib/dep.jar")).fileName());
    stored.toFile().setWritable(true);
    Files.write(stored, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    CliRun tampered = cli("export", toml.toString(), tmp.resolve("d3").toString());
    assertEquals(2, tampered.code());
    assertEquals("refusing to export " + toml + ": the class-path entry dep.jar (config/generated/.snapshots/"
        + stored.getFileName() + ") changed after the sweep: its SHA-256 is ", tampered.err().substring(0,
        tampered.err().indexOf("is ") + 3));
    assertFalse(Files.exists(tmp.resolve("d3")));
  }

  @Test
  void theMainClassAndTheRecordMustBeOnTheClassPathThisJvmRuns() throws Exception {
    Path jar = SnapshotFilesTest.jar(tmp.resolve("x/main.jar"), null, null, "x/Main.class");
    String cp = System.getProperty("java.class.path");
    String command = System.getProperty("sun.java.command");
    try {
      System.setProperty("java.class.path", jar.toString());
      System.setProperty("sun.java.command", "x.Missing sweep toy");
      HyperException e = assertThrows(HyperException.class, () -> Program.ofThisJvm(specs.get(0)));
      assertEquals("the main class x.Missing is not on the class path (" + jar + "), so there is no program to"
          + " snapshot; run it with java -jar JAR or java -cp CLASSPATH x.Missing", e.getMessage());
      System.setProperty("sun.java.command", "x.Main sweep toy");
      HyperException r = assertThrows(HyperException.class, () -> Program.ofThisJvm(specs.get(0)));
      assertEquals("dev.hyper.runtime.TestParams is not on the class path (" + jar + "; it was loaded by another"
          + " class loader), so its code cannot be snapshotted; run it with java -jar JAR or java -cp CLASSPATH"
          + " LAUNCHER", r.getMessage());
      System.setProperty("sun.java.command", "");
      HyperException n = assertThrows(HyperException.class, () -> Program.ofThisJvm(specs.get(0)));
      assertEquals("cannot tell which main class this JVM runs (sun.java.command is ''), so there is no program to"
          + " snapshot; run it with java -jar JAR or java -cp CLASSPATH LAUNCHER", n.getMessage());
      System.setProperty("sun.java.command", jar + " sweep toy");
      HyperException m = assertThrows(HyperException.class, () -> Program.ofThisJvm(specs.get(0)));
      assertEquals(jar + " has no Main-Class in its manifest", m.getMessage());
    } finally {
      System.setProperty("java.class.path", cp);
      System.setProperty("sun.java.command", command);
    }
  }
}
