package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestSweeps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that would do a lot of work for nothing refuse at once, with one line and exit 2. */
class RefuseEarlyTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("untrained").build());

  private Path jar;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  @Test
  void execOfASweepWithoutTrainerStartsNoRun() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve("out");
    assertEquals(0, cli("sweep", "untrained", "--out", out.toString(), "--jar", jar.toString()).code());
    CliRun r = cli("exec", "untrained", "--out", out.toString());
    assertEquals("exec: sweep 'untrained' names no trainer: set @Sweep(trainer = ...); nothing was run\n", r.err());
    assertEquals("", r.out());
    assertEquals(2, r.code());
    try (Stream<Path> files = Files.walk(out.resolve("model/generated/untrained"))) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "no run.log, no FAILED marker");
    }
  }

  @Test
  void sweepRefusesMoreThreadsThanAFewPerCoreBeforeWritingAnything() throws IOException {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve("out");
    int cores = Runtime.getRuntime().availableProcessors();
    CliRun r = cli("sweep", "untrained", "--out", out.toString(), "--jar", jar.toString(), "--threads", "20000");
    assertEquals("--threads must be between 1 and " + 4 * cores + " (4 per core, " + cores + " cores here), was"
        + " 20000\n", r.err());
    assertEquals(2, r.code());
    assertFalse(Files.exists(out));
    assertEquals(0, cli("sweep", "untrained", "--out", out.toString(), "--jar", jar.toString(), "--threads",
        Integer.toString(4 * cores)).code(), "the limit itself is accepted");
  }
}
