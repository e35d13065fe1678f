package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.slurm.SlurmFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SLURM value that cannot be one word of an #SBATCH line or an sbatch command is refused before
 * anything is written, the same way by sweep --slurm, submit and submit --dry-run (stand-in sbatch, which
 * must never be called).
 */
class SlurmValuesTest {
  private static final String WRAP = "slurm.qos 'normal --wrap=id' cannot hold spaces, line breaks or control"
      + " characters: it is one word of an #SBATCH line and of an sbatch command\n";

  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(TestSweeps.builder("toy")
      .slurm(SlurmSettings.NONE.withQos("gpu")).trainer(() -> (p, e) -> { }).build());
  private Path jar;
  private Path bin;

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  @BeforeEach
  void fakeSlurm() throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("sbatch", "squeue", "scontrol")) {
      Path f = bin.resolve(tool);
      Files.writeString(f, "#!/bin/bash\necho \"$0 $*\" >>\"$(dirname \"$0\")/calls.log\"\n"
          + (tool.equals("scontrol") ? "echo 'MaxArraySize            = 10'\n" : "echo 101\n"));
      assertTrue(f.toFile().setExecutable(true));
    }
  }

  @Test
  void sweepSlurmRefusesAValueWithASpaceBeforeWritingAnything() {
    Path out = tmp.resolve("out");
    CliRun r = cli("sweep", "toy", "--slurm", "--out", out.toString(), "--jar", jar.toString(), "--set",
        "slurm.qos=normal --wrap=id");
    assertEquals(WRAP, r.err());
    assertEquals(2, r.code());
    assertFalse(Files.exists(out), "no experiment, jobs script, manifest or task list");
  }

  @Test
  void everyWrongValueIsNamedOnItsOwnLine() {
    Path out = tmp.resolve("out");
    CliRun r = cli("sweep", "toy", "--slurm", "--out", out.toString(), "--jar", jar.toString(), "--set",
        "slurm.qos=normal --wrap=id", "--set", "slurm.gres=gpu:1\t", "--set", "slurm.mem=16G\u00a0");
    assertEquals(WRAP + "slurm.mem '16G\u00a0' cannot hold spaces, line breaks or control characters: it is one"
        + " word of an #SBATCH line and of an sbatch command\n"
        + "slurm.gres 'gpu:1\\t' cannot hold spaces, line breaks or control characters: it is one word of an"
        + " #SBATCH line and of an sbatch command\n", r.err());
    assertEquals(2, r.code());
    assertFalse(Files.exists(out));
  }

  @Test
  void submitAndItsDryRunRefuseTheSameValueBeforeWritingAnything() throws Exception {
    Path out = tmp.resolve("out");     // written without --slurm: the value is only recorded in each TOML
    assertEquals(0, cli("sweep", "toy", "--out", out.toString(), "--jar", jar.toString(), "--set",
        "slurm.qos=normal --wrap=id").code());
    String tasks = Files.readString(out.resolve(SlurmFiles.tasksFile("toy")));   // written with the manifest
    for (List<String> extra : List.of(List.of("--dry-run"), List.<String>of())) {
      List<String> args = new java.util.ArrayList<>(List.of("submit", "toy", "--out", out.toString(), "--slurm-bin",
          bin.toString()));
      args.addAll(extra);
      CliRun r = cli(args.toArray(String[]::new));
      assertEquals(WRAP, r.err(), args.toString());
      assertEquals("", r.out(), args.toString());
      assertEquals(2, r.code(), args.toString());
      assertEquals(tasks, Files.readString(out.resolve(SlurmFiles.tasksFile("toy"))), args.toString());
      assertFalse(Files.exists(out.resolve(SlurmFiles.script("toy"))), args.toString());
      assertFalse(Files.exists(bin.resolve("calls.log")) && Files.readString(bin.resolve("calls.log"))
          .contains("sbatch"), "sbatch was never called");
    }
  }
}
