package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.store.SweepLock;
import dev.hyper.runtime.store.SweepMaterializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with real processes: a child JVM writing sweep {@code big} (2,000 experiments) from a
 * model jar is killed with SIGKILL at random moments; every experiment directory left must be whole,
 * and a run to the end must give exactly the tree of an uninterrupted run. Also the lock between two
 * processes.
 */
class SweepCrashTest {
  private static final int EXPERIMENTS = 2000;

  @TempDir Path tmp;

  /** Where the sweeps go: tmpfs if there is one (fast), else the temp directory. */
  private Path base;

  @org.junit.jupiter.api.BeforeEach
  void base() throws IOException {
    Path shm = Path.of("/dev/shm");
    base = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "hyper-crash-") : tmp;
  }

  @org.junit.jupiter.api.AfterEach
  void cleanUp() throws IOException {
    if (!base.equals(tmp)) {
      dev.hyper.runtime.io.AtomicFiles.deleteTree(base);
    }
  }

  @Test
  void killNineAtRandomMomentsLeavesWholeExperimentsAndAReRunGivesTheUninterruptedTree() throws Exception {
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    Path reference = base.resolve("reference");
    Path out = base.resolve("out");
    assertEquals(0, sweep(jar, reference).waitFor(), "uninterrupted run");

    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> log = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Process p = sweep(jar, out);
      boolean writing = i > 0 && awaitLock(p, out);     // the first kill lands during start-up
      long delay = writing ? random.nextInt(1000) : 100 + random.nextInt(500);
      boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!finished) {
        List<ProcessHandle> forked = p.descendants().toList();  // the JVM that sweep forks (ForkedSweep)
        p.destroyForcibly();                           // SIGKILL to the process the user started
        p.waitFor();
        for (ProcessHandle h : forked) {               // the forked sweep notices and halts too
          try {
            h.onExit().get(5, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            h.destroyForcibly();
            throw new AssertionError("the forked sweep " + h.pid() + " still ran 5 s after its parent was killed");
          }
        }
      }
      int whole = checkEveryExperimentIsWhole(out);
      log.add((finished ? "finished" : "killed") + (writing ? " writing, " : " starting, ") + delay + " ms: "
          + whole + " experiments");
    }
    assertEquals(0, sweep(jar, out).waitFor(), "run after the kills (seed " + seed + ": " + log + ")");
    assertEquals(EXPERIMENTS, checkEveryExperimentIsWhole(out));
    assertEquals(contents(reference), contents(out), "seed " + seed + ": " + log);
    System.out.println("SweepCrashTest: seed " + seed + ", " + log);
  }

  @Test
  void aSecondProcessIsRefusedWhileTheFirstHoldsTheLockAndWaitsWithWait() throws Exception {
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    Path out = base.resolve("out");
    Process child = sweep(jar, out);
    assertTrue(awaitLock(child, out), "the child never took the lock");
    String pid = Files.readString(out.resolve(SweepLock.FILE)).strip();
    SweepSpec<TestParams> toy = TestSweeps.builder("toy").build();
    SweepMaterializer m = new SweepMaterializer();
    signal("STOP", pid);                               // it holds the lock, and cannot finish before the try
    try {
      HyperException e = org.junit.jupiter.api.Assertions.assertThrows(HyperException.class, () -> m.materialize(toy,
          () -> Templates.load(toy).orElse(null), out, jar, SweepMaterializer.Options.defaults()));
      assertTrue(e.getMessage().startsWith("output directory " + out + " is being written by another sweep (process "
          + pid + ")"), e.getMessage());
    } finally {
      signal("CONT", pid);
    }
    SweepMaterializer.Result r = m.materialize(toy, () -> Templates.load(toy).orElse(null), out, jar,
        SweepMaterializer.Options.defaults().withWaitForLock(true));
    assertEquals(12, r.written());
    assertEquals(0, child.waitFor());
    assertEquals(EXPERIMENTS, checkEveryExperimentIsWhole(out));
  }

  /** Sends SIGNAL (STOP, CONT) to process {@code pid}. */
  private static void signal(String signal, String pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
    String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid + ": " + out);
  }

  /**
   * Waits until {@code p}, or the JVM it forked to run the sweep, holds the output directory's lock (it
   * then writes); false if it ended first.
   */
  private static boolean awaitLock(Process p, Path out) throws IOException, InterruptedException {
    Path lockFile = out.resolve(SweepLock.FILE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && System.nanoTime() < deadline) {
      try {
        String holder = Files.readString(lockFile).strip();
        if (holder.equals(Long.toString(p.pid()))
            || p.descendants().anyMatch(h -> holder.equals(Long.toString(h.pid())))) {
          return true;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // not yet
      }
      Thread.sleep(5);
    }
    return false;
  }

  private static Process sweep(Path jar, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "sweep", "big", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Checks every experiment directory of sweep big; returns how many there are. */
  private static int checkEveryExperimentIsWhole(Path out) throws IOException {
    Path sweep = out.resolve("config/generated/big");
    if (!Files.exists(sweep)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> ids = Files.list(sweep)) {
      for (Path id : ids.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        try (Stream<Path> trials = Files.list(id)) {
          for (Path trial : trials.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
            String name = id.getFileName().toString();
            Set<String> files = new TreeSet<>();
            try (Stream<Path> f = Files.list(trial)) {
              f.forEach(p -> files.add(p.getFileName().toString()));
            }
            assertEquals(Set.of(name + ".json", name + ".toml", "model.jar"), files, trial.toString());
            assertTrue(Files.readString(trial.resolve(name + ".json")).endsWith("}\n"), trial + " json");
            assertTrue(Files.readString(trial.resolve(name + ".toml")).contains("\nsha256 = "), trial + " toml");
            assertFalse(Files.exists(out.resolve("model/generated/big").resolve(name)), trial
                + ": the sweep makes no serialization directory (its run does)");
            n++;
          }
        }
      }
    }
    return n;
  }

  /** Every path under {@code dir}, with the content of files (a hash for jars; the lock file's pid left out). */
  private static List<String> contents(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted().toList()) {
        String rel = dir.relativize(f).toString();
        if (Files.isDirectory(f)) {
          out.add(rel + "/");
        } else if (f.getFileName().toString().equals(SweepLock.FILE)) {
          out.add(rel);
        } else if (rel.endsWith(".jar")) {
          out.add(rel + " " + Sha256.of(f));
        } else if (rel.endsWith(".toml")) {                  // [provenance] says when it was written: left out
          String toml = Files.readString(f, StandardCharsets.UTF_8);
          int p = toml.indexOf("\n[provenance]\n");
          out.add(rel + " " + (p < 0 ? toml : toml.substring(0, p)));
        } else if (rel.endsWith("-manifest.tsv")) {         // when, and the command with its --out: left out
          out.add(rel + " " + Files.readString(f, StandardCharsets.UTF_8).replaceAll("(?m)^(# invocation: \\d+) at \\S+:",
              "$1:").replaceAll("(?m)^# command: .*\n", ""));
        } else {
          out.add(rel + " " + Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
