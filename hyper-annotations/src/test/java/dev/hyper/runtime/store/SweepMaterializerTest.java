package dev.hyper.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.render.JobsScript;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepMaterializerTest {
  @TempDir Path tmp;
  /** The output directory, if not {@code tmp/out dir}. */
  private Path out;

  private final SweepSpec<TestParams> spec = TestSweeps.builder("toy").trials(2)
      .slurm(SlurmSettings.NONE.withQos("it's $(id)")).build();

  private Path out() {
    return out != null ? out : tmp.resolve("out dir");
  }

  private SweepMaterializer.Result materialize(SweepSpec<TestParams> s, Path jar) throws Exception {
    return materialize(s, jar, SweepMaterializer.Options.defaults().withSlurm(true));
  }

  private SweepMaterializer.Result materialize(SweepSpec<TestParams> s, Path jar, SweepMaterializer.Options o)
      throws Exception {
    return new SweepMaterializer().materialize(s, () -> Templates.load(s).orElse(null), out(), jar, o);
  }

  /** The sweep's experiments, in jobs order, as the materializer writes them. */
  private List<ExperimentInfo> experiments(SweepSpec<TestParams> s, Path jar) throws Exception {
    return new SweepPlanner().plan(s, out().toAbsolutePath(), dev.hyper.runtime.snapshot.ProgramSnapshot.of(dev.hyper.runtime.snapshot.Program.ofJar(jar)).snapshot()).stream()
        .map(PlannedExperiment::info).toList();
  }

  /** Every file under {@code dir} with its content (a hash for jars), so that two trees can be compared. */
  static List<String> contents(Path dir) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (Path p : tree(dir)) {
      Path f = dir.resolve(p);
      if (Files.isDirectory(f)) {
        out.add(p + "/");
      } else if (p.getFileName().toString().equals(SweepLock.FILE)) {
        out.add(p.toString());                     // holds the last writer's pid
      } else {
        out.add(p + " " + (p.toString().endsWith(".jar") ? Sha256.of(f) : Files.readString(f)));
      }
    }
    return out;
  }

  static List<Path> tree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.map(dir::relativize).sorted().toList();
    }
  }

  @Test
  void writesEveryExperimentWithJsonTomlAndAHardLinkedJar() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    SweepMaterializer.Result r = materialize(spec, jar);
    assertEquals(24, r.experiments());
    assertEquals(24, r.written());
    assertEquals(0, r.skipped());
    String sha = Sha256.of(jar);
    Path stored = out().resolve("config/generated/.snapshots/" + sha + ".jar");
    assertEquals(25, Files.getAttribute(stored, "unix:nlink"));

    java.util.Set<java.nio.file.attribute.PosixFilePermission> newDirectory = Umask.newDirectory();
    for (ExperimentInfo e : experiments(spec, jar)) {
      Path dir = out().resolve(e.confDir());
      assertEquals(newDirectory, Files.getPosixFilePermissions(dir), "the default mode, 0777 less the umask");
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(e.id() + ".json", e.id() + ".toml", "model.jar"),
            files.map(f -> f.getFileName().toString()).sorted().toList());
      }
      assertTrue(Files.isSameFile(stored, dir.resolve("model.jar")));
      assertFalse(Files.exists(out().resolve(e.serializationDir())), "its run makes the serialization directory");
      ExperimentConfig<TestParams> loaded = ExperimentConfig.load(out().resolve(e.confPath()), spec);
      assertEquals(e, loaded.experiment());
      ExperimentInfo.Snapshot snap = loaded.experiment().snapshot();
      assertEquals(List.of("model.jar", Files.size(jar), sha, "dev.hyper.runtime.cli.Launcher"),
          List.of(snap.file(), snap.size(), snap.sha256(), snap.mainClass()));
      assertEquals(System.getProperty("java.home"), snap.java().home());
      JsonConfig json = JsonConfig.read(out().resolve(e.configJson()));
      assertEquals(loaded.params().note(), json.getString("note"));
      assertEquals(loaded.params().lr(), json.getDouble("optimizer.lr"));
      assertEquals(loaded.params().mode().name(), json.getString("mode"));
      assertEquals(4, json.getInt("trainer.num_epochs"));
      assertEquals("toy", json.getString("model.type"));
    }
  }

  /**
   * A file system caps the links to one file (ext4 at 65,000): past the cap experiments link a replica of
   * the stored jar (SHA.1.jar) rather than fail, or copy the jar into every experiment as they once did until
   * the disk was full. Here the cap is the store's linker's (18 links, 5 left once 12 experiments are gone),
   * so that the test runs on every file system; the next test meets ext4's own.
   */
  @Test
  void pastALinkCapExperimentsLinkAReplicaOfTheJar() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    String sha = Sha256.of(jar);
    Path stored = out().resolve("config/generated/.snapshots/" + sha + ".jar");
    List<ExperimentInfo> all = experiments(spec, jar);
    ExperimentInfo.Snapshot snapshot = ExperimentConfig.load(out().resolve(all.get(0).confPath()), spec).experiment()
        .snapshot();
    List<byte[][]> files = new java.util.ArrayList<>();
    for (ExperimentInfo e : all.subList(0, 12)) {             // 12 experiments gone: 13 links to the jar
      files.add(new byte[][] {Files.readAllBytes(out().resolve(e.configJson())),
          Files.readAllBytes(out().resolve(e.confPath()))});
      AtomicFiles.deleteTree(out().resolve(e.confDir()));
    }
    ExperimentStore store = new ExperimentStore(out(), new SnapshotStore(out()), snapshot, false,
        ExperimentStore.InUse.CLAIM_ONLY, (target, link) -> {
          if ((Integer) Files.getAttribute(target, "unix:nlink") >= 18) {
            throw new java.nio.file.FileSystemException(link.toString(), target.toString(), "Too many links");
          }
          SnapshotStore.link(target, link);
        });
    for (int i = 0; i < 12; i++) {
      assertEquals(ExperimentStore.Outcome.WRITTEN, store.write(all.get(i), files.get(i)[0], files.get(i)[1]));
    }
    Path replica = stored.resolveSibling(sha + ".1.jar");
    assertEquals(List.of(replica), store.replicasMade());
    assertEquals(sha, Sha256.of(replica));
    assertEquals(8, Files.getAttribute(replica, "unix:nlink"), "the replica and the 7 experiments past the cap");
    assertEquals(17, linkedTo(stored, replica, all));

    SweepMaterializer.Result again = materialize(spec, jar);   // both copies count as the stored jar
    assertEquals(24, again.skipped());
    assertFalse(Files.exists(stored.resolveSibling(sha + ".2.jar")));
  }

  /**
   * The same sweep through the materializer against a real file system's cap: ext4 refuses the 65,001st
   * link. Run in the temp directory or, where that has no cap (tmpfs), in the build directory; in CI
   * one of them must have it.
   */
  @Test
  void pastTheFileSystemsOwnLinkCapExperimentsLinkAReplicaOfTheJar() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    String sha = Sha256.of(jar);
    Path build = Files.createDirectories(Path.of("target").toAbsolutePath());
    for (Path candidate : List.of(tmp, build)) {
      Path base = candidate == tmp ? tmp : Files.createTempDirectory(build, "link-cap-");
      out = base.resolve("out dir");
      materialize(spec, jar);
      Path stored = out().resolve("config/generated/.snapshots/" + sha + ".jar");
      Path scratch = Files.createDirectories(base.resolve("links"));
      int made = 0;
      try {
        for (; made < 70_000; made++) {
          Files.createLink(scratch.resolve(Integer.toString(made)), stored);
        }
      } catch (java.nio.file.FileSystemException full) {
        // the cap: about 65,000 links in all
      }
      if (made == 70_000) {
        if (!base.equals(tmp)) {
          AtomicFiles.deleteTree(base);
        }
        continue;                                            // no cap here
      }
      try {
        List<ExperimentInfo> all = experiments(spec, jar);
        for (ExperimentInfo e : all.subList(0, 12)) {         // 12 experiments gone, 12 links free ...
          AtomicFiles.deleteTree(out().resolve(e.confDir()));
        }
        for (int i = 0; i < 7; i++) {                          // ... and 7 of them taken: 5 left
          Files.createLink(scratch.resolve("again-" + i), stored);
        }
        SweepMaterializer.Result r = materialize(spec, jar);
        assertEquals(12, r.written());
        assertEquals(12, r.skipped());
        Path replica = stored.resolveSibling(sha + ".1.jar");
        assertTrue(Files.isRegularFile(replica), "a replica was stored");
        assertEquals(8, Files.getAttribute(replica, "unix:nlink"), "the replica and the 7 experiments past the cap");
        assertEquals(17, linkedTo(stored, replica, all));
        return;
      } finally {
        if (!base.equals(tmp)) {
          AtomicFiles.deleteTree(base);
        }
      }
    }
    dev.hyper.runtime.Required.that(false, "no link cap on the file system of " + tmp + " or of " + build);
  }

  /** How many of {@code all} link {@code stored}; each of the others must link {@code replica}. */
  private int linkedTo(Path stored, Path replica, List<ExperimentInfo> all) throws IOException {
    int linkedToStored = 0;
    for (ExperimentInfo e : all) {
      Path model = out().resolve(e.confDir()).resolve("model.jar");
      assertTrue(Files.isSameFile(model, stored) || Files.isSameFile(model, replica), e.confDir().toString());
      linkedToStored += Files.isSameFile(model, stored) ? 1 : 0;
    }
    return linkedToStored;
  }

  @Test
  void writersAreChosenByTheOutputsFileSystemUnlessGiven() throws IOException {
    assertEquals(3, SweepMaterializer.writersFor(tmp, 3, false));
    String type = Files.getFileStore(tmp).type();
    assertEquals(type.equals("tmpfs") || type.equals("ramfs") ? 1 : 2, SweepMaterializer.writersFor(tmp, 0, false),
        type);
    assertEquals(2, SweepMaterializer.writersFor(tmp, 0, true), type);
  }

  @Test
  void onTmpfsOneWriterUnlessRendersAreSpliced() throws IOException {
    Path shm = Path.of("/dev/shm");
    dev.hyper.runtime.Required.that(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"),
        "no tmpfs at " + shm);
    assertEquals(1, SweepMaterializer.writersFor(shm, 0, false));
    assertEquals(2, SweepMaterializer.writersFor(shm, 0, true));
  }

  @Test
  void trickyStringReachesJsonAndTomlUnchangedAndTheScriptStaysInert() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    SweepMaterializer.Result r = materialize(spec, jar);
    ExperimentInfo tricky = experiments(spec, jar).get(4); // point 2: lr 0.001, note TRICKY, FAST
    ExperimentConfig<TestParams> c = ExperimentConfig.load(out().resolve(tricky.confPath()), spec);
    assertEquals(TestParamsGrid.TRICKY, c.params().note());
    assertEquals(TestParamsGrid.TRICKY, JsonConfig.read(out().resolve(tricky.configJson())).getString("note"));

    Path script = r.jobsScript();
    assertEquals(out().resolve("toy-jobs.sh"), script);
    assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(script));
    List<String> lines = Files.readAllLines(script);
    int header = JobsScript.header("toy", 24, true, null).split("\n").length;
    assertEquals(header + 24, lines.size());
    assertEquals("#!/usr/bin/env bash", lines.get(0));
    assertEquals("cd -- \"$(dirname -- \"$0\")\" || exit 2", lines.get(2));
    String mkdir = "mkdir -p -- " + ShellQuote.quote(Layout.slashes(tricky.serializationDir()));
    assertTrue(lines.get(header + 4).startsWith(mkdir
        + " && hyper_sbatch " + ShellQuote.quote(Layout.slashes(tricky.confPath()))
        + " --qos 'it'\\''s $(id)' --job-name 'toy-" + tricky.id() + "-0'"), lines.get(header + 4));
    Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void rerunSkipsIdenticalExperimentsAndKeepsOneStoredJar() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    List<Path> before = tree(out());
    List<String> contents = contents(out());
    SweepMaterializer.Result again = materialize(spec, jar);
    assertEquals(0, again.written());
    assertEquals(24, again.skipped());
    assertEquals(before, tree(out()));
    assertEquals(contents, contents(out()));
    List<String> rows = Files.readAllLines(again.manifest());
    assertEquals("# invocation: 1: 24 experiments, 24 new (rows 0-23)", rows.get(6));
    assertEquals("# points: grid of 12 points", rows.get(7));
    assertEquals("row\tid\ttrial\tlr\tnote\tmode\tconfig", rows.get(10));
    assertEquals(11 + 24, rows.size());
    try (Stream<Path> s = Files.list(out().resolve("config/generated/.snapshots"))) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void anExperimentTheManifestListsIsKeptAsItIs() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    ExperimentInfo victim = experiments(spec, jar).get(5);
    Files.writeString(out().resolve(victim.configJson()), "{}\n");
    List<String> before = contents(out());
    SweepMaterializer.Result r = materialize(spec, jar);
    assertEquals(List.of(0L, 24L, 0L, 24L, 0L), List.of(r.written(), r.skipped(), r.replaced(), r.listed(),
        r.added()));
    assertEquals(before, contents(out()));            // not even compared: verify is the check of a listed one
  }

  @Test
  void anUnlistedExperimentWithOtherContentIsRefusedAndNothingChanges() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    Files.delete(out().resolve("toy-manifest.tsv"));   // as after a sweep killed before its first manifest
    ExperimentInfo victim = experiments(spec, jar).get(5);
    Path json = out().resolve(victim.configJson());
    Files.writeString(json, "{}\n");
    List<String> before = contents(out());
    HyperException e = assertThrows(HyperException.class, () -> materialize(spec, jar));
    assertTrue(e.getMessage().startsWith("sweep 'toy', point 2 (id " + victim.id() + ", trial 1: "), e.getMessage());
    assertTrue(e.getMessage().endsWith(": experiment directory " + out().resolve(victim.confDir())
        + " already exists with other content (" + victim.id() + ".json differs); remove it, write the sweep to"
        + " another --out directory, or pass --force to replace it"), e.getMessage());
    assertEquals(before, contents(out()));
  }

  @Test
  void forceReplacesOnlyTheExperimentThatDiffers() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    List<String> clean = contents(out());
    ExperimentInfo victim = experiments(spec, jar).get(5);
    Files.writeString(out().resolve(victim.configJson()), "{}\n");
    SweepMaterializer.Result r = materialize(spec, jar, SweepMaterializer.Options.defaults().withSlurm(true)
        .withForce(true));
    assertEquals(1, r.replaced());
    assertEquals(23, r.skipped());
    assertEquals(0, r.written());
    // the same, and the claim file it was replaced under in its serialization directory, made for the claim
    // (never run, so nothing was archived)
    String claim = dev.hyper.runtime.plan.Layout.slashes(dev.hyper.runtime.plan.Layout.claimFile(
        victim.serializationDir()));
    String serialization = dev.hyper.runtime.plan.Layout.slashes(victim.serializationDir());
    List<String> after = contents(out()).stream().filter(f -> !f.equals(serialization + "/")
        && !f.equals(serialization.substring(0, serialization.lastIndexOf('/') + 1))).toList();
    assertEquals(1, after.stream().filter(f -> f.startsWith(claim + " ")).count(), after.toString());
    // the manifest records the invocation; its rows, the jobs script and the task list are as they were
    java.util.function.Predicate<String> manifest = f -> f.startsWith("toy-manifest.tsv ");
    assertEquals(clean.stream().filter(manifest.negate()).toList(),
        after.stream().filter(f -> !f.startsWith(claim + " ") && !manifest.test(f)).toList());
    List<String> rows = Files.readAllLines(r.manifest());
    assertTrue(rows.contains("# invocation: 2: 24 experiments, 0 new"), rows.toString());
    assertEquals(rows(clean), rows.stream().filter(l -> l.matches("[0-9]+\t.*")).toList());
  }

  @Test
  void changedRecordOrTemplateIsRefusedByTheManifestsSchemaUnlessForced() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    List<String> before = contents(out());
    SweepSpec<TestParams> changed = SweepSpec.builder("toy", TestParams.class, new TestParamsGrid()).trials(2)
        .slurm(spec.slurm()).template("jsonnet/changed_model.jsonnet").build();
    HyperException e = assertThrows(HyperException.class, () -> materialize(changed, jar));
    assertTrue(e.getMessage().startsWith("sweep 'toy': " + out().resolve("toy-manifest.tsv") + " was written by"
        + " another version of the sweep (schema "), e.getMessage());
    assertTrue(e.getMessage().contains("template jsonnet/test_model.jsonnet sha256:"), e.getMessage());
    assertTrue(e.getMessage().contains("template jsonnet/changed_model.jsonnet sha256:"), e.getMessage());
    assertTrue(e.getMessage().endsWith("pass --force to replace its experiments and start a new manifest"),
        e.getMessage());
    assertEquals(before, contents(out()));

    SweepMaterializer.Result forced = materialize(changed, jar, SweepMaterializer.Options.defaults().withSlurm(true)
        .withForce(true));
    assertEquals(24, forced.replaced());
    assertTrue(Files.readString(forced.manifest()).contains("changed_model.jsonnet"));
    assertEquals(24, JsonConfig.read(out().resolve(experiments(changed, jar).get(0).configJson()))
        .getInt("trainer.num_epochs"));
  }

  @Test
  void secondSweepOnTheSameDirectoryFailsWhileTheFirstHoldsTheLockOrWaitsWithWait() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    Files.createDirectories(out());
    try (SweepLock held = SweepLock.acquire(out(), false)) {
      HyperException e = assertThrows(HyperException.class, () -> materialize(spec, jar));
      assertTrue(e.getMessage().startsWith("output directory " + out().toAbsolutePath() + " is being written by"
          + " another sweep (process " + ProcessHandle.current().pid() + "), which holds "), e.getMessage());
      assertTrue(e.getMessage().endsWith("pass --wait to wait for it"), e.getMessage());
    }
    assertEquals(List.of(Path.of(""), Path.of(SweepLock.FILE)), tree(out()));
    materialize(spec, jar);                           // released: fine

    java.util.concurrent.CompletableFuture<SweepMaterializer.Result> waiting = new java.util.concurrent.CompletableFuture<>();
    Thread sweep = new Thread(() -> {
      try {
        waiting.complete(new SweepMaterializer().materialize(spec, () -> Templates.load(spec).orElse(null), out(), jar,
            SweepMaterializer.Options.defaults().withSlurm(true).withWaitForLock(true)));
      } catch (Exception | Error x) {
        waiting.completeExceptionally(x);
      }
    }, "waiting sweep");
    try (SweepLock held = SweepLock.acquire(out(), false)) {
      sweep.start();
      // it found the lock held and waits for it: asleep in SweepLock.acquire, between two tries
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (!waitsForTheLock(sweep)) {
        assertFalse(waiting.isDone(), "--wait did not wait while the lock was held: " + waiting);
        assertTrue(System.nanoTime() < deadline, "the sweep never came to wait for the lock");
        Thread.sleep(1);
      }
    }
    assertEquals(24, waiting.get(60, java.util.concurrent.TimeUnit.SECONDS).skipped());
  }

  /** Whether {@code t} sleeps in {@link SweepLock#acquire}, waiting for the lock another holds. */
  private static boolean waitsForTheLock(Thread t) {
    StackTraceElement[] stack = t.getStackTrace();
    if (t.getState() != Thread.State.TIMED_WAITING || stack.length == 0) {
      return false;
    }
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals(SweepLock.class.getName()) && frame.getMethodName().equals("acquire")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void readOnlyOutputDirectoryIsAClearErrorAndNothingIsWritten() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    Files.createDirectories(out());
    boolean immutable = ReadOnly.make(out());
    try {
      HyperException e = assertThrows(HyperException.class, () -> materialize(spec, jar));
      assertTrue(e.getMessage().startsWith("cannot write to output directory " + out().toAbsolutePath() + ": "),
          e.getMessage());
      assertEquals(List.of(Path.of("")), tree(out()));
    } finally {
      ReadOnly.undo(out(), immutable);
    }
  }

  @Test
  void aNewJarKeepsTheListedExperimentsOnTheOldOneUnlessForced() throws Exception {
    Path v1 = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, v1);
    List<String> before = contents(out());
    SweepMaterializer.Result kept = materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v2"));
    assertEquals(List.of(0L, 24L, 0L), List.of(kept.written(), kept.skipped(), kept.added()));
    assertTrue(kept.otherProgram());
    // the experiments and listings are as they were; the store holds the new program too
    assertEquals(before, contents(out()).stream().filter(f -> before.contains(f)
        || !f.startsWith("config/generated/.snapshots/")).toList());
    assertEquals(Sha256.of(v1), Sha256.of(out().resolve(experiments(spec, v1).get(0).confDir()).resolve("model.jar")));

    SweepMaterializer.Result forced = materialize(spec, TestSweeps.dummyJar(tmp.resolve("jars"), "v2"),
        SweepMaterializer.Options.defaults().withForce(true));
    assertEquals(24, forced.replaced());
  }

  @Test
  void renderFailureNamesTheExperimentAndLeavesNothingBehind() throws Exception {
    SweepSpec<TestParams> failing = SweepSpec.builder("bad", TestParams.class, new TestParamsGrid())
        .template("jsonnet/failing_model.jsonnet").build();
    HyperException e = assertThrows(HyperException.class,
        () -> materialize(failing, TestSweeps.dummyJar(tmp.resolve("jars"), "v1")));
    assertTrue(e.getMessage().startsWith("sweep 'bad', point 7 (id "), e.getMessage());
    // points 0-6 were written, or some of them: writes run on other threads, and a failure stops those not begun
    assertTrue(e.getMessage().matches(".*lr=1.0E-4, note=\"plain\", mode=\"SLOW\"\\):"
        + " jsonnet/failing_model.jsonnet:3:46: Error: too slow for plain( \\(the ([2-7] experiments this run wrote"
        + " were|1 experiment this run wrote was) removed again\\))?"), e.getMessage());
    assertEquals(List.of(), tree(out()));
  }

  @Test
  void renderFailureInAnExistingOutputKeepsWhatWasThereAndRemovesOnlyThisRunsExperiments() throws Exception {
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(spec, jar);
    List<String> before = contents(out());
    SweepSpec<TestParams> failing = SweepSpec.builder("bad", TestParams.class, new TestParamsGrid())
        .template("jsonnet/failing_model.jsonnet").build();
    assertThrows(HyperException.class, () -> materialize(failing, jar));
    assertEquals(before, contents(out()));
  }

  @Test
  void templateThatDoesNotFitTheSweepIsRefused() throws Exception {
    SweepSpec<TestParams> s = SweepSpec.builder("blog", TestParams.class, new TestParamsGrid())
        .template("jsonnet/rnn_model.jsonnet").build();
    HyperException e = assertThrows(HyperException.class,
        () -> materialize(s, TestSweeps.dummyJar(tmp.resolve("jars"), "v1")));
    assertEquals(List.of(
        "[hyper/UnknownTla] 'note' is not a parameter of the top-level function in jsonnet/rnn_model.jsonnet. Its"
            + " parameters are 'lr', 'dropout', 'hidden_dim', 'n_hidden_layers', 'debug'; rename the component or set"
            + " @Axis(tla = ...).",
        "[hyper/UnknownTla] 'mode' is not a parameter of the top-level function in jsonnet/rnn_model.jsonnet. Its"
            + " parameters are 'lr', 'dropout', 'hidden_dim', 'n_hidden_layers', 'debug'; rename the component or set"
            + " @Axis(tla = ...)."), e.getMessage().lines().toList(), "the processor's words");
    assertFalse(Files.exists(out()));
  }

  @Test
  void sweepWithoutTemplateWritesTheParamsAsJson() throws Exception {
    SweepSpec<TestParams> s = SweepSpec.builder("plain", TestParams.class, new TestParamsGrid()).build();
    Path jar = TestSweeps.dummyJar(tmp.resolve("jars"), "v1");
    materialize(s, jar);
    ExperimentInfo first = experiments(s, jar).get(0);
    assertEquals("{\n   \"lr\": 0.001,\n   \"mode\": \"FAST\",\n   \"note\": \"plain\"\n}\n",
        Files.readString(out().resolve(first.configJson())));
  }

  /** The manifest rows among {@link #contents} lines (the manifest's line holds its whole text). */
  private static List<String> rows(List<String> contents) {
    String manifest = contents.stream().filter(f -> f.startsWith("toy-manifest.tsv ")).findFirst().orElseThrow();
    return java.util.Arrays.stream(manifest.substring("toy-manifest.tsv ".length()).split("\n"))
        .filter(l -> l.matches("[0-9]+\t.*")).toList();
  }
}
