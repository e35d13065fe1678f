package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.Started;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --force} over an experiment whose content changed while a STARTED marker says it runs:
 * a live process of this machine (a run that holds no claim) or a process of another machine. The claim
 * and SLURM's queue: example-model's ForceReplaceIT.
 */
class ForceBusyTest {
  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("toy").trials(2)
      .trainer(() -> (p, e) -> { }).build());
  private Path out;
  private Path jar;
  private Task victim;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> {
      throw new IllegalStateException("not used");
    }, args);
  }

  @BeforeEach
  void sweepAndChangeOne() throws Exception {
    out = tmp.resolve("out");
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString()).code());
    victim = SweepTasks.of(out, "toy").get(5);
    Files.writeString(out.resolve(victim.confDir()).resolve(victim.confPath().getFileName().toString()
        .replace(".toml", ".json")), "{}\n");
  }

  private void started(String host, long pid, String processStart) throws Exception {
    Provenance env = new Provenance("2026-01-02T03:04:05.678Z", "run", "/w", "17", "v", "Linux", "6", "amd64", null,
        null, null);
    Markers.writeStarted(out.resolve(victim.serializationDir()), new Started("toy", victim.label().split("/")[0],
        Integer.parseInt(victim.label().split("/")[1]), host, pid, processStart, null, env, List.of()));
  }

  private void assertRefused(String why) throws Exception {
    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString(), "--force");
    String json = Files.readString(out.resolve(victim.confDir()).resolve(victim.confPath().getFileName().toString()
        .replace(".toml", ".json")));
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(": --force does not replace experiment " + victim.label() + " while it " + why
        + "; wait for it to end or stop it, then sweep again"), r.err());
    assertEquals("{}\n", json, "the changed experiment is as it was");
    assertEquals(List.of(Markers.STARTED), List.of(out.resolve(victim.serializationDir()).toFile().list()));
  }

  @Test
  void aLiveProcessOfThisMachineThatStartedItKeepsItFromBeingReplaced() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    started(Markers.hostName(), self.pid(), self.info().startInstant().map(Object::toString).orElse(null));
    assertRefused("is running (pid " + self.pid() + " on " + Markers.hostName() + " since 2026-01-02T03:04:05.678Z)");
  }

  @Test
  void aStartedMarkerOfAnotherMachineKeepsItFromBeingReplaced() throws Exception {
    started("node-elsewhere", 4242, null);
    assertRefused("is running (pid 4242 on node-elsewhere since 2026-01-02T03:04:05.678Z (another machine: not"
        + " checked))");
  }

  @Test
  void aStartedMarkerOfAProcessThatIsGoneIsArchivedWithTheRest() throws Exception {
    started(Markers.hostName(), Long.MAX_VALUE / 2, null);     // no such process
    CliRun r = cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString(), "--force");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(", 1 replaced, "), r.out());
    String[] left = out.resolve(victim.serializationDir()).toFile().list();
    assertEquals(1, left.length, List.of(left).toString());
    assertTrue(left[0].startsWith(".replaced-"), left[0]);
    assertTrue(Files.isRegularFile(out.resolve(victim.serializationDir()).resolve(left[0]).resolve(Markers.STARTED)));
  }
}
