package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of the sweep the user started: the JVM it forked to write the sweep ends within a moment. */
class ForkedSweepKillTest {
  /** How long the forked sweep may outlive its parent. */
  private static final long BOUND_MS = 1000;

  @TempDir Path tmp;

  @Test
  void theForkedSweepEndsPromptlyWhenItsParentIsKilled() throws Exception {
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int round = 0; round < 3; round++) {     // the first records the class-data archive, the others map it
      Path out = tmp.resolve("out" + round);
      Process parent = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "sweep", "big", "--out",
          out.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      ProcessHandle child = awaitChild(parent, out, round < 2);   // writing; the last round: starting up
      parent.destroyForcibly();                     // SIGKILL
      assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
      long killed = System.nanoTime();
      while (running(child) && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(30)) {
        Thread.sleep(5);
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
      boolean alive = running(child);
      System.out.println("ForkedSweepKillTest: round " + round + ": the forked sweep ended " + ms + " ms after its parent");
      child.destroyForcibly();
      assertTrue(!alive && ms <= BOUND_MS, "round " + round + ": the forked sweep " + child.pid()
          + (alive ? " still ran " : " ended ") + ms + " ms after its parent was killed (bound " + BOUND_MS + " ms)");
    }
  }

  /**
   * Whether {@code p} still runs: its pid is there and, where {@code /proc} tells, it is no zombie (an
   * orphan's exit status waits for the init process, which may collect it late).
   */
  private static boolean running(ProcessHandle p) {
    Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return p.isAlive();
    }
    try {
      String s = Files.readString(stat);
      char state = s.charAt(s.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (java.io.IOException | RuntimeException gone) {
      return false;
    }
  }

  /** The JVM {@code parent} forked, once it runs or, if {@code writing}, once it writes the sweep (holds the lock). */
  private static ProcessHandle awaitChild(Process parent, Path out, boolean writing) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(parent.isAlive(), "the sweep ended before it could be killed");
      List<ProcessHandle> children = parent.children().toList();
      Path lock = out.resolve(dev.hyper.runtime.store.SweepLock.FILE);
      if (children.size() == 1 && !writing) {
        return children.get(0);
      }
      if (children.size() == 1 && Files.exists(lock)
          && Files.readString(lock).strip().equals(Long.toString(children.get(0).pid()))) {
        return children.get(0);
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the forked sweep never took the lock");
  }
}
