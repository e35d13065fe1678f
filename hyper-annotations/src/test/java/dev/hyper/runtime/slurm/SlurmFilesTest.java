package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.manifest.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task list and the array script, and what the script does under bash with SLURM's variables. */
class SlurmFilesTest {
  @TempDir Path root;

  private void experiment(String id, int trial) throws Exception {
    Path dir = Files.createDirectories(root.resolve("config/generated/rnn").resolve(id).resolve(Integer.toString(trial)));
    Files.writeString(dir.resolve(id + ".toml"), "name = \"rnn\"\n");
  }

  @Test
  void taskNumbersNeverMove() throws Exception {
    experiment("bbb", 0);
    experiment("ccc", 0);
    experiment("ccc", 1);
    List<Task> first = SlurmFiles.write(root, "rnn", SlurmSettings.NONE);
    assertEquals(List.of("bbb/0", "ccc/0", "ccc/1"), first.stream().map(Task::label).toList());
    assertEquals("config/generated/rnn/bbb/0\tconfig/generated/rnn/bbb/0/bbb.toml\tmodel/generated/rnn/bbb/0\t-",
        Files.readAllLines(root.resolve("rnn-slurm-tasks.tsv")).get(0));

    experiment("aaa", 0); // sorts first, but is new: appended, so queued tasks 0-2 keep their experiments
    List<Task> second = SlurmFiles.write(root, "rnn", SlurmSettings.NONE);
    assertEquals(List.of("bbb/0", "ccc/0", "ccc/1", "aaa/0"), second.stream().map(Task::label).toList());
    assertEquals(second, SlurmFiles.readTasks(root, "rnn"));
    assertTrue(Files.readString(root.resolve("rnn.sbatch")).contains("#SBATCH --array=0-3\n"));
    assertTrue(Files.isExecutable(root.resolve("rnn.sbatch")));
  }

  @Test
  void newTasksFollowTheManifestsOrderThenTheRestById() throws Exception {
    experiment("aaa", 0);
    experiment("bbb", 0);
    experiment("ccc", 0);
    Files.writeString(root.resolve("rnn-manifest.tsv"), "# Hyper sweep manifest v1\n# sweep: rnn\n"
        + "index\tid\ttrial\tlr\tconfig\n"
        + "0\tccc\t0\t0.1\tconfig/generated/rnn/ccc/0/ccc.toml\n"
        + "1\tzzz\t0\t0.2\tconfig/generated/rnn/zzz/0/zzz.toml\n" // not on disk: listed, so task k stays row k
        + "2\taaa\t0\t0.3\tconfig/generated/rnn/aaa/0/aaa.toml\n");
    assertEquals(List.of("ccc/0", "zzz/0", "aaa/0", "bbb/0"),
        SlurmFiles.write(root, "rnn", SlurmSettings.NONE).stream().map(Task::label).toList());
  }

  @Test
  void theScriptRunsItsTasksExperimentFromItsSnapshotAndSkipsDoneOnes() throws Exception {
    dev.hyper.runtime.Required.tool("bash");
    experiment("aaa", 0);
    experiment("bbb", 0);
    experiment("ccc", 0);
    SlurmFiles.write(root, "rnn", SlurmSettings.NONE.withMaxParallel(2));
    assertTrue(Files.readString(root.resolve("rnn.sbatch")).contains("#SBATCH --array=0-2%2\n"));
    Path java = root.resolve("fake java");
    Files.writeString(java, "#!/bin/sh\necho \"ran: $*\"\n");
    assertTrue(java.toFile().setExecutable(true));

    // task 2 = offset 1 + array index 1
    assertEquals(0, bash(Map.of("SLURM_ARRAY_JOB_ID", "7", "SLURM_ARRAY_TASK_ID", "1", "HYPER_TASK_OFFSET", "1",
        "HYPER_JAVA", java.toString())));
    Path out = root.resolve("model/generated/rnn/ccc/0/slurm-7_1.out");
    assertEquals("ran: -jar config/generated/rnn/ccc/0/model.jar run config/generated/rnn/ccc/0/ccc.toml\n",
        Files.readString(out));

    Files.writeString(root.resolve("model/generated/rnn/ccc/0/DONE"), "marker = \"DONE\"\n");
    assertEquals(0, bash(Map.of("SLURM_ARRAY_JOB_ID", "8", "SLURM_ARRAY_TASK_ID", "2", "HYPER_JAVA", java.toString())));
    assertEquals("hyper: config/generated/rnn/ccc/0/ccc.toml is DONE, skipped\n",
        Files.readString(root.resolve("model/generated/rnn/ccc/0/slurm-8_2.out")));

    assertEquals(2, bash(Map.of("SLURM_ARRAY_JOB_ID", "9", "SLURM_ARRAY_TASK_ID", "3", "HYPER_JAVA", java.toString())));
    String errors = Files.readString(root.resolve("rnn-slurm-errors.log"));
    assertTrue(errors.contains("job 9_3: no experiment for task 3 in the task list"), errors);
  }

  @Test
  void theScriptPassesShellcheck() throws Exception {
    Path shellcheck = dev.hyper.runtime.Required.tool("shellcheck");
    experiment("aaa", 0);
    SlurmFiles.write(root, "rnn", SlurmSettings.NONE.withQos("normal").withPartition("debug").withCpus(2)
        .withMem("1G").withGres("gpu:1").withTime("10:00").withMaxParallel(4));
    Process p = new ProcessBuilder(shellcheck.toString(), root.resolve("rnn.sbatch").toString()).redirectErrorStream(true)
        .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), text);
    assertFalse(Files.readString(root.resolve("rnn.sbatch")).contains("''"), "no empty values");
  }

  private int bash(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "rnn.sbatch").directory(root.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
