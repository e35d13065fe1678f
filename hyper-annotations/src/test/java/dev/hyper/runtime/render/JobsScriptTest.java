package dev.hyper.runtime.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsScriptTest {
  static final SlurmSettings NASTY = SlurmSettings.NONE.withQos("it's $(touch INJECTED)").withTime("1-00:00:00")
      .withPartition("gpu part").withCpus(4).withMem("16G").withGres("gpu:1");

  @TempDir Path dir;

  private ExperimentInfo info(String id, int trial, SlurmSettings slurm) {
    return new ExperimentInfo("rnn", id, trial, 2, 1L, Layout.confDir("rnn", id, trial),
        Layout.confPath("rnn", id, trial), Layout.configJson("rnn", id, trial),
        Layout.serializationDir("rnn", id, trial), dir.toAbsolutePath(), slurm, SNAPSHOT);
  }

  /** A snapshot made on a runtime that is not on this machine, with JVM options a shell must not read. */
  static final ExperimentInfo.Snapshot SNAPSHOT = new ExperimentInfo.Snapshot("model.jar", 1, "ab".repeat(32),
      "x.Main", new dev.hyper.runtime.JavaRuntime("17.0.1", "v", "/opt/no such jdk"),
      List.of("-Xmx300m", "-Dq=it's $(touch INJECTED)"));

  @Test
  void plainScriptHasShebangCdAndOneQuotedLinePerExperiment() throws Exception {
    String script = JobsScript.render("rnn", List.of(info("aaa", 0, SlurmSettings.NONE), info("aaa", 1,
        SlurmSettings.NONE)), false);
    assertEquals("""
        #!/usr/bin/env bash
        # Hyper sweep rnn: 2 experiments; paths are relative to this script.
        cd -- "$(dirname -- "$0")" || exit 2
        # while it runs, this script is recorded in 'rnn-jobs.running': status, exec and submit count the experiments it has not run yet as queued
        hyper_run='rnn-jobs.running'/"$(uname -n)-$$"
        mkdir -p -- 'rnn-jobs.running' && printf '%s\\t%s\\t%s\\n' "$(uname -n)" "$$" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$hyper_run" || echo 'warning: cannot record this script in rnn-jobs.running; status will call its experiments pending' >&2
        trap 'rm -f -- "$hyper_run"' EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        # the java launcher: $HYPER_JAVA, else the sweep's where it exists, else java from PATH
        hyper_java='/opt/no such jdk/bin/java'; [ -x "$hyper_java" ] || hyper_java=java; hyper_java="${HYPER_JAVA:-$hyper_java}"
        "$hyper_java" '-Xmx300m' '-Dq=it'\\''s $(touch INJECTED)' -jar 'config/generated/rnn/aaa/0/model.jar' run 'config/generated/rnn/aaa/0/aaa.toml'
        "$hyper_java" '-Xmx300m' '-Dq=it'\\''s $(touch INJECTED)' -jar 'config/generated/rnn/aaa/1/model.jar' run 'config/generated/rnn/aaa/1/aaa.toml'
        """, script);
    assertBashAccepts(script);
  }

  @Test
  void plainScriptRunsJavaFromPathOrHyperJavaWithTheOptionsVerbatim() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("java", "other-java")) {
      Path fake = bin.resolve(tool);
      Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s' " + tool
          + "; for a in \"$@\"; do printf '<%s>' \"$a\"; done; echo\n");
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path script = dir.resolve("rnn-jobs.sh");
    Files.writeString(script, JobsScript.render("rnn", List.of(info("abc", 0, SlurmSettings.NONE)), false));
    String expected = "<-Xmx300m><-Dq=it's $(touch INJECTED)><-jar><config/generated/rnn/abc/0/model.jar><run>"
        + "<config/generated/rnn/abc/0/abc.toml>\n";
    assertEquals("java" + expected, runScript(script, bin, null));
    assertEquals("other-java" + expected, runScript(script, bin, bin.resolve("other-java").toString()));
    assertTrue(Files.notExists(dir.resolve("INJECTED")));
  }

  @Test
  void plainScriptRecordsItselfWhileItRunsAndRemovesTheRecordWhenItEnds() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fakeJava = bin.resolve("java");
    // the fake java shows what the record says while the script runs
    Files.writeString(fakeJava, "#!/usr/bin/env bash\nfor f in rnn-jobs.running/*; do printf '%s: ' \"$f\"; cat \"$f\"; done\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = dir.resolve("rnn-jobs.sh");
    Files.writeString(script, JobsScript.render("rnn", List.of(info("abc", 0, SlurmSettings.NONE)), false));
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(bin.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("HYPER_JAVA");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    String host = dev.hyper.runtime.status.Markers.hostName();
    assertTrue(out.matches("rnn-jobs.running/" + java.util.regex.Pattern.quote(host + "-" + p.pid()) + ": "
        + java.util.regex.Pattern.quote(host) + "\t" + p.pid() + "\t20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n"), out);
    try (var left = Files.list(dir.resolve("rnn-jobs.running"))) {
      assertEquals(List.of(), left.toList(), "the record is gone once the script has ended");
    }
  }

  private static String runScript(Path script, Path bin, String hyperJava) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(bin.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("HYPER_JAVA");
    if (hyperJava != null) {
      pb.environment().put("HYPER_JAVA", hyperJava);
    }
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void slurmScriptQuotesEveryValueAndWrapsTheSameCommand() throws Exception {
    String script = JobsScript.render("rnn", List.of(info("abc", 0, NASTY)), true);
    List<String> lines = script.lines().toList();
    String line = lines.get(lines.size() - 1);
    assertEquals("mkdir -p -- 'model/generated/rnn/abc/0' && hyper_sbatch 'config/generated/rnn/abc/0/abc.toml' --qos 'it'\\''s $(touch INJECTED)' --time '1-00:00:00' --partition 'gpu part'"
        + " --cpus-per-task '4' --mem '16G' --gres 'gpu:1' --job-name 'rnn-abc-0'"
        + " --output 'model/generated/rnn/abc/0/slurm-%j.out'"
        + " --wrap 'hyper_java='\\''/opt/no such jdk/bin/java'\\''; [ -x \"$hyper_java\" ] || hyper_java=java;"
        + " hyper_java=\"${HYPER_JAVA:-$hyper_java}\"; exec \"$hyper_java\" '\\''-Xmx300m'\\'' '\\''-Dq=it'\\''\\'\\'''\\''s"
        + " $(touch INJECTED)'\\'' -jar '\\''config/generated/rnn/abc/0/model.jar'\\'' run"
        + " '\\''config/generated/rnn/abc/0/abc.toml'\\'''",
        line);
    assertBashAccepts(script);
  }

  @Test
  void runningTheScriptPassesValuesVerbatimAndRunsNothingElse() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("java", "sbatch")) {
      Path fake = bin.resolve(tool);
      // sbatch --parsable prints the job id and cluster; the arguments go to a log
      Files.writeString(fake, "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '<%s>' \"$a\"; done >>\"$(dirname \"$0\")/"
          + tool + ".log\"; echo >>\"$(dirname \"$0\")/" + tool + ".log\"; echo '4242;cluster'\n");
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path script = dir.resolve("rnn-jobs.sh");
    Files.writeString(script, JobsScript.render("rnn", List.of(info("abc", 0, NASTY)), true));
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(bin.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals("Submitted batch job 4242 (config/generated/rnn/abc/0/abc.toml)\n", out);
    List<String> jobs = Files.readAllLines(dir.resolve("rnn-slurm-jobs.tsv"));
    assertEquals(2, jobs.size(), jobs.toString());
    assertEquals(dev.hyper.runtime.slurm.SlurmJobs.HEADER, jobs.get(0));
    assertTrue(jobs.get(1).matches("4242\t-\t-\t1\t20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\t"
        + "config/generated/rnn/abc/0/abc.toml"), jobs.get(1));
    List<dev.hyper.runtime.slurm.SlurmJobs.Submission> read = dev.hyper.runtime.slurm.SlurmJobs.read(dir, "rnn");
    assertEquals("4242", read.get(0).jobId());
    assertEquals("config/generated/rnn/abc/0/abc.toml", read.get(0).experiment());
    assertEquals("<--parsable><--qos><it's $(touch INJECTED)><--time><1-00:00:00><--partition><gpu part><--cpus-per-task><4>"
        + "<--mem><16G><--gres><gpu:1><--job-name><rnn-abc-0><--output><model/generated/rnn/abc/0/slurm-%j.out>"
        + "<--wrap><hyper_java='/opt/no such jdk/bin/java'; [ -x \"$hyper_java\" ] || hyper_java=java;"
        + " hyper_java=\"${HYPER_JAVA:-$hyper_java}\"; exec \"$hyper_java\" '-Xmx300m' '-Dq=it'\\''s $(touch INJECTED)'"
        + " -jar 'config/generated/rnn/abc/0/model.jar' run 'config/generated/rnn/abc/0/abc.toml'>\n",
        Files.readString(bin.resolve("sbatch.log")));
    assertTrue(Files.notExists(bin.resolve("java.log")), "sbatch only submits");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().equals("INJECTED")));
    }
    assertTrue(Files.notExists(bin.resolve("INJECTED")));
  }

  @Test
  void lineBreakInASlurmValueIsRefused() {
    HyperException e = assertThrows(HyperException.class, () -> JobsScript.render("rnn",
        List.of(info("abc", 0, SlurmSettings.NONE.withQos("a\nrm -rf /"))), true));
    assertTrue(e.getMessage().startsWith("slurm --qos holds a line break"), e.getMessage());
  }

  static void assertBashAccepts(String script) throws Exception {
    Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals("", out);
  }
}
