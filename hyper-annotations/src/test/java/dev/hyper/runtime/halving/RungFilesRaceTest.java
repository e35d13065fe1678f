package dev.hyper.runtime.halving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rung records under races and kills: none is lost, none is written twice, each is whole or absent. */
class RungFilesRaceTest {
  @TempDir Path tmp;

  private static Process child(Path root, String prefix, long count, String... gate) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        RungWriter.class.getName(), root.toString(), prefix, Long.toString(count)));
    command.addAll(List.of(gate));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Opens {@code gate} once every one of {@code children} waits at it (has made {@code GATE.PID}). */
  private static void open(Path gate, Process... children) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (Process c : children) {
      Path ready = Path.of(gate + "." + c.pid());
      while (!Files.exists(ready)) {
        assertTrue(c.isAlive(), "writer " + c.pid() + " ended before the gate");
        assertTrue(System.nanoTime() < deadline, "writer " + c.pid() + " at the gate within 2 minutes");
        Thread.sleep(5);
      }
    }
    Files.createFile(gate);
  }

  @Test
  void manyThreadsRacingOnOneRungLoseNoRecord() throws Exception {
    int threads = 8;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          HalvingRun run = HalvingRun.open(RungWriter.SETTINGS, tmp, "race", "t" + thread + "-" + i, 0);
          run.logged(1, Map.of("v", (double) (thread * each + i)));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    RungFiles files = new RungFiles(tmp, "race");
    List<RungRecord> records = files.records(0);
    assertEquals(threads * each, records.size());
    assertEquals(threads * each, files.decisions(0).size());
    Set<String> names = new HashSet<>();
    records.forEach(r -> names.add(r.name()));
    assertEquals(threads * each, names.size());
    for (Decision d : files.decisions(0)) {
      assertTrue(d.seen().size() < threads * each);
    }
    try (Stream<Path> left = Files.list(files.dir(0))) {
      assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith(".")).count());   // no temporary files
    }
  }

  @Test
  void twoProcessesWritingTheSameRecordsCreateEachOnce() throws Exception {
    int n = 300;
    Path gate = tmp.resolve("gate");                   // both start writing at once, however slowly each JVM starts
    Process a = child(tmp, "x", n, gate.toString());
    Process b = child(tmp, "x", n, gate.toString());
    open(gate, a, b);
    assertEquals(0, a.waitFor());
    assertEquals(0, b.waitFor());
    int createdA = Integer.parseInt(new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    int createdB = Integer.parseInt(new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    RungFiles files = new RungFiles(tmp, "race");
    assertEquals(n, files.records(0).size());
    assertEquals(n, createdA + createdB, "each record is created by exactly one process");
    assertEquals(n, files.decisions(0).size());
    Set<Long> writers = new HashSet<>();
    files.records(0).forEach(r -> writers.add(r.pid()));
    assertEquals(Set.of(a.pid(), b.pid()), writers, "both processes wrote some: they did race");
  }

  @Test
  void twoProcessesRacingOnOneRungLoseNoRecord() throws Exception {
    int n = 120;
    Process a = child(tmp, "a", n);
    Process b = child(tmp, "b", n);
    assertEquals(0, a.waitFor());
    assertEquals(0, b.waitFor());
    RungFiles files = new RungFiles(tmp, "race");
    assertEquals(2 * n, files.records(0).size());
    assertEquals(2 * n, files.decisions(0).size());
  }

  @Test
  void recordsSurviveKillNine() throws Exception {
    RungFiles files = new RungFiles(tmp, "race");
    for (int round = 0; round < 3; round++) {
      Process p = child(tmp, "k" + round + "-", 0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (count(files.dir(0)) < 40 * (round + 1) && System.nanoTime() < deadline) {
        Thread.sleep(5 + round * 7);
      }
      p.destroyForcibly();                             // SIGKILL, at whatever it was doing
      p.waitFor();
      assertTrue(p.exitValue() != 0);
      List<RungRecord> records = files.records(0);     // every visible record parses: whole, never torn
      assertTrue(records.size() >= 40 * (round + 1), "records: " + records.size());
      for (RungRecord r : records) {
        assertEquals(1, r.step());
        assertEquals(Double.parseDouble(r.id().substring(r.id().indexOf('-') + 1)), r.value());
      }
      files.decisions(0);                              // and every visible decision
    }
  }

  private static long count(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.endsWith(".decision"))
          .count();
    }
  }

}
