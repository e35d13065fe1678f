package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.SlurmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrayScriptTest {
  @TempDir Path dir;

  @Test
  void setOptionsOnlyAndTheTaskMapping() throws Exception {
    String script = ArrayScript.render("rnn",
        SlurmSettings.NONE.withQos("gpu-medium").withTime("1-00:00:00").withCpus(2), "rnn-slurm-tasks.tsv", 72);
    List<String> lines = script.lines().toList();
    assertEquals("#!/usr/bin/env bash", lines.get(0));
    assertTrue(lines.contains("#SBATCH --array=0-71"), "every task, when submitted by hand");
    assertTrue(lines.contains("#SBATCH --job-name=rnn"));
    assertTrue(lines.contains("#SBATCH --qos=gpu-medium"));
    assertTrue(lines.contains("#SBATCH --time=1-00:00:00"));
    assertTrue(lines.contains("#SBATCH --cpus-per-task=2"));
    assertFalse(script.contains("--partition"), "unset options are left out");
    assertFalse(script.contains("--gres"));
    assertTrue(script.contains("sed -n \"$(( task + 1 ))p\" 'rnn-slurm-tasks.tsv'"));
  }

  @Test
  void maxParallelThrottlesTheDefaultArray() throws Exception {
    String script = ArrayScript.render("rnn", SlurmSettings.NONE.withMaxParallel(4), "rnn-slurm-tasks.tsv", 72);
    assertTrue(script.contains("#SBATCH --array=0-71%4\n"), script);
  }

  @Test
  void valuesThatCannotBeOneDirectiveAreRefused() {
    HyperException e = assertThrows(HyperException.class,
        () -> ArrayScript.render("rnn", SlurmSettings.NONE.withQos("gpu\nrm -rf /"), "t.tsv", 1));
    assertEquals("slurm.qos 'gpu\\nrm -rf /' cannot hold spaces, line breaks or control characters: it is one word"
        + " of an #SBATCH line and of an sbatch command", e.getMessage());
  }

  @Test
  void passesShellcheck() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck is not installed");
    Path script = dir.resolve("rnn.sbatch");
    Files.writeString(script, ArrayScript.render("rnn",
        SlurmSettings.NONE.withQos("gpu-medium").withTime("1-00:00:00").withMem("16G").withGres("gpu:1"),
        "rnn-slurm-tasks.tsv", 72));
    Process p = new ProcessBuilder("shellcheck", script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }
}
