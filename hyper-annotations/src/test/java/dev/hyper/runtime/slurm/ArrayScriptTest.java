package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.error.HyperException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    assertTrue(script.contains("task=$(( ( ${HYPER_TASK_OFFSET:-0} + SLURM_ARRAY_TASK_ID ) * per_task ))\n"), script);
    assertTrue(script.contains("sed -n \"$(( task + 1 )),$(( task + per_task ))p\" 'rnn-slurm-tasks.tsv'"), script);
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
  void asksForTheWarningSignalAndRequeueAndBoundsTheRequeues() throws Exception {
    String defaults = ArrayScript.render("rnn", SlurmSettings.NONE, "t.tsv", 1);
    assertTrue(defaults.contains("#SBATCH --signal=B:USR1@120\n#SBATCH --requeue\n"), defaults);
    assertTrue(defaults.contains("if [ \"$restarts\" -lt 3 ]; then"), defaults);
    String none = ArrayScript.render("rnn", SlurmSettings.NONE.withSignal(0).withMaxRequeues(1), "t.tsv", 1);
    assertFalse(none.contains("--signal"), "0: no warning");
    assertTrue(none.contains("#SBATCH --requeue\n"), none);
    assertTrue(none.contains("if [ \"$restarts\" -lt 1 ]; then"), none);
    HyperException e = assertThrows(HyperException.class,
        () -> ArrayScript.render("rnn", SlurmSettings.NONE.withSignal(70000).withMaxRequeues(-1), "t.tsv", 1));
    assertEquals("slurm.max_requeues must be 0 or more, was -1\n"
        + "slurm.signal must be from 0 (no warning) to 65535 seconds, was 70000", e.getMessage());
  }

  /** What the script did when run with a stand-in java and scontrol: its exit code and their log lines. */
  private record Ran(int exitCode, List<String> log) {}

  /**
   * Runs the array script of one task with a java that waits for USR1 or TERM and then exits 3 (as {@code run}
   * does after a checkpoint), sends {@code signal} to the script once the java runs, and records what the
   * java received and what scontrol was asked.
   */
  private Ran runScript(String signal, int restartCount) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path log = dir.resolve("log");
    Files.deleteIfExists(log);
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/bash\ntrap 'echo \"java got USR1\" >>\"$LOG\"; exit 3' USR1\n"
        + "trap 'echo \"java got TERM\" >>\"$LOG\"; exit 3' TERM\n"
        + "echo \"java $*\" >>\"$LOG\"\nwhile :; do sleep 0.05; done\n");
    Path scontrol = bin.resolve("scontrol");
    Files.writeString(scontrol, "#!/bin/bash\necho \"scontrol $*\" >>\"$LOG\"\n");
    java.toFile().setExecutable(true);
    scontrol.toFile().setExecutable(true);
    Files.writeString(dir.resolve("t.tsv"), "conf\tconf/e.toml\tser\t-\t-Xmx64m\n");
    Files.writeString(dir.resolve("rnn.sbatch"), ArrayScript.render("rnn",
        SlurmSettings.NONE.withSignal(60).withMaxRequeues(2), "t.tsv", 1));
    ProcessBuilder pb = new ProcessBuilder("bash", "rnn.sbatch").directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("HYPER_JAVA", java.toString());
    pb.environment().put("LOG", log.toString());
    pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
    pb.environment().put("SLURM_ARRAY_JOB_ID", "76");
    pb.environment().put("SLURM_JOB_ID", "77");
    pb.environment().put("SLURM_RESTART_COUNT", Integer.toString(restartCount));
    Process p = pb.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!Files.exists(log) || !Files.readString(log).contains("java ")) {
      assertTrue(System.nanoTime() < deadline, "the java did not start");
      Thread.sleep(20);
    }
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the script ended");
    return new Ran(p.exitValue(), Files.readAllLines(log));
  }

  @Test
  void theTimeLimitsWarningGoesToTheJavaAndAnInterruptedRunRequeuesItself() throws Exception {
    Ran ran = runScript("USR1", 1);
    assertEquals(List.of("java -Xmx64m -jar conf/model.jar run conf/e.toml", "java got USR1", "scontrol requeue 77"),
        ran.log());
    assertEquals(0, ran.exitCode());
    assertTrue(Files.readString(dir.resolve("ser/slurm-76_0.out")).contains("requeueing (restart 2 of at most 2)"));
  }

  @Test
  void noRequeueAfterMaxRequeuesRestarts() throws Exception {
    Ran ran = runScript("USR1", 2);
    assertEquals(List.of("java -Xmx64m -jar conf/model.jar run conf/e.toml", "java got USR1"), ran.log());
    assertEquals(3, ran.exitCode());
  }

  @Test
  void termIsForwardedAndTheRequeueLeftToSlurm() throws Exception {
    Ran ran = runScript("TERM", 0);
    assertEquals(List.of("java -Xmx64m -jar conf/model.jar run conf/e.toml", "java got TERM"), ran.log());
    assertEquals(3, ran.exitCode(), "preempted or cancelled: SLURM decides");
  }

  /**
   * Runs array task 1 of a job packed four experiments to a task ({@code HYPER_PER_TASK=4}) over a task list
   * of eight, with a java that logs its run, exits 1 for {@code e5} (writing FAILED) and 0 for the others
   * (writing DONE), or, for the experiments in {@code waitFor}, waits for USR1 and exits 3.
   */
  private Ran runPacked(int restartCount, String waitFor, String signal) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path log = dir.resolve("log");
    Files.deleteIfExists(log);
    Path java = bin.resolve("java");
    // a java that waits sets its trap before it says it runs: the test signals once it has said so
    Files.writeString(java, "#!/bin/bash\nconf=${*: -1}; e=$(basename \"$conf\" .toml)\n"
        + "if [[ \" $WAIT_FOR \" == *\" $e \"* ]]; then trap 'echo \"$e got USR1\" >>\"$LOG\"; exit 3' USR1;"
        + " echo \"java run $e\" >>\"$LOG\"; while :; do sleep 0.05; done; fi\n"
        + "echo \"java run $e\" >>\"$LOG\"\n"
        + "if [ \"$e\" = e5 ]; then echo FAILED >\"ser/$e/FAILED\"; echo 'training failed' >&2; exit 1; fi\n"
        + "echo DONE >\"ser/$e/DONE\"\n");
    Path scontrol = bin.resolve("scontrol");
    Files.writeString(scontrol, "#!/bin/bash\necho \"scontrol $*\" >>\"$LOG\"\n");
    java.toFile().setExecutable(true);
    scontrol.toFile().setExecutable(true);
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      tasks.append("conf\tconf/e").append(i).append(".toml\tser/e").append(i).append("\t-\n");
    }
    Files.writeString(dir.resolve("t.tsv"), tasks);
    Files.writeString(dir.resolve("rnn.sbatch"), ArrayScript.render("rnn",
        SlurmSettings.NONE.withSignal(60).withMaxRequeues(2), "t.tsv", 8));
    ProcessBuilder pb = new ProcessBuilder("bash", "rnn.sbatch").directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("HYPER_JAVA", java.toString());
    pb.environment().put("LOG", log.toString());
    pb.environment().put("WAIT_FOR", waitFor);
    pb.environment().put("HYPER_PER_TASK", "4");
    pb.environment().put("SLURM_ARRAY_TASK_ID", "1");
    pb.environment().put("SLURM_ARRAY_JOB_ID", "76");
    pb.environment().put("SLURM_JOB_ID", "78");
    pb.environment().put("SLURM_RESTART_COUNT", Integer.toString(restartCount));
    Process p = pb.start();
    if (signal != null) {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!Files.exists(log) || !Files.readString(log).contains("java run " + waitFor)) {
        assertTrue(System.nanoTime() < deadline, "the java did not start");
        Thread.sleep(20);
      }
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
    }
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the script ended");
    return new Ran(p.exitValue(), Files.exists(log) ? Files.readAllLines(log) : List.of());
  }

  @Test
  void aPackedTaskRunsItsLinesInOrderSkipsTheDoneOnesAndOneFailingFailsOnlyItself() throws Exception {
    Files.createDirectories(dir.resolve("ser/e6"));
    Files.writeString(dir.resolve("ser/e6/DONE"), "DONE\n");
    Ran ran = runPacked(0, "", null);
    assertEquals(List.of("java run e4", "java run e5", "java run e7"), ran.log(), "lines 4 to 7, e6 was DONE");
    assertEquals(1, ran.exitCode(), "the array task fails with its failing experiment");
    assertTrue(Files.exists(dir.resolve("ser/e7/DONE")), "the one after the failure ran");
    assertEquals(List.of("training failed", "hyper: failed in this array task (exit 1)"),
        Files.readAllLines(dir.resolve("ser/e5/slurm-76_1.out")));
    assertEquals(List.of("hyper: conf/e6.toml is DONE, skipped"), Files.readAllLines(dir.resolve("ser/e6/slurm-76_1.out")));
    assertFalse(Files.exists(dir.resolve("ser/e0")), "not lines of task 0");

    Ran again = runPacked(1, "", null);   // requeued (e.g. the node failed): nothing runs twice
    assertEquals(List.of(), again.log());
    assertEquals(1, again.exitCode());
    assertTrue(Files.readString(dir.resolve("ser/e5/slurm-76_1.out"))
        .endsWith("hyper: conf/e5.toml failed in an earlier run of this array task, skipped\n"));
  }

  @Test
  void aPackedTaskWarnedOfItsTimeLimitStopsAfterTheRunningOneAndItsRequeueResumesThere() throws Exception {
    Ran ran = runPacked(0, "e4", "USR1");
    assertEquals(List.of("java run e4", "e4 got USR1", "scontrol requeue 78"), ran.log(), "e5 to e7 did not start");
    assertEquals(0, ran.exitCode());
    assertTrue(Files.readString(dir.resolve("ser/e4/slurm-76_1.out")).contains("requeueing (restart 1 of at most 2)"));

    Ran requeued = runPacked(1, "", null);
    assertEquals(List.of("java run e4", "java run e5", "java run e6", "java run e7"), requeued.log());
    assertEquals(1, requeued.exitCode(), "e5 fails");
  }

  @Test
  void aPackedTaskStoppedByTermLeavesTheRestToSlurm() throws Exception {
    Ran ran = runPacked(0, "e5", "TERM");
    assertEquals(List.of("java run e4", "java run e5"), ran.log(), "TERM goes to e5's java, which has no TERM trap");
    assertEquals(3, ran.exitCode(), "interrupted: SLURM requeues a preempted task");
    assertFalse(Files.exists(dir.resolve("ser/e6")), "nothing starts after TERM");
  }

  @Test
  void passesShellcheck() throws Exception {
    Path shellcheck = dev.hyper.runtime.Required.tool("shellcheck");
    Path script = dir.resolve("rnn.sbatch");
    Files.writeString(script, ArrayScript.render("rnn",
        SlurmSettings.NONE.withQos("gpu-medium").withTime("1-00:00:00").withMem("16G").withGres("gpu:1")
            .withSignal(300).withMaxRequeues(5), "rnn-slurm-tasks.tsv", 72));
    Process p = new ProcessBuilder(shellcheck.toString(), script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    // rows drawn from the manifest's plan: the lines come from the invocation's program
    Files.writeString(script, ArrayScript.render("rnn", SlurmSettings.NONE.withSignal(300), "rnn-slurm-tasks.tsv",
        1_000_000, new ArrayScript.DrawnLines("config/generated/rnn/.lazy/1/model.jar", "/opt/java 17")));
    assertTrue(Files.readString(script).contains("\"$hyper_java\" -jar 'config/generated/rnn/.lazy/1/model.jar'"
        + " task-lines 'rnn' --out . --from \"$task\" --count \"$per_task\")"), Files.readString(script));
    Process drawn = new ProcessBuilder(shellcheck.toString(), script.toString()).redirectErrorStream(true).start();
    String drawnOut = new String(drawn.getInputStream().readAllBytes());
    assertEquals(0, drawn.waitFor(), drawnOut);
  }
}
